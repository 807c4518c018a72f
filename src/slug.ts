/** URL- and file-system-safe slugs, unique within a set. */
import { BoundedMemo } from './memo.ts';

/** Names Windows reserves for devices: never a file or folder name. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;
const MAX = 80;

/** ASCII lowercase words joined by `-`, at most 80 characters, never empty, never reserved. */
export function slugify(text: string, fallback = 'untitled'): string {
  return slugs.get(`${fallback}\u0000${text}`, () => makeSlug(text, fallback));
}

/** Slugs remembered (titles and names recur across rebuilds). */
const slugs = new BoundedMemo<string>(200_000);

function makeSlug(text: string, fallback: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/gi, 'ae')
    .replace(/[øØ]/g, 'o')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  let slug = ascii.length > MAX ? ascii.slice(0, MAX).replace(/-[^-]*$/, '') : ascii;
  if (slug === '') slug = fallback;
  return RESERVED.test(slug) ? `${slug}-` + fallback : slug;
}

/**
 * Gives each key a unique slug: the first to ask (in the caller's order) gets the plain slug,
 * later ones `-2`, `-3`… Comparison ignores case, so two slugs never collide on a
 * case-insensitive file system.
 */
export function uniqueSlugs(keys: readonly { key: string; text: string }[], fallback?: string): Map<string, string> {
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const { key, text } of keys) {
    const base = slugify(text, fallback);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    out.set(key, slug);
  }
  return out;
}

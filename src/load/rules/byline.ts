/** Bylines: `By A, B and C`, alone on a line or after the date; `By Reuters Staff` names no person. */
import { parseLeadingDate } from './dates.ts';
import type { ArticleDate } from '../../types.ts';

const BY = /^by\s+(.+)$/i;
/** A byline or date line is short; longer lines are body text and are not searched. */
const MAX_META = 300;
/** Words that mark a byline as a desk or an agency rather than a person. */
const DESK = /\b(staff|correspondents?|reporters?|desk|agenc(y|ies)|wires?|news service)\b/i;

/** The people named in a byline (`By Jane Doe and John Roe in London`), or null when it is not one. */
export function parseByline(line: string): { authors: string[]; agency: string | null } | null {
  if (line.length > MAX_META) return null;
  const m = BY.exec(line.trim());
  if (!m) return null;
  let names = (m[1] ?? '').trim().replace(/[.;]$/, '');
  // `By Jane Doe in London`, `By Jane Doe, Reuters`: the place and the employer are not authors.
  names = names.replace(/\s+in\s+\p{Lu}[\p{L} .'-]*$/u, '');
  if (DESK.test(names)) return { authors: [], agency: names.replace(DESK, '').trim() || null };
  const parts = names
    .split(/\s*(?:,|;|&|\band\b)\s*/i)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || !parts.every(isPersonName)) return null;
  return { authors: parts, agency: null };
}

/** A person's name as bylines print it: two to five words, each capitalised (particles allowed). */
export function isPersonName(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  // Capitalised words, name particles (`van`, `de`), and elided particles (`d'Afflisio`, `O'Neill`).
  return words.every((w) => /^(\p{Lu}[\p{L}'’.-]*|\p{Ll}{1,2}['’]\p{Lu}[\p{L}'’-]*|de|da|van|von|der|den|la|le|al|bin|el|di|du)$/u.test(w));
}

/** Labels sites put before a date: `Published: `, `Updated `, `Last updated`. */
const DATE_LABEL = /^(?:(?:first\s+)?published|(?:last\s+)?updated|posted|date)\s*:?\s+/i;
/** What sits between a byline and a date on one line: `By Jane Doe | 2 March 1987`. */
const SEPARATOR = /\s+[|·•–—-]\s+|,\s+/g;

/**
 * A line that starts with a date and may go on with a byline
 * (`30 June 2025 - 16:15 By Joyce Lee, Jack Kim and Hyun Young Yi`), or a byline followed by a
 * date (`By Jane Doe | Published 2 March 1987`). A label before the date is allowed.
 */
export function parseDateByline(line: string): { date: ArticleDate; authors: string[] } | null {
  const text = line.trim().replace(DATE_LABEL, '');
  if (text.length > MAX_META) return null;
  if (/^by\s/i.test(text)) return parseBylineThenDate(text);
  const found = parseLeadingDate(text);
  if (!found) return null;
  const rest = text.slice(found.length).replace(/^[\s,|·•–—-]+/, '');
  if (rest === '') return { date: found.date, authors: [] };
  const byline = parseByline(rest);
  return byline ? { date: found.date, authors: byline.authors } : null;
}

function parseBylineThenDate(text: string): { date: ArticleDate; authors: string[] } | null {
  for (const m of text.matchAll(SEPARATOR)) {
    const left = text.slice(0, m.index);
    const right = text.slice(m.index + m[0].length).replace(DATE_LABEL, '');
    const found = parseLeadingDate(right);
    if (!found || found.length < right.replace(/\s+$/, '').length - 1) continue;
    const byline = parseByline(left);
    if (byline) return { date: found.date, authors: byline.authors };
  }
  return null;
}

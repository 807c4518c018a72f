/**
 * Copies → one Story. The canonical copy is the most complete one: a copy of the page's own
 * article before a related-article excerpt, then the most words, then the most paragraphs, then
 * the smallest id. Every other field comes from the best-ranked copy that has it, recorded in
 * `provenance`; a paragraph found only in another copy is appended, so no text is lost.
 */
import type { Article, ArticleDate, ArticleField, Paragraph, Story } from '../types.ts';
import { sortableDate } from '../load/rules/dates.ts';
import { uniqueSlugs } from '../slug.ts';
import { sameCopies } from './keys.ts';
import { paragraphWords, wordsOfParagraph, type ParagraphWords } from './normalise.ts';
import { intersectionSize, shingles } from './shingle.ts';
import type { Fingerprint } from './verify.ts';

/** Indices of `prints`, best candidate for canonical copy first. */
export function rankCopies(prints: ReadonlyArray<Pick<Fingerprint, 'article' | 'wordCount'>>): number[] {
  return prints
    .map((_, i) => i)
    .sort((i, j) => {
      const a = prints[i]!;
      const b = prints[j]!;
      return (
        Number(a.article.embeddedIn !== null) - Number(b.article.embeddedIn !== null) ||
        b.wordCount - a.wordCount ||
        b.article.paragraphs.length - a.article.paragraphs.length ||
        (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0)
      );
    });
}

/** What mergeStory may be given besides the copies. */
export interface MergeOptions {
  /** The k-th copy's words by paragraph, when the caller has them (else they are read). */
  readonly wordsOf?: (k: number) => ParagraphWords | undefined;
  /** Remember the story by its copies, for a later build in this process (the preview). */
  readonly remember?: boolean;
}

/** Merges copies already in rank order (canonical first). The story id is assigned later. */
export function mergeStory(copies: readonly Article[], options: MergeOptions = {}): Story {
  // Articles are read-only: the same copies in the same order always merge the same way.
  const seen = merged.get(copies[0]!);
  if (seen && sameCopies(seen.copies, copies)) return seen.story;
  const story = computeMerge(copies, (k) => options.wordsOf?.(k) ?? paragraphWords(copies[k]!.paragraphs.map((p) => p.text)));
  if (options.remember && copies[0]) merged.set(copies[0], { copies: [...copies], story });
  return story;
}

const merged = new WeakMap<Article, { copies: readonly Article[]; story: Story }>();

function computeMerge(copies: readonly Article[], wordsOf: (k: number) => ParagraphWords): Story {
  const canonical = copies[0];
  if (!canonical) throw new Error('mergeStory expects at least one copy');
  const provenance: Partial<Record<ArticleField, string>> = {};
  function pick<T>(field: ArticleField, get: (a: Article) => T | null, has: (v: T) => boolean = () => true): T | null {
    for (const copy of copies) {
      const value = get(copy);
      if (value !== null && has(value)) {
        provenance[field] = copy.id;
        return value;
      }
    }
    return null;
  }
  const title = pick('title', (a) => a.title) ?? canonical.title;
  const date = mergeDate(copies, provenance);
  provenance.paragraphs = canonical.id;
  return {
    id: '',
    title,
    date,
    section: pick('section', (a) => a.section),
    authors: pick('authors', (a) => a.authors, (v) => v.length > 0) ?? [],
    agency: pick('agency', (a) => a.agency),
    dateline: pick('dateline', (a) => a.dateline),
    image: pick('image', (a) => a.image, (v) => v.caption !== '' || v.credit !== null),
    paragraphs: unionParagraphs(copies, wordsOf),
    sources: copies,
    provenance,
    tags: [],
    related: [],
  };
}

/**
 * The best-ranked copy's date, completed by the others: a missing year or time is taken from a
 * copy that shows the same day. Related-article excerpts only count when no page dates the story.
 */
function mergeDate(copies: readonly Article[], provenance: Partial<Record<ArticleField, string>>): ArticleDate | null {
  const dated = copies.filter((c) => c.date && !c.embeddedIn);
  const pool = dated.length ? dated : copies.filter((c) => c.date);
  const first = pool.find((c) => c.date?.year !== null) ?? pool[0];
  if (!first?.date) return null;
  provenance.date = first.id;
  let { year, time } = first.date;
  for (const c of pool) {
    const d = c.date!;
    if (d.month !== first.date.month || d.day !== first.date.day) continue;
    year ??= d.year;
    time ??= d.time;
  }
  return { ...first.date, year, time };
}

/** Words of a paragraph that another copy must share (as 3-word runs) for it to count as present. */
const PRESENT = 0.5;

/** The canonical copy's paragraphs, then any paragraph of a full copy that the canonical lacks. */
function unionParagraphs(copies: readonly Article[], wordsOf: (k: number) => ParagraphWords): Paragraph[] {
  const out: Paragraph[] = [...copies[0]!.paragraphs];
  // An excerpt in a related-articles list adds nothing the page's own copies lack.
  if (!copies.some((c, k) => k > 0 && !c.embeddedIn)) return out;
  // The words of the paragraphs kept so far, and their 3-word runs (as shingle hashes).
  const kept = [wordsOf(0).hashes];
  let known = shingles(kept[0]!, 3);
  copies.forEach((copy, k) => {
    if (k === 0 || copy.embeddedIn) return;
    const words = wordsOf(k);
    copy.paragraphs.forEach((p, n) => {
      const own = wordsOfParagraph(words, n);
      const runs = shingles(own, 3);
      if (runs.length === 0 || intersectionSize(runs, known) >= PRESENT * runs.length) return;
      out.push(p);
      kept.push(own);
      known = shingles(concatenated(kept), 3);
    });
  });
  return out;
}

function concatenated(parts: readonly Uint32Array[]): Uint32Array {
  const out = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A unique, stable id per story from its headline; earlier stories keep the plain slug. */
export function storyIds(stories: readonly Story[]): Map<string, string> {
  // By day (undated last), then canonical copy; keys computed once, not per comparison.
  const days = new Map(stories.map((s) => [s, sortableDate(s.date).slice(0, 10) || '~']));
  const ordered = [...stories].sort((a, b) => {
    const da = days.get(a)!;
    const db = days.get(b)!;
    if (da !== db) return da < db ? -1 : 1;
    const ia = a.sources[0]!.id;
    const ib = b.sources[0]!.id;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
  return uniqueSlugs(ordered.map((s) => ({ key: s.sources[0]!.id, text: s.title })), 'story');
}

/** Exact comparison of two candidate copies on their shingle sets, numbers and dates. */
import type { Article } from '../types.ts';
import { daysBetween } from '../load/rules/dates.ts';
import type { ParagraphWords } from './normalise.ts';
import type { Options } from './options.ts';
import { intersectionSize } from './shingle.ts';

/** What dedup knows about one article. */
export interface Fingerprint {
  readonly article: Article;
  readonly wordCount: number;
  readonly shingles: Uint32Array;
  /** Sorted, unique numbers in the text. */
  readonly numbers: readonly string[];
  /**
   * The article's words by paragraph, which merging its story reads again; only while dedup
   * runs (a fingerprint the preview remembers between builds drops them).
   */
  readonly words?: ParagraphWords;
}

/** The measurements behind a merge decision, kept for `--explain`. */
export interface Verdict {
  readonly jaccard: number;
  readonly containment: number;
  readonly dateGapDays: number | null;
  readonly merge: boolean;
  readonly reason: string;
}

/** Decides whether two articles are copies of one story. */
export function verifyPair(a: Fingerprint, b: Fingerprint, options: Options): Verdict {
  const inter = intersectionSize(a.shingles, b.shingles);
  const union = a.shingles.length + b.shingles.length - inter;
  const jaccard = union === 0 ? 0 : inter / union;
  const smaller = Math.min(a.shingles.length, b.shingles.length);
  const containment = smaller === 0 ? 0 : inter / smaller;
  const dateGapDays = dateGap(a.article, b.article);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  const verdict = (merge: boolean, reason: string): Verdict => ({
    jaccard: round(jaccard),
    containment: round(containment),
    dateGapDays,
    merge,
    reason,
  });
  const shorter = Math.min(a.wordCount, b.wordCount);
  const similar = jaccard >= options.jaccard;
  const contained =
    (containment >= options.containment && shorter >= options.minContainmentWords) ||
    (containment >= options.shortContainment && shorter >= options.minShortContainmentWords);
  if (!similar && !contained) return verdict(false, 'texts differ');
  if (dateGapDays !== null && dateGapDays > options.maxDateGapDays) return verdict(false, `dates ${dateGapDays} days apart`);
  if (shorter < options.shortTextWords && !numbersAgree(a, b)) return verdict(false, 'short texts with different numbers');
  return verdict(true, similar ? 'similar text' : 'one copy contains the other');
}

/**
 * Days between two copies' dates when both are fully known from the page itself. The date of an
 * embedded related article comes from a relative age ("5 hours ago") and is not evidence.
 */
function dateGap(a: Article, b: Article): number | null {
  if (!a.date || !b.date || a.embeddedIn || b.embeddedIn) return null;
  // A dateline's month and day without a year is too weak to keep copies apart.
  if (a.date.year === null || b.date.year === null) return null;
  return daysBetween(a.date, b.date);
}

/** Every number of the shorter text also appears in the longer one (a truncated copy drops some). */
function numbersAgree(a: Fingerprint, b: Fingerprint): boolean {
  const [short, long] = a.wordCount <= b.wordCount ? [a, b] : [b, a];
  const have = new Set(long.numbers);
  return short.numbers.every((n) => have.has(n));
}

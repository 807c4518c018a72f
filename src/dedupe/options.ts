/** Dedup thresholds, with the values measured on the corpus (see README, "Deduplication"). */
export interface Options {
  /** Words per shingle. */
  readonly shingleSize: number;
  /** MinHash values per signature: bands × rows. */
  readonly bands: number;
  readonly rows: number;
  /** LSH buckets with more items than this are shared boilerplate, not duplicates: skipped. */
  readonly maxBucket: number;
  /** Merge when shingle Jaccard is at least this… */
  readonly jaccard: number;
  /** …or when the shorter copy's shingles are this much contained in the longer… */
  readonly containment: number;
  /** …and the shorter copy has at least this many words. */
  readonly minContainmentWords: number;
  /** A short copy merges when almost all of it is contained in the other (a truncated brief)… */
  readonly shortContainment: number;
  /** …if it has at least this many words. */
  readonly minShortContainmentWords: number;
  /** Copies whose dates (both known) are further apart than this are different stories. */
  readonly maxDateGapDays: number;
  /** Below this many words two texts must mention exactly the same numbers to merge. */
  readonly shortTextWords: number;
}

export const defaultOptions: Options = {
  shingleSize: 5,
  bands: 42,
  rows: 3,
  maxBucket: 200,
  jaccard: 0.6,
  containment: 0.8,
  minContainmentWords: 50,
  shortContainment: 0.95,
  minShortContainmentWords: 10,
  maxDateGapDays: 3,
  shortTextWords: 50,
};

/** LSH banding: items whose signatures agree on every row of some band become candidate pairs. */
export interface LshResult {
  /** Candidate pairs as [i, j] with i < j, sorted, without repeats. */
  readonly pairs: ReadonlyArray<readonly [number, number]>;
  /** Buckets skipped for being larger than `maxBucket` (text shared by too many items: boilerplate). */
  readonly oversized: ReadonlyArray<readonly number[]>;
}

/** Candidate pairs from signatures split into `bands` bands of `rows` rows. */
export function lshCandidates(signatures: readonly Uint32Array[], bands: number, rows: number, maxBucket: number): LshResult {
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const oversized: number[][] = [];
  const n = signatures.length;
  for (let b = 0; b < bands; b++) {
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const sig = signatures[i]!;
      let key = '';
      for (let r = 0; r < rows; r++) key += sig[b * rows + r]!.toString(36) + ',';
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
    for (const bucket of buckets.values()) {
      if (bucket.length < 2) continue;
      if (bucket.length > maxBucket) {
        oversized.push(bucket);
        continue;
      }
      for (let x = 0; x < bucket.length; x++) {
        for (let y = x + 1; y < bucket.length; y++) {
          const i = bucket[x]!;
          const j = bucket[y]!;
          const id = i * n + j;
          if (!seen.has(id)) {
            seen.add(id);
            pairs.push([i, j]);
          }
        }
      }
    }
  }
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  return { pairs, oversized };
}

/** LSH banding: items whose signatures agree on every row of some band become candidate pairs. */

export interface LshResult {
  /** Candidate pairs as [i, j] with i < j, sorted, without repeats. */
  readonly pairs: ReadonlyArray<readonly [number, number]>;
  /** Buckets skipped for being larger than `maxBucket` (text shared by too many items: boilerplate). */
  readonly oversized: ReadonlyArray<readonly number[]>;
}

/**
 * Candidate pairs from signatures split into `bands` bands of `rows` rows. Each band's rows are
 * hashed to one 32-bit key (a rare collision only adds a candidate that verification rejects);
 * items are grouped by sorting key and index packed in one float, a native numeric sort with no
 * per-bucket arrays.
 */
/** Items are numbered below 2^21, so a 32-bit key and an index fit one float exactly. */
const INDEX_SPACE = 2 ** 21;

export function lshCandidates(signatures: readonly Uint32Array[], bands: number, rows: number, maxBucket: number): LshResult {
  const n = signatures.length;
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const oversized: number[][] = [];
  if (n > INDEX_SPACE) throw new Error(`lshCandidates handles at most ${INDEX_SPACE} items, got ${n}`);
  const packed = new Float64Array(n);
  const keys = new Uint32Array(n);
  const order = new Uint32Array(n);
  const bandKeys = signatures.map((sig) => bandKeysOf(sig, bands, rows));
  for (let b = 0; b < bands; b++) {
    for (let i = 0; i < n; i++) packed[i] = bandKeys[i]![b]! * INDEX_SPACE + i;
    packed.sort();
    for (let i = 0; i < n; i++) {
      const v = packed[i]!;
      order[i] = v % INDEX_SPACE;
      keys[i] = Math.floor(v / INDEX_SPACE);
    }
    for (let start = 0; start < n; ) {
      let end = start + 1;
      while (end < n && keys[end] === keys[start]) end++;
      const size = end - start;
      if (size > maxBucket) oversized.push(Array.from(order.subarray(start, end)));
      else if (size > 1) {
        for (let x = start; x < end; x++) {
          for (let y = x + 1; y < end; y++) {
            const i = order[x]!;
            const j = order[y]!;
            const id = i * n + j;
            if (!seen.has(id)) {
              seen.add(id);
              pairs.push([i, j]);
            }
          }
        }
      }
      start = end;
    }
  }
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  return { pairs, oversized };
}

/** Each band's rows hashed to one 32-bit key; remembered by signature (the preview keeps signatures). */
function bandKeysOf(sig: Uint32Array, bands: number, rows: number): Uint32Array {
  const seen = bandMemo.get(sig);
  if (seen && seen.rows === rows && seen.keys.length === bands) return seen.keys;
  const keys = new Uint32Array(bands);
  for (let b = 0; b < bands; b++) {
    let h = 0x811c9dc5;
    for (let r = 0; r < rows; r++) h = Math.imul(h ^ sig[b * rows + r]!, 0x01000193) >>> 0;
    keys[b] = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  }
  bandMemo.set(sig, { rows, keys });
  return keys;
}

const bandMemo = new WeakMap<Uint32Array, { rows: number; keys: Uint32Array }>();

/** LSH banding: items whose signatures agree on every row of some band become candidate pairs. */
import { dropRepeats } from './shingle.ts';

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

export function lshCandidates(signatures: readonly Uint32Array[], bands: number, rows: number, maxBucket: number, remember = false): LshResult {
  if (!remember) return allCandidates(signatures, bands, rows, maxBucket, false);
  const previous = last;
  const result =
    (previous && previous.bands === bands && previous.rows === rows && previous.maxBucket === maxBucket && updateCandidates(previous, signatures)) ||
    allCandidates(signatures, bands, rows, maxBucket, true);
  last = { signatures, bands, rows, maxBucket, result };
  return result;
}

/** The last call's input and result, for the next call to update (the preview's rebuilds). */
interface LastCall {
  readonly signatures: readonly Uint32Array[];
  readonly bands: number;
  readonly rows: number;
  readonly maxBucket: number;
  readonly result: LshResult;
}

let last: LastCall | null = null;

/**
 * The candidates of `signatures` from the last call's, when they differ from its input only in
 * a few signatures at the same positions (an edit): pairs of unchanged items stand, pairs with a
 * changed item are found afresh. Exact only while no bucket is oversized, before or after (a
 * bucket's size decides whether its other pairs count); otherwise, or when items were added or
 * removed, null, and the caller starts over.
 */
function updateCandidates(previous: LastCall, signatures: readonly Uint32Array[]): LshResult | null {
  const n = signatures.length;
  if (previous.signatures.length !== n || previous.result.oversized.length > 0) return null;
  const changed: number[] = [];
  for (let i = 0; i < n; i++) if (previous.signatures[i] !== signatures[i]) changed.push(i);
  if (changed.length === 0) return previous.result;
  if (changed.length > 8) return null;
  const { bands, rows, maxBucket } = previous;
  const now = signatures.map((sig) => bandKeysOf(sig, bands, rows));
  const isChanged = new Uint8Array(n);
  for (const c of changed) isChanged[c] = 1;
  // One pass over every item's band keys (row by row), counting the bucket each changed item is
  // in now, band by band, and noting its partners there. The last call had no oversized bucket,
  // and leaving a bucket only shrinks it, so only the buckets joined can have become oversized.
  const size = new Int32Array(changed.length * bands);
  const fresh = new Set<number>();
  for (let i = 0; i < n; i++) {
    const row = now[i]!;
    for (let k = 0; k < changed.length; k++) {
      const c = changed[k]!;
      const keys = now[c]!;
      for (let b = 0; b < bands; b++) {
        if (row[b] !== keys[b]) continue;
        size[k * bands + b]!++;
        if (i !== c) fresh.add(i < c ? i * n + c : c * n + i);
      }
    }
  }
  if (size.some((s) => s > maxBucket)) return null;
  const pairs: Array<[number, number]> = previous.result.pairs.filter(([i, j]) => !isChanged[i] && !isChanged[j]) as Array<[number, number]>;
  for (const id of fresh) pairs.push([Math.floor(id / n), id % n]);
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  return { pairs, oversized: [] };
}

/** Candidates from scratch (what every call would give; exported for tests). */
export function allCandidates(signatures: readonly Uint32Array[], bands: number, rows: number, maxBucket: number, remember = false): LshResult {
  const keys = new Uint32Array(signatures.length * bands);
  signatures.forEach((sig, i) => keys.set(remember ? bandKeysOf(sig, bands, rows) : bandKeys(sig, bands, rows), i * bands));
  return bandCandidates(keys, bands, maxBucket);
}

/**
 * Candidates from every item's band keys (see bandKeys), `bands` an item, one item after another:
 * what dedup keeps between builds in place of the signatures.
 */
export function bandCandidates(keys: Uint32Array, bands: number, maxBucket: number): LshResult {
  const n = keys.length / bands;
  const oversized: number[][] = [];
  if (!Number.isInteger(n)) throw new Error(`${bands} band keys an item were expected, got ${keys.length} keys`);
  if (n > INDEX_SPACE) throw new Error(`lshCandidates handles at most ${INDEX_SPACE} items, got ${n}`);
  const packed = new Float64Array(n);
  const bucket = new Uint32Array(n);
  const order = new Uint32Array(n);
  // Every pair met in any band, as i * n + j (exact in a float below 2^42); a pair of copies
  // shares most bands, so repeats are dropped once at the end, by sorting, not with a set.
  let met = new Float64Array(Math.max(1024, 4 * n));
  let count = 0;
  for (let b = 0; b < bands; b++) {
    for (let i = 0; i < n; i++) packed[i] = keys[i * bands + b]! * INDEX_SPACE + i;
    packed.sort();
    for (let i = 0; i < n; i++) {
      const v = packed[i]!;
      order[i] = v % INDEX_SPACE;
      bucket[i] = Math.floor(v / INDEX_SPACE);
    }
    for (let start = 0; start < n; ) {
      let end = start + 1;
      while (end < n && bucket[end] === bucket[start]) end++;
      const size = end - start;
      if (size > maxBucket) oversized.push(Array.from(order.subarray(start, end)));
      else if (size > 1) {
        // Within a bucket, items are in index order (the sort key ends with the index): i < j.
        const needed = (size * (size - 1)) / 2;
        if (count + needed > met.length) {
          count = dropRepeats(met.subarray(0, count).sort());
          if (count + needed > met.length / 2) {
            const grown = new Float64Array(Math.max(2 * (count + needed), met.length * 2));
            grown.set(met.subarray(0, count));
            met = grown;
          }
        }
        for (let x = start; x < end; x++) for (let y = x + 1; y < end; y++) met[count++] = order[x]! * n + order[y]!;
      }
      start = end;
    }
  }
  // Sorted ids are pairs in order of i, then j.
  const ids = met.subarray(0, dropRepeats(met.subarray(0, count).sort()));
  const pairs = Array.from(ids, (id): [number, number] => [Math.floor(id / n), id % n]);
  return { pairs, oversized };
}

/** Each band's rows hashed to one 32-bit key; remembered by signature (the preview keeps signatures). */
function bandKeysOf(sig: Uint32Array, bands: number, rows: number): Uint32Array {
  const seen = bandMemo.get(sig);
  if (seen && seen.rows === rows && seen.keys.length === bands) return seen.keys;
  const keys = bandKeys(sig, bands, rows);
  bandMemo.set(sig, { rows, keys });
  return keys;
}

/** Each band's rows hashed to one 32-bit key, written into `into` from `at` (default: a new array). */
export function bandKeys(sig: Uint32Array, bands: number, rows: number, into = new Uint32Array(bands), at = 0): Uint32Array {
  for (let b = 0; b < bands; b++) into[at + b] = bandKey(sig, b, rows);
  return into;
}

/** Band `b`'s rows hashed to one 32-bit key. */
function bandKey(sig: Uint32Array, b: number, rows: number): number {
  let h = 0x811c9dc5;
  for (let r = 0; r < rows; r++) h = Math.imul(h ^ sig[b * rows + r]!, 0x01000193) >>> 0;
  return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
}

const bandMemo = new WeakMap<Uint32Array, { rows: number; keys: Uint32Array }>();

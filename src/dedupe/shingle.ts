/** Word n-gram shingles, hashed to 32 bits, as a sorted array without repeats. */

/** FNV-1a over a string, continuing from `seed`. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Hashes of every run of `size` consecutive words, given as their fnv1a hashes (the whole text
 * when shorter), sorted and unique, so sets can be compared by merging two sorted arrays.
 */
export function shingles(wordHashes: Uint32Array, size: number): Uint32Array {
  const count = Math.max(1, wordHashes.length - size + 1);
  const out = new Uint32Array(wordHashes.length === 0 ? 0 : count);
  for (let i = 0; i < out.length; i++) {
    const end = Math.min(i + size, wordHashes.length);
    let h = 0x811c9dc5;
    for (let j = i; j < end; j++) h = Math.imul(h ^ wordHashes[j]!, 0x01000193);
    out[i] = h; // stored modulo 2^32, as `h >>> 0` would be
  }
  out.sort();
  return out.slice(0, dropRepeats(out));
}

/**
 * Moves the first value of each run of equal values in a sorted array to its front, in place, and
 * returns how many there are: the array's first that many values are its values without repeats.
 */
export function dropRepeats<T>(sorted: { length: number; [index: number]: T }): number {
  let k = 0;
  for (let i = 0; i < sorted.length; i++) if (k === 0 || sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i]!;
  return k;
}

/** Size of the intersection of two sorted arrays. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

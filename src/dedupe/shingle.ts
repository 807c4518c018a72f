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
  return unique(out);
}

function unique(sorted: Uint32Array): Uint32Array {
  if (sorted.length === 0) return sorted;
  let k = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[k - 1]) sorted[k++] = sorted[i]!;
  return sorted.slice(0, k);
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

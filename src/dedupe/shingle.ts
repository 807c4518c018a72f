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
 * Hashes of every run of `size` consecutive words (the whole text when shorter), sorted and
 * unique, so sets can be compared by merging two sorted arrays.
 */
export function shingles(words: readonly string[], size: number): Uint32Array {
  const hashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) hashes[i] = fnv1a(words[i]!);
  const count = Math.max(1, words.length - size + 1);
  const out = new Uint32Array(words.length === 0 ? 0 : count);
  for (let i = 0; i < out.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < Math.min(i + size, words.length); j++) h = Math.imul(h ^ hashes[j]!, 0x01000193) >>> 0;
    out[i] = h;
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

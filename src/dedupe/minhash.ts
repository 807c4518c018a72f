/**
 * MinHash signatures by one-permutation hashing: each shingle is hashed once, the hash picks one
 * of `size` bins and the smallest value per bin is kept; empty bins borrow from the next filled
 * bin with an offset (densification, Shrivastava 2017). Two signatures agree on a bin with
 * probability close to the sets' Jaccard similarity, at 1/size of classic MinHash's cost.
 */

/** murmur3's finaliser: a cheap, well-mixed 32-bit permutation. */
function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const EMPTY = 0xffffffff;

/** The signature of a shingle set, `size` 32-bit values. */
export function minhash(shingleSet: Uint32Array, size: number): Uint32Array {
  const sig = new Uint32Array(size).fill(EMPTY);
  for (let k = 0; k < shingleSet.length; k++) {
    const h = mix(shingleSet[k]! ^ 0x9e3779b9);
    const bin = Math.floor((h / 4294967296) * size);
    const value = mix(h ^ 0x632be5ab);
    if (value < sig[bin]!) sig[bin] = value;
  }
  if (shingleSet.length === 0) return sig;
  // Densify: an empty bin takes the value of the next filled bin to its right, offset by the distance.
  const filled = sig.slice();
  for (let i = 0; i < size; i++) {
    if (filled[i] !== EMPTY) continue;
    let d = 1;
    while (filled[(i + d) % size] === EMPTY) d++;
    sig[i] = mix(filled[(i + d) % size]! + Math.imul(d, 0x27d4eb2d));
  }
  return sig;
}

/** MinHash signatures from one fast 32-bit hash family: h_i(x) = mix(x ^ seed_i). */

/** Seeds for the hash family, fixed so signatures are the same on every run. */
function seeds(count: number): Uint32Array {
  const out = new Uint32Array(count);
  let s = 0x9e3779b9;
  for (let i = 0; i < count; i++) {
    s = Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) >>> 0;
    s = (s ^ (s >>> 12)) >>> 0;
    out[i] = (s + i * 0x6d2b79f5) >>> 0;
  }
  return out;
}

const SEED_CACHE = new Map<number, Uint32Array>();

/** murmur3's finaliser: a cheap, well-mixed 32-bit permutation. */
function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The MinHash signature of a shingle set: for each of `size` hash functions, the smallest value. */
export function minhash(shingleSet: Uint32Array, size: number): Uint32Array {
  let family = SEED_CACHE.get(size);
  if (!family) SEED_CACHE.set(size, (family = seeds(size)));
  const sig = new Uint32Array(size).fill(0xffffffff);
  for (let k = 0; k < shingleSet.length; k++) {
    const x = shingleSet[k]!;
    for (let i = 0; i < size; i++) {
      const h = mix(x ^ family[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

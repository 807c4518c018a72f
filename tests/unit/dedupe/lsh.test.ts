/** LSH candidates updated after an edit equal candidates found from scratch. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allCandidates, lshCandidates } from '../../../src/dedupe/lsh.ts';

const BANDS = 6;
const ROWS = 2;

/** Signatures drawn from a tiny alphabet, so buckets (and oversized ones) are common. */
const signature = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: BANDS * ROWS, maxLength: BANDS * ROWS }).map((v) => Uint32Array.from(v));

describe('lshCandidates after an edit', () => {
  it('equals candidates found from scratch, whatever was edited', () => {
    fc.assert(
      fc.property(
        fc.array(signature, { minLength: 2, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), signature), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 2, max: 12 }),
        (base, edits, maxBucket) => {
          lshCandidates(base, BANDS, ROWS, maxBucket, true);
          const edited = [...base];
          for (const [at, sig] of edits) edited[at % edited.length] = sig;
          expect(lshCandidates(edited, BANDS, ROWS, maxBucket, true)).toEqual(allCandidates(edited, BANDS, ROWS, maxBucket));
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** Candidates by their definition: every pair agreeing on all rows of a band whose bucket is not oversized. */
function candidatesSlowly(signatures: readonly Uint32Array[], bands: number, rows: number, maxBucket: number): Array<[number, number]> {
  const bandOf = (sig: Uint32Array, b: number) => sig.subarray(b * rows, (b + 1) * rows).join(',');
  const pairs = new Set<string>();
  for (let b = 0; b < bands; b++) {
    const buckets = new Map<string, number[]>();
    signatures.forEach((sig, i) => buckets.set(bandOf(sig, b), [...(buckets.get(bandOf(sig, b)) ?? []), i]));
    for (const members of buckets.values()) {
      if (members.length > maxBucket) continue;
      for (const i of members) for (const j of members) if (i < j) pairs.add(`${i},${j}`);
    }
  }
  return [...pairs].map((p) => p.split(',').map(Number) as [number, number]).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

describe('allCandidates', () => {
  it('finds exactly the pairs that share a band, in order', () => {
    fc.assert(
      fc.property(fc.array(signature, { minLength: 0, maxLength: 40 }), fc.integer({ min: 2, max: 12 }), (signatures, maxBucket) => {
        expect(allCandidates(signatures, BANDS, ROWS, maxBucket).pairs).toEqual(candidatesSlowly(signatures, BANDS, ROWS, maxBucket));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every pair when buckets hold far more pairs than items', () => {
    // 300 items in 3 signatures: each band has buckets of about 100, some 5,000 pairs each,
    // past the pair buffer's first size, which is then compacted and grown.
    const signatures = Array.from({ length: 300 }, (_, i) => Uint32Array.from({ length: BANDS * ROWS }, (_, r) => (i % 3) + (r % 2)));
    const { pairs, oversized } = allCandidates(signatures, BANDS, ROWS, 200);
    expect(oversized).toEqual([]);
    expect(pairs).toEqual(candidatesSlowly(signatures, BANDS, ROWS, 200));
    expect(pairs.length).toBe(3 * ((100 * 99) / 2));
  });
});

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

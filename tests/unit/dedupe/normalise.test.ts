/**
 * Words for comparison: the fast path (ASCII text hashed in one scan) gives exactly what the
 * general rule, normaliseWords, gives.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashWords, normaliseWords, numbersOf, paragraphWords, wordsOfParagraph } from '../../../src/dedupe/normalise.ts';
import { fnv1a } from '../../../src/dedupe/shingle.ts';
import { CORPUS } from '../../helpers/corpus.ts';

/** hashWords as its definition says: normaliseWords, each word hashed, and their numbers. */
function hashedSlowly(text: string): { hashes: Uint32Array; numbers: string[] } {
  const words = normaliseWords(text);
  return { hashes: Uint32Array.from(words, (w) => fnv1a(w)), numbers: numbersOf(words) };
}

/** Pieces that exercise every rule: spellings, plurals, joiners, numbers, case, `per cent`, non-ASCII. */
const PIECES = [
  'mln', 'Dlrs', 'SHARES', 'pct', 'firm', 'co', 'm', 'percentage', 'percentages', 'notes', 'class', 'bus', 'is', '1990s', 'abcs',
  'per', 'cent', 'Per', 'CENT', '_per', 'U.S.', 'Reuters', 'don', 't', 's', 'x', '6,782,000', '21.6', '1/2', '007', 'a1s',
  ' ', ' ', '  ', '\n', '\t', '\r\n', '.', ',', "'", '/', '`', '-', '_', '(', ')', '$', '"', ':', '.5', ',000',
];
const NON_ASCII = ['’', '“', '–', 'é', 'ﬁ', '\u00a0', '²', 'Ⅻ', '٣', 'İ'];
const ascii = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''));
const anyText = fc.array(fc.constantFrom(...PIECES, ...NON_ASCII), { maxLength: 40 }).map((p) => p.join(''));

describe('normaliseWords', () => {
  it('folds case, quotes, spellings and plurals, and keeps numbers whole', () => {
    expect(normaliseWords('The firm’s notes rose 5 per\ncent to 6,782,000 Dlrs, U.S. officials said')).toEqual([
      'the', "firm'", 'note', 'rose', '5', 'percent', 'to', '6,782,000', 'dollar', 'u.s', 'official', 'said',
    ]);
  });

  it('adds no word for a character outside words, after ASCII text', () => {
    // A trailing euro sign is no letter or digit: it must not change the words.
    fc.assert(
      fc.property(ascii, (text) => {
        expect(normaliseWords(text)).toEqual(normaliseWords(`${text} €`));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('hashWords', () => {
  it('is normaliseWords hashed, with its numbers, on any text', () => {
    for (const texts of [anyText, ascii]) {
      fc.assert(
        fc.property(texts, (text) => {
          expect(hashWords(text)).toEqual(hashedSlowly(text));
        }),
        { numRuns: 3000 },
      );
    }
  });

  it('is normaliseWords hashed on every file of the corpus', () => {
    const files = readdirSync(CORPUS, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.(txt|md)$/.test(e.name));
    expect(files.length).toBeGreaterThan(3000);
    for (const entry of files) {
      const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
      const [fast, slow] = [hashWords(text), hashedSlowly(text)];
      expect([fast.hashes.join(' '), fast.numbers], entry.name).toEqual([slow.hashes.join(' '), slow.numbers]); // strings: quicker to compare
    }
  });
});

describe('paragraphWords', () => {
  it("is each text's hashWords end to end, with where each ends and all their numbers", () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 6 }), (texts) => {
        const words = paragraphWords(texts);
        const each = texts.map(hashWords);
        expect([...words.hashes]).toEqual(each.flatMap((w) => [...w.hashes]));
        expect(texts.map((_, k) => [...wordsOfParagraph(words, k)])).toEqual(each.map((w) => [...w.hashes]));
        expect(words.numbers).toEqual([...new Set(each.flatMap((w) => w.numbers))].sort());
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the words of earlier texts when a long one follows', () => {
    // Longer than any text read before (the scratch array grows while it holds the first text's words).
    const long = 'word '.repeat(1_000_000);
    const words = paragraphWords(['first text', long, 'last']);
    expect([...wordsOfParagraph(words, 0)]).toEqual([...hashWords('first text').hashes]);
    expect(wordsOfParagraph(words, 1)).toHaveLength(1_000_000);
    expect([...wordsOfParagraph(words, 2)]).toEqual([...hashWords('last').hashes]);
  });
});

/** What must hold for any set of articles: order does not matter, merging is stable, no text is lost. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Collector } from '../../../src/diagnostics.ts';
import { dedupe } from '../../../src/dedupe/index.ts';
import { hashWords } from '../../../src/dedupe/normalise.ts';
import { intersectionSize, shingles } from '../../../src/dedupe/shingle.ts';
import type { Article, Story } from '../../../src/types.ts';
import { parse } from '../../helpers/articles.ts';

const WORDS = 'the company said shares rose fell profit quarter oil prices bank rates trade talks minister government market dollar yen record sales net'.split(' ');
const word = fc.constantFrom(...WORDS);
const sentence = fc.tuple(fc.array(word, { minLength: 6, maxLength: 14 }), fc.integer({ min: 1, max: 999 })).map(([w, n]) => `${w.join(' ')} ${n}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => s.join(' '));
const story = fc.record({ title: fc.array(word, { minLength: 3, maxLength: 8 }).map((w) => w.join(' ')), paragraphs: fc.array(paragraph, { minLength: 2, maxLength: 6 }), day: fc.integer({ min: 1, max: 28 }) });

/** A story as a "site" page, an "aggregator" page (straight quotes, one paragraph a line, dateline) or a copy missing its last paragraph. */
function render(s: { title: string; paragraphs: string[]; day: number }, style: number): string {
  const title = s.title[0]!.toUpperCase() + s.title.slice(1);
  if (style === 0) return ` date 1987-03-${String(s.day).padStart(2, '0')} Business\n\n${title}\n\n${s.day} March 1987 - 10:00\n\n${s.paragraphs.join('\n\n')}\n\nReuters\n`;
  if (style === 1) return `\n${title}\nLONDON, March ${s.day} (Reuters) - ${s.paragraphs.join('\n')}\n\nComments\nNo comments yet...\n`;
  return `---\ntitle: ${JSON.stringify(title)}\ndate: 1987-03-${String(s.day).padStart(2, '0')}\n---\n\n${s.paragraphs.slice(0, Math.max(2, s.paragraphs.length - 1)).join('\n\n')}\n`;
}

const corpus = fc
  .array(fc.tuple(story, fc.subarray([0, 1, 2], { minLength: 1 })), { minLength: 1, maxLength: 8 })
  .map((stories) =>
    stories.flatMap(([s, styles], i) => styles.map((style) => parse(`s${i}-${style}.${style === 2 ? 'md' : 'txt'}`, render(s, style)).articles).flat()),
  );

const shape = (stories: readonly Story[]): string[][] => stories.map((s) => [s.id, ...s.sources.map((a) => a.id)]);

describe('dedupe properties', () => {
  it('gives the same stories, ids and canonical copies in any input order', () => {
    fc.assert(
      fc.property(corpus, fc.integer(), (articles, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(articles, { minLength: articles.length, maxLength: articles.length }), { seed, numRuns: 1 })[0]!;
        expect(shape(dedupe(shuffled, new Collector()).stories)).toEqual(shape(dedupe(articles, new Collector()).stories));
      }),
      { numRuns: 60 },
    );
  });

  it('is idempotent: deduplicating the merged stories\' sources again changes nothing', () => {
    fc.assert(
      fc.property(corpus, (articles) => {
        const once = dedupe(articles, new Collector()).stories;
        const twice = dedupe(once.flatMap((s) => s.sources), new Collector()).stories;
        expect(twice).toEqual(once);
      }),
      { numRuns: 40 },
    );
  });

  it('puts every article in exactly one story and loses no paragraph of a page\'s own copy', () => {
    fc.assert(
      fc.property(corpus, (articles: Article[]) => {
        const stories = dedupe(articles, new Collector()).stories;
        const ids = stories.flatMap((s) => s.sources.map((a) => a.id)).sort();
        expect(ids).toEqual(articles.map((a) => a.id).sort());
        for (const s of stories) {
          const text = shingles(hashWords(s.paragraphs.map((p) => p.text).join(' ')).hashes, 3);
          for (const copy of s.sources.filter((a) => !a.embeddedIn)) {
            for (const p of copy.paragraphs) {
              const own = shingles(hashWords(p.text).hashes, 3);
              expect(intersectionSize(own, text) / own.length, p.text).toBeGreaterThanOrEqual(0.5);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('merges the copies of each generated story and nothing else', () => {
    fc.assert(
      fc.property(corpus, (articles) => {
        for (const s of dedupe(articles, new Collector()).stories) {
          expect(new Set(s.sources.map((a) => a.id.split('-')[0])).size).toBe(1);
        }
      }),
      { numRuns: 60 },
    );
  });
});

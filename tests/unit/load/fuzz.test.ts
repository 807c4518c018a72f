/**
 * The loader never throws, never hangs and never lets a control character through, whatever the
 * bytes: arbitrary bytes, random mixes of real layouts' lines, mutations of corpus files, and
 * pathological shapes. NEWS_ARCHIVE_FUZZ=N runs N cases per property instead of the CI default.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Collector } from '../../../src/diagnostics.ts';
import { decodeFile } from '../../../src/load/decode.ts';
import { parseSource } from '../../../src/load/index.ts';
import type { Article } from '../../../src/types.ts';
import { CORPUS } from '../../helpers/corpus.ts';

const RUNS = Number(process.env.NEWS_ARCHIVE_FUZZ ?? 150);
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Loads bytes as a file of the given name; checks what must hold for any input. */
function load(name: string, bytes: Uint8Array): Article[] {
  const reporter = new Collector();
  const source = decodeFile({ path: name, bytes }, reporter);
  const articles = source ? parseSource(source, reporter) : [];
  for (const m of reporter.messages) expect(m.rule, m.reason).not.toBe('load/internal');
  for (const a of articles) {
    for (const text of [a.title, ...a.authors, ...a.paragraphs.map((p) => p.text), a.image?.caption ?? '', a.dateline?.city ?? '']) {
      expect(text).not.toMatch(CONTROL);
    }
    expect(a.title.trim()).not.toBe('');
  }
  if (!source) expect(reporter.messages.length).toBeGreaterThan(0);
  else if (articles.length === 0) expect(reporter.messages.some((m) => m.severity !== 'info')).toBe(true);
  return articles;
}

const sample = (folder: string, n: number): string[] =>
  readdirSync(path.join(CORPUS, folder))
    .filter((_, i) => i % Math.ceil(1000 / n) === 0)
    .map((f) => path.join(CORPUS, folder, f));
const seeds = [...sample('site-a', 20), ...sample('site-b', 20), ...sample('markdown', 20)].map((f) => ({ name: path.basename(f), bytes: new Uint8Array(readFileSync(f)) }));
const lines = seeds.flatMap((s) => Buffer.from(s.bytes).toString('utf8').split('\n'));

describe('loader fuzzing', () => {
  it('accepts arbitrary bytes as .txt and .md', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.constantFrom('x.txt', 'x.md'), (bytes, name) => {
        load(name, bytes);
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts random mixes of real layouts\' lines', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { maxLength: 80 }), fc.constantFrom('x.txt', 'x.md'), (picked, name) => {
        load(name, new TextEncoder().encode(picked.join('\n')));
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts mutations of corpus files (bytes flipped, inserted, deleted)', () => {
    const mutation = fc.record({
      seed: fc.integer({ min: 0, max: seeds.length - 1 }),
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'insert', 'delete')), { maxLength: 20 }),
    });
    fc.assert(
      fc.property(mutation, ({ seed, edits }) => {
        const bytes = [...seeds[seed]!.bytes];
        for (const [at, value, kind] of edits) {
          const i = bytes.length ? at % bytes.length : 0;
          if (kind === 'flip') bytes[i] = value;
          else if (kind === 'insert') bytes.splice(i, 0, value);
          else bytes.splice(i, 1);
        }
        load(seeds[seed]!.name, Uint8Array.from(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    ['a 1 MB line', `Title\n${'word '.repeat(200_000)}\n`],
    ['a 1 MB line of spaces before a letter', `Title\n${' '.repeat(1_000_000)}x\n`],
    ['100,000 blank lines', `Title\n${'\n'.repeat(100_000)}Body text.\n`],
    ['a 90,000-character paragraph of capitalised words', `Title\n${'Big Word '.repeat(10_000)}\n`],
    ['a long run of dashes and brackets after a capital', `Title\n\nNEW YORK ${'(- '.repeat(30_000)}\n`],
    ['front matter of 100,000 lines', `---\n${'k: v\n'.repeat(100_000)}---\n\nBody.\n`],
  ])('finishes on %s', (_name, text) => {
    const started = performance.now();
    load(_name.includes('front matter') ? 'x.md' : 'x.txt', new TextEncoder().encode(text));
    // A bound against super-linear behaviour, far above the expected few milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

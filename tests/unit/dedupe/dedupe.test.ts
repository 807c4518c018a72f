import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Collector } from '../../../src/diagnostics.ts';
import { DiskCache, MemoryCache } from '../../../src/cache.ts';
import { dedupe, defaultOptions, fingerprint } from '../../../src/dedupe/index.ts';
import type { Article } from '../../../src/types.ts';
import { parse } from '../../helpers/articles.ts';

const seeds = (): Article[] => [
  ...parse('site.txt', readFileSync('content/reuters-kim-coffins-site.txt', 'utf8')).articles,
  ...parse('aggregator.txt', readFileSync('content/reuters-kim-coffins-aggregator.txt', 'utf8')).articles,
];

describe('dedupe on the seed content', () => {
  const { stories } = dedupe(seeds(), new Collector());
  const reuters = stories.find((s) => s.sources.length > 1);

  it('merges the two Reuters copies and keeps the three related articles apart', () => {
    expect(stories).toHaveLength(4);
    expect(reuters?.sources.map((a) => a.id)).toEqual(['site.txt', 'aggregator.txt']);
  });
  it('takes each field from the copy that has it', () => {
    expect(reuters?.authors).toEqual(['Joyce Lee', 'Jack Kim', 'Hyun Young Yi']);
    expect(reuters?.date).toEqual({ year: 2025, month: 6, day: 30, time: '16:15' });
    expect(reuters?.dateline).toEqual({ city: 'SEOUL', region: null });
    expect(reuters?.provenance).toMatchObject({ authors: 'site.txt', dateline: 'aggregator.txt', date: 'site.txt' });
  });
  it('keeps a paragraph only one copy has, without repeating re-worded ones', () => {
    // The site copy is canonical (more words); the aggregator joins two of its paragraphs on one line.
    expect(reuters?.paragraphs).toHaveLength(8);
  });
  it('completes the related articles\' year from the page they were on, once its story has one', () => {
    const telegraph = stories.find((s) => s.title.startsWith('Watch: Kim Jong-un weeps'));
    expect(telegraph?.date).toEqual({ year: 2025, month: 6, day: 30, time: null });
    expect(telegraph?.provenance.date).toBe('aggregator.txt#related-2 (year from site.txt)');
  });
  it('never merges the Telegraph piece on the same ceremony', () => {
    const telegraph = stories.find((s) => s.title.startsWith('Watch: Kim Jong-un weeps'));
    expect(telegraph?.sources).toHaveLength(1);
  });
  it('gives the same stories and ids in any input order', () => {
    const again = dedupe([...seeds()].reverse(), new Collector()).stories;
    expect(again.map((s) => [s.id, s.sources.map((a) => a.id)])).toEqual(stories.map((s) => [s.id, s.sources.map((a) => a.id)]));
  });
});

describe('dedupe rules', () => {
  const brief = (file: string, company: string, numbers: [string, string, string], date = '1987-03-02'): Article =>
    parse(file, ` date ${date} Business\n\n${company} 4th qtr net\n\n2 March 1987 - 10:00\n\nShr ${numbers[0]} cts vs 34 cts\n\nNet ${numbers[1]} vs 3,053,000\n\nRevs ${numbers[2]} mln vs 215.7 mln\n\nReuters\n`).articles[0]!;

  it('keeps template briefs with different figures apart', () => {
    const { stories } = dedupe([brief('a.txt', 'Acme', ['23', '2,091,000', '203.5']), brief('b.txt', 'Bolt', ['25', '2,091,500', '201.5'])], new Collector());
    expect(stories).toHaveLength(2);
  });
  it('merges identical briefs on the same day', () => {
    const { stories } = dedupe([brief('a.txt', 'Acme', ['23', '2,091,000', '203.5']), brief('b.txt', 'Acme Corp', ['23', '2,091,000', '203.5'])], new Collector());
    expect(stories).toHaveLength(1);
  });
  it('keeps the same text sent on dates far apart as two stories', () => {
    const { stories, report } = dedupe(
      [brief('a.txt', 'Acme', ['23', '2,091,000', '203.5']), brief('b.txt', 'Acme', ['23', '2,091,000', '203.5'], '1987-04-20')],
      new Collector(),
    );
    expect(stories).toHaveLength(2);
    expect(report.pairs[0]).toMatchObject({ merge: false, dateGapDays: 49 });
  });
});

describe('oversized LSH buckets', () => {
  it('are skipped with a warning naming a file, so shared boilerplate never merges a crowd', () => {
    const text = (i: number) => `\nBrief number ${i}\nLONDON, March 2 (Reuters) - ${'The same boilerplate sentence repeated for every item in the feed today. '.repeat(8)}\n`;
    const articles = Array.from({ length: 5 }, (_, i) => parse(`b${i}.txt`, text(i)).articles[0]!);
    const reporter = new Collector();
    const { stories } = dedupe(articles, reporter, { ...defaultOptions, maxBucket: 3 });
    expect(stories).toHaveLength(5);
    expect(reporter.messages.filter((m) => m.rule === 'dedupe/oversized-bucket')[0]).toMatchObject({ file: 'b0.txt', severity: 'warning', reason: expect.stringMatching(/^5 articles share one LSH band/) });
  });
});

describe('fingerprints with a cache', () => {
  const [article] = seeds();
  it('are remembered by article for a cache that serves rebuilds (the preview)', () => {
    const cache = new MemoryCache();
    expect(fingerprint(article!, defaultOptions, cache)).toBe(fingerprint(article!, defaultOptions, cache));
  });
  it('are not remembered for a one-off build, which lets them go after dedup', () => {
    const cache = new DiskCache('unused', 'v', { rebuilds: false });
    const [first, second] = [fingerprint(article!, defaultOptions, cache), fingerprint(article!, defaultOptions, cache)];
    expect(second).not.toBe(first);
    expect(second.shingles).toEqual(first.shingles);
  });
});

describe('dedupe with a table of band keys (the disk cache)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dedupe-rows-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const wire = (file: string, city: string) =>
    parse(file, `\nWire story from ${city}\n${city}, March 2 (Reuters) - ${`Officials in ${city} said on Monday that talks on the harbour would go on next week. `.repeat(6)}\n`).articles[0]!;
  const articles = [...seeds(), wire('x.txt', 'Lagos'), wire('y.txt', 'Lagos'), wire('z.txt', 'Lima')];
  const outcome = (run: ReturnType<typeof dedupe>) => ({ stories: run.stories.map((s) => [s.id, s.sources.map((a) => a.id)]), pairs: run.report.pairs });
  const withTable = async (edit?: (cache: DiskCache) => void) => {
    const cache = new DiskCache(dir, 'v1', { rebuilds: false });
    await cache.load([], ['prints']);
    edit?.(cache);
    const run = dedupe(articles, new Collector(), defaultOptions, cache);
    await cache.save();
    return run;
  };

  it('finds the same stories and pairs as without one, when it fills the table and when it reads it', async () => {
    const plain = outcome(dedupe(articles, new Collector()));
    expect(plain.stories.filter(([, copies]) => copies!.length > 1)).toHaveLength(2);
    expect(outcome(await withTable())).toEqual(plain);
    expect(outcome(await withTable())).toEqual(plain);
  });

  it('takes an unchanged article\'s band keys from the table: rows made to agree make a pair to verify', async () => {
    await withTable();
    const salt = `prints-1:${defaultOptions.shingleSize}:${defaultOptions.bands}x${defaultOptions.rows}`;
    const run = await withTable((cache) => {
      const table = cache.rows('prints', 1 + defaultOptions.bands, salt)!;
      const [lagos, lima] = [articles[articles.length - 2]!, articles[articles.length - 1]!];
      const forged = Uint32Array.from(table.get(`${lagos.id}\u0000${lagos.fileHash}`)!);
      forged[0] = table.get(`${lima.id}\u0000${lima.fileHash}`)![0]!;
      table.set(`${lima.id}\u0000${lima.fileHash}`, forged);
    });
    // Verified on the texts themselves: a pair, never a merge.
    expect(run.report.pairs.filter((p) => p.b === 'z.txt')).toEqual([
      expect.objectContaining({ a: 'x.txt', merge: false }),
      expect.objectContaining({ a: 'y.txt', merge: false }),
    ]);
    expect(run.stories.find((s) => s.sources.some((a) => a.id === 'z.txt'))?.sources).toHaveLength(1);
  });
});

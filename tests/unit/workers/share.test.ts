/**
 * Parsing shared with a worker thread gives what parsing alone in this thread gives, in the same
 * order; a worker that cannot start costs nothing but time.
 */
import { describe, expect, it } from 'vitest';
import { Collector } from '../../../src/diagnostics.ts';
import { loadArticles, loadArticlesWith, parseFile } from '../../../src/load/index.ts';
import { readContent } from '../../../src/load/read.ts';
import { dedupe, defaultOptions } from '../../../src/dedupe/index.ts';
import { analyseArticles, analyseArticlesSharing, ownTags, tagInputOf } from '../../../src/pipeline.ts';
import { inShareableMemory, shareWork, startShare } from '../../../src/workers/share.ts';
import { CORPUS } from '../../helpers/corpus.ts';

const corpus = await readContent(CORPUS, new Collector());
const files = corpus.filter((_, i) => i % 10 === 0);

/** Busy for `ms` milliseconds, as a heavy job would be. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/**
 * parseFile, slowed down in this thread only (the worker runs the real one): parsing the corpus
 * here takes longer than a worker's start-up even on a loaded machine, so the worker's share is
 * never empty, whatever the timing.
 */
const parseSlowlyHere = (file: (typeof corpus)[number]) => {
  spin(1);
  return parseFile(file);
};

describe('shareWork', () => {
  it('parses with a worker exactly as without, in job order', async () => {
    const alone = corpus.map(parseFile);
    const stats = { byWorkers: 0 };
    const shared = await shareWork('parse', corpus, parseSlowlyHere, 1, 8, stats);
    expect(stats.byWorkers).toBeGreaterThan(0);
    expect(shared).toEqual(alone);
  });

  it('loads the same articles and messages through the worker path', async () => {
    const one = new Collector();
    const two = new Collector();
    const single = loadArticles(files, one);
    const parallel = await loadArticlesWith(files, two, undefined, (missing) => shareWork('parse', missing, parseFile, 1, 8));
    expect(parallel.articles).toEqual(single.articles);
    expect(two.messages).toEqual(one.messages.map(({ cause: _c, ...m }) => m));
  });

  it('parses files handed over in shared memory exactly as the files themselves', async () => {
    const shared = inShareableMemory(corpus);
    expect(shared.map((f) => f.path)).toEqual(corpus.map((f) => f.path));
    for (const [i, file] of shared.entries()) {
      expect(file.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Buffer.from(file.bytes).equals(Buffer.from(corpus[i]!.bytes))).toBe(true);
    }
    const stats = { byWorkers: 0 };
    const parsed = await shareWork('parse', shared, parseSlowlyHere, 1, 8, stats);
    expect(stats.byWorkers).toBeGreaterThan(0);
    expect(parsed).toEqual(corpus.map(parseFile));
  });
});

describe('startShare', () => {
  it('lets this thread do other work while a tagging thread starts, then joins it: the same analysis', async () => {
    const { articles } = loadArticles(corpus, new Collector());
    const alone = analyseArticles(articles, new Collector());
    // This thread dedupes first and tags slowly: the tagging thread's share is never empty.
    let here = 0;
    const ownTagsSlowly = (input: ReturnType<typeof tagInputOf>) => {
      here++;
      spin(1);
      return ownTags(input);
    };
    const stats = { byWorkers: 0 };
    const started = startShare('tag', articles.map(tagInputOf), ownTagsSlowly, 1, 16, stats);
    const shared = await analyseArticlesSharing(articles, new Collector(), defaultOptions, undefined, 0, started);
    expect(stats.byWorkers).toBeGreaterThan(0);
    expect(stats.byWorkers + here).toBe(articles.length);
    expect(shared.stories).toEqual(alone.stories);
    expect(shared.tags).toEqual(alone.tags);
  });

  it('gives every result, in order, when this thread joins only after the workers are done', async () => {
    const inputs = files.slice(0, 64);
    const started = startShare('parse', inputs, parseFile, 1, 4);
    // Other work meanwhile: dedup of the whole corpus.
    dedupe(loadArticles(corpus, new Collector()).articles, new Collector());
    expect(await started.finish()).toEqual(inputs.map(parseFile));
  });
});

describe('a worker that fails', () => {
  it('costs no file: its batches are done here, and its error is reported', async () => {
    const stats = { byWorkers: 0, failures: [] as string[] };
    // The parse worker throws on these inputs (numbers, not files); here they are doubled, slowly
    // (5 ms each) until the worker has claimed a batch (this thread's inputs skip one), however long
    // the worker takes to start on a busy machine.
    const inputs = Array.from({ length: 2000 }, (_, i) => i);
    let expected = 0;
    let claimed = false;
    const slowDouble = (i: number): number => {
      claimed ||= i !== expected;
      expected = i + 1;
      if (!claimed) spin(5);
      return i * 2;
    };
    const results = await shareWork('parse', inputs as never[], slowDouble, 1, 8, stats);
    expect(results).toEqual(inputs.map((i) => i * 2));
    expect(stats.byWorkers).toBe(0);
    expect(stats.failures.length).toBe(1);
  });
});

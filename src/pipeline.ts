/** The pure middle of the build: decoded files → articles → stories → tagged stories. */
import { dedupe, defaultOptions as dedupeDefaults, type DedupReport, type Options as DedupeOptions } from './dedupe/index.ts';
import { loadArticles } from './load/index.ts';
import type { RawFile } from './load/read.ts';
import { deriveTags } from './tag/index.ts';
import type { Cache } from './cache.ts';
import type { Article, Reporter, Story, Tag } from './types.ts';

export interface Analysed {
  readonly articles: readonly Article[];
  readonly stories: readonly Story[];
  readonly tags: readonly Tag[];
  readonly dedup: DedupReport;
  /** Milliseconds spent in each stage. */
  readonly timings: Readonly<Record<'load' | 'dedupe' | 'tag', number>>;
}

/** load → dedupe → tag; the cache (a memo keyed by content) only saves work, never changes results. */
export function analyse(files: readonly RawFile[], reporter: Reporter, dedupeOptions: DedupeOptions = dedupeDefaults, cache?: Cache): Analysed {
  const t0 = performance.now();
  const { articles } = loadArticles(files, reporter, cache);
  return analyseArticles(articles, reporter, dedupeOptions, cache, performance.now() - t0);
}

/** dedupe → tag, for articles loaded already (`loadMs` is what loading them took). */
export function analyseArticles(
  articles: readonly Article[],
  reporter: Reporter,
  dedupeOptions: DedupeOptions = dedupeDefaults,
  cache?: Cache,
  loadMs = 0,
): Analysed {
  const t1 = performance.now();
  const { stories, report } = dedupe(articles, reporter, dedupeOptions, cache);
  const t2 = performance.now();
  const tagged = deriveTags(stories, cache);
  const t3 = performance.now();
  return { articles, ...tagged, dedup: report, timings: { load: loadMs, dedupe: t2 - t1, tag: t3 - t2 } };
}

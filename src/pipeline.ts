/** The pure middle of the build: decoded files → articles → stories → tagged stories. */
import { dedupe, defaultOptions as dedupeDefaults, type DedupReport, type Options as DedupeOptions } from './dedupe/index.ts';
import { loadArticles } from './load/index.ts';
import type { RawFile } from './load/read.ts';
import { deriveTags, type OwnTags } from './tag/index.ts';
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
  const started = performance.now();
  const deduped = dedupe(articles, reporter, dedupeOptions, cache);
  const dedupeMs = performance.now() - started;
  const tags = deriveTags(deduped.stories, cache);
  return tagged(articles, deduped, tags, { load: loadMs, dedupe: dedupeMs, tag: performance.now() - started - dedupeMs });
}

/**
 * analyseArticles, with each article's own tags (ownTags) found by other threads while this one
 * dedupes: `own.finish()` joins them and resolves with one per article, in order. The same result.
 */
export async function analyseArticlesSharing(
  articles: readonly Article[],
  reporter: Reporter,
  dedupeOptions: DedupeOptions,
  cache: Cache | undefined,
  loadMs: number,
  own: { finish(): Promise<readonly OwnTags[]> },
): Promise<Analysed> {
  const started = performance.now();
  const deduped = dedupe(articles, reporter, dedupeOptions, cache);
  const dedupeMs = performance.now() - started;
  const found = await own.finish();
  const byArticle = new Map(articles.map((article, i) => [article, found[i]!]));
  const tags = deriveTags(deduped.stories, cache, (article) => byArticle.get(article));
  return tagged(articles, deduped, tags, { load: loadMs, dedupe: dedupeMs, tag: performance.now() - started - dedupeMs });
}

function tagged(
  articles: readonly Article[],
  deduped: { readonly report: DedupReport },
  tags: { stories: Story[]; tags: Tag[] },
  timings: Analysed['timings'],
): Analysed {
  return { articles, ...tags, dedup: deduped.report, timings };
}

export { ownTags, tagInputOf } from './tag/index.ts';

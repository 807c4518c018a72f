/** The pure middle of the build: decoded files → articles → stories → tagged stories. */
import { dedupe, defaultOptions as dedupeDefaults, type DedupReport, type Options as DedupeOptions } from './dedupe/index.ts';
import { loadArticles } from './load/index.ts';
import type { RawFile } from './load/read.ts';
import { deriveTags } from './tag/index.ts';
import type { Article, Reporter, SourceFile, Story, Tag } from './types.ts';

export interface Analysed {
  readonly sources: readonly SourceFile[];
  readonly articles: readonly Article[];
  readonly stories: readonly Story[];
  readonly tags: readonly Tag[];
  readonly dedup: DedupReport;
}

/** load → dedupe → tag. */
export function analyse(files: readonly RawFile[], reporter: Reporter, dedupeOptions: DedupeOptions = dedupeDefaults): Analysed {
  const { sources, articles } = loadArticles(files, reporter);
  const { stories, report } = dedupe(articles, reporter, dedupeOptions);
  const tagged = deriveTags(stories);
  return { sources, articles, ...tagged, dedup: report };
}

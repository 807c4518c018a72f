/** files → SourceFile → Article[]: decode each file and hand it to the parser for its format. */
import path from 'node:path';
import type { Article, Reporter, SourceFile } from '../types.ts';
import { decodeFile } from './decode.ts';
import { parseMarkdownFile } from './markdown.ts';
import type { RawFile } from './read.ts';
import { parseTextFile } from './text.ts';

/** What the loader made of the input: the articles and, per file, whether it was used. */
export interface Loaded {
  readonly sources: readonly SourceFile[];
  readonly articles: readonly Article[];
}

/** Decodes and parses every file; a file that cannot be used becomes a diagnostic, never an exception. */
export function loadArticles(files: readonly RawFile[], reporter: Reporter): Loaded {
  const sources: SourceFile[] = [];
  const articles: Article[] = [];
  for (const raw of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const source = decodeFile(raw, reporter);
    if (!source) continue;
    sources.push(source);
    articles.push(...parseSource(source, reporter));
  }
  return { sources, articles };
}

/** Parses one decoded file by its format. An internal failure is reported with the file and skipped. */
export function parseSource(source: SourceFile, reporter: Reporter): Article[] {
  try {
    return isMarkdown(source.path) ? parseMarkdownFile(source, reporter) : parseTextFile(source, reporter);
  } catch (cause) {
    reporter.report({
      file: source.path,
      severity: 'error',
      rule: 'load/internal',
      reason: `the loader failed on this file: ${(cause as Error).stack ?? String(cause)}`,
      cause,
    });
    return [];
  }
}

function isMarkdown(file: string): boolean {
  return ['.md', '.markdown'].includes(path.posix.extname(file).toLowerCase());
}

/** files → SourceFile → Article[]: decode each file and hand it to the parser for its format. */
import path from 'node:path';
import { hashKey, type Cache } from '../cache.ts';
import { Collector } from '../diagnostics.ts';
import type { Article, Diagnostic, Reporter, SourceFile } from '../types.ts';
import { decodeFile } from './decode.ts';
import { parseMarkdownFile } from './markdown.ts';
import { fileDigest, type RawFile } from './read.ts';
import { parseTextFile } from './text.ts';

/** What the loader made of the input. */
export interface Loaded {
  readonly articles: readonly Article[];
}

/** A file's articles and messages, as the parse cache keeps them. */
export interface Parsed {
  readonly articles: Article[];
  readonly messages: Diagnostic[];
}

/**
 * Decodes and parses every file; a file that cannot be used becomes a diagnostic, never an
 * exception. With a cache, a file whose path and bytes were seen before is not parsed again
 * (its messages are reported again).
 */
export function loadArticles(files: readonly RawFile[], reporter: Reporter, cache?: Cache): Loaded {
  const plan = planLoad(files, cache);
  return assemble(plan, missing(plan).map(parseFile), reporter, cache);
}

/** loadArticles with the parsing done by `parseAll` (which must return one Parsed per file, in order). */
export async function loadArticlesWith(
  files: readonly RawFile[],
  reporter: Reporter,
  cache: Cache | undefined,
  parseAll: (missing: readonly RawFile[]) => Promise<Parsed[]>,
): Promise<Loaded> {
  const plan = planLoad(files, cache);
  const parsed = await parseAll(missing(plan));
  return assemble(plan, parsed, reporter, cache);
}

interface Planned {
  readonly raw: RawFile;
  readonly key: string;
  readonly parsed: Parsed | undefined;
}

/** Every file in path order, with its cache key and cached result. */
function planLoad(files: readonly RawFile[], cache: Cache | undefined): Planned[] {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((raw) => {
      const key = cache ? parseKey(raw) : '';
      return { raw, key, parsed: cache?.get<Parsed>('parse', key) };
    });
}

/** A file's parse-cache key, remembered by identity (the preview keeps unchanged files' RawFile objects). */
function parseKey(raw: RawFile): string {
  let key = parseKeys.get(raw);
  if (!key) parseKeys.set(raw, (key = hashKey(PARSER_VERSION, raw.path, fileDigest(raw))));
  return key;
}

const parseKeys = new WeakMap<RawFile, string>();

/** The files the cache had no result for, in path order. */
function missing(plan: readonly Planned[]): RawFile[] {
  return plan.filter((p) => !p.parsed).map((p) => p.raw);
}

/** The articles of every file in path order; fresh results (one per miss, in order) go to the cache. */
function assemble(plan: readonly Planned[], made: readonly Parsed[], reporter: Reporter, cache: Cache | undefined): Loaded {
  const articles: Article[] = [];
  let next = 0;
  for (const { key, parsed: cached } of plan) {
    let parsed = cached;
    if (!parsed) {
      parsed = made[next++]!;
      cache?.set('parse', key, parsed);
    }
    for (const m of parsed.messages) reporter.report(m);
    articles.push(...parsed.articles);
  }
  return { articles };
}

/** One file, decoded and parsed, with its messages (their causes dropped: they must clone and cache). */
export function parseFile(raw: RawFile): Parsed {
  const collected = new Collector();
  const source = decodeFile(raw, collected);
  return { articles: source ? parseSource(source, collected) : [], messages: collected.messages.map(({ cause: _cause, ...m }) => m) };
}

/** Part of the parse cache's key: bump when parsing rules change what a file yields. */
const PARSER_VERSION = 'parse-1';

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

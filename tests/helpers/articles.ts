/** Builders for tests: source files and articles by hand, no disk. */
import { createHash } from 'node:crypto';
import { Collector } from '../../src/diagnostics.ts';
import { parseSource } from '../../src/load/index.ts';
import type { Article, SourceFile } from '../../src/types.ts';

/** A decoded source file with the given text. */
export function sourceFile(path: string, text: string): SourceFile {
  return { path, text, hash: createHash('sha256').update(text).digest('hex'), encoding: 'utf-8' };
}

/** Parses text as the loader would parse a file of that name. */
export function parse(path: string, text: string): { articles: Article[]; reporter: Collector } {
  const reporter = new Collector();
  return { articles: parseSource(sourceFile(path, text), reporter), reporter };
}

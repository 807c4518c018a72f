/** load → dedupe → tag → render → write, top to bottom. I/O happens here and in load/read and write/. */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE, parseConfig } from './config.ts';
import { Collector, formatDiagnostic, sortDiagnostics } from './diagnostics.ts';
import { readContent, readTemplates, readTextIfExists } from './load/read.ts';
import { analyse } from './pipeline.ts';
import { renderSite, TemplateError } from './render/index.ts';
import { buildSearchIndex } from './search/index.ts';
import type { Diagnostic, Page } from './types.ts';
import { DirectoryWriter, type Writer } from './write/index.ts';

export interface BuildOptions {
  /** Folder of article files. */
  readonly content: string;
  /** Output folder. */
  readonly out: string;
  /** Templates folder; default `templates/` in the working folder, else the one shipped with the tool. */
  readonly templates?: string;
  /** Configuration file; default `news-archive.config.json` in the working folder, if present. */
  readonly config?: string;
  /** Where pages go; default a DirectoryWriter on `out`. */
  readonly writer?: Writer;
  /** Write the dedup report (clusters, candidate pairs, measurements, decisions) to this JSON file. */
  readonly explain?: string;
  /** Wraps the instant the new output folder replaces the old one (see DirectoryWriter). */
  readonly swap?: <T>(rename: () => Promise<T>) => Promise<T>;
  /** Build the Pagefind search index (default true). */
  readonly search?: boolean;
  /** Where the summary and messages are printed; nothing is printed without it. */
  readonly log?: (line: string) => void;
  readonly verbose?: boolean;
}

export interface BuildResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: BuildSummary;
}

export interface BuildSummary {
  readonly files: number;
  readonly skipped: number;
  readonly articles: number;
  readonly stories: number;
  readonly tags: number;
  readonly pages: number;
  readonly errors: number;
  readonly warnings: number;
  readonly ms: number;
  /** Milliseconds per stage: read, load, dedupe, tag, render, write. */
  readonly timings: Readonly<Record<string, number>>;
}

/** The templates folder shipped with the tool. */
export const BUILTIN_TEMPLATES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'templates');

/** Builds the site. Never throws for bad content; the previous output stays if the build fails. */
export async function runBuild(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const reporter = new Collector();
  const configFile = options.config ?? CONFIG_FILE;
  const config = parseConfig(await readTextIfExists(configFile), configFile, reporter);
  const raw = await readContent(options.content, reporter);
  const tRead = performance.now();
  const { articles, stories, tags, dedup, timings } = analyse(raw, reporter, config.dedupe);
  const tAnalysed = performance.now();
  const templatesDir = options.templates ?? (existsSync('templates') ? 'templates' : BUILTIN_TEMPLATES);

  // Pagefind indexes in its own process: start it now so it runs on the other core while this
  // one renders and writes.
  const searching =
    options.search === false
      ? null
      : buildSearchIndex(stories, config.site).then(
          (files) => ({ files, error: null }),
          (error: unknown) => ({ files: [] as Page[], error }),
        );
  let pages: Page[] = [];
  let failed = false;
  try {
    const { templates, assets } = await readTemplates(templatesDir);
    pages = [...renderSite({ config: config.site, stories, tags }, templates), ...assets.map((a) => ({ path: a.path, content: a.bytes }))];
  } catch (cause) {
    failed = true;
    const file = cause instanceof TemplateError ? path.join(templatesDir, `${cause.template}.hbs`) : templatesDir;
    const message = cause instanceof TemplateError ? ((cause.cause as Error)?.message ?? cause.message) : (cause as Error).message;
    reporter.report({ file, severity: 'error', rule: 'render/template', reason: `cannot render: ${message}`, cause });
  }

  const tRendered = performance.now();
  let tSearch = tRendered;
  if (!failed) {
    const writer = options.writer ?? new DirectoryWriter(options.out, options.swap);
    try {
      for (const page of pages) await writer.write(page);
      const search = await searching;
      tSearch = performance.now();
      if (search?.error) {
        const cause = search.error;
        reporter.report({ file: 'pagefind', severity: 'warning', rule: 'search/failed', reason: `search index not built: ${(cause as Error).message}`, cause });
      }
      for (const page of search?.files ?? []) await writer.write(page);
      pages.push(...(search?.files ?? []));
      await writer.commit();
    } catch (cause) {
      failed = true;
      await writer.abort().catch(() => {});
      reporter.report({ file: options.out, severity: 'error', rule: 'write/failed', reason: `cannot write the site: ${(cause as Error).message}`, cause });
    }
  }

  const tWritten = performance.now();
  if (options.explain) {
    await writeFile(options.explain, JSON.stringify({ thresholds: config.dedupe, ...dedup }, null, 1) + '\n');
    options.log?.(`Dedup report: ${options.explain} (${dedup.clusters.filter((c) => c.members.length > 1).length} merged stories, ${dedup.pairs.length} candidate pairs)`);
  }
  const messages = sortDiagnostics(reporter.messages);
  const summary: BuildSummary = {
    files: raw.length,
    skipped: raw.length - new Set(articles.map((a) => a.file)).size,
    articles: articles.length,
    stories: stories.length,
    tags: tags.length,
    pages: failed ? 0 : pages.length,
    errors: messages.filter((m) => m.severity === 'error').length,
    warnings: messages.filter((m) => m.severity === 'warning').length,
    ms: Math.round(performance.now() - started),
    timings: Object.fromEntries(
      Object.entries({ read: tRead - started, ...timings, render: tRendered - tAnalysed, 'write+search': tWritten - tRendered, 'search wait': tSearch - tRendered }).map(([k, v]) => [k, Math.round(v)]),
    ),
  };
  if (options.log) {
    for (const d of messages) if (options.verbose || d.severity !== 'info') options.log(formatDiagnostic(d));
    options.log(formatSummary(summary, failed ? null : options.out));
  }
  return { ok: !failed && summary.errors === 0, diagnostics: messages, summary };
}

/** One line a person can read at a glance. */
export function formatSummary(s: BuildSummary, out: string | null): string {
  const plural = (n: number, word: string): string => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
  const parts = [
    `${plural(s.files, 'file')} read (${s.skipped} skipped)`,
    plural(s.articles, 'article'),
    plural(s.stories, 'story').replace('storys', 'stories'),
    plural(s.tags, 'tag'),
    plural(s.pages, 'page'),
    plural(s.warnings, 'warning'),
    plural(s.errors, 'error'),
  ];
  return `${out ? `Built ${out}/` : 'Build failed, previous site kept'}: ${parts.join(', ')} in ${(s.ms / 1000).toFixed(2)} s`;
}

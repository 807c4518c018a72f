/** load → dedupe → tag → render → write, top to bottom. I/O happens here, in load/read, output.ts and write/. */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_SCHEMA, DiskCache, hashKey, MemoryCache, type Cache } from './cache.ts';
import { CONFIG_FILE, parseConfig } from './config.ts';
import { Collector, formatDiagnostic, sortDiagnostics } from './diagnostics.ts';
import { fileDigest, readContent, readTemplates, readTextIfExists, type KnownFile, type RawFile } from './load/read.ts';
import { codeHash, PACKAGE_VERSION, TOOL_ROOT } from './paths.ts';
import { boundHeapGrowth } from './heap.ts';
import type { ShardStore } from './search/store.ts';
import type { Diagnostic, SiteConfig, Story } from './types.ts';
import { contentHash, removeStale, type Writer } from './write/index.ts';
import { outputIntact, readOutputManifest } from './write/manifest.ts';

export interface BuildOptions {
  /** Folder of article files. */
  readonly content: string;
  /** Output folder. */
  readonly out: string;
  /** Templates folder; default `templates/` in the working folder, else the one shipped with the tool. */
  readonly templates?: string;
  /** Configuration file; default `news-archive.config.json` in the working folder, if present. */
  readonly config?: string;
  /** Where pages go; default a DirectoryWriter on `out` (or an InPlaceWriter with `previous`). */
  readonly writer?: Writer;
  /**
   * The content cache: default the disk cache in `cacheDir`, which also lets a build with
   * nothing changed skip its work; a MemoryCache for the preview; null for none (`--no-cache`).
   */
  readonly cache?: Cache | null;
  /** Where the disk cache lives (default `.cache`). */
  readonly cacheDir?: string;
  /** The manifest of the build that wrote `out` last: write only what changed, in place (preview). */
  readonly previous?: ReadonlyMap<string, string>;
  /** Return the manifest of a full build too (the preview's next rebuild starts from it). */
  readonly manifest?: boolean;
  /** That build's page contents, when the caller kept them: identical strings skip hashing. */
  readonly previousContents?: ReadonlyMap<string, string | Uint8Array>;
  /** Write the dedup report (clusters, candidate pairs, measurements, decisions) to this JSON file. */
  readonly explain?: string;
  /** Wraps the instant the new output folder replaces the old one (see DirectoryWriter). */
  readonly swap?: <T>(rename: () => Promise<T>) => Promise<T>;
  /** Removes the replaced output folder (default: before the build returns; see DirectoryWriter). */
  readonly removeOld?: (folder: string) => Promise<void>;
  /** Files read by an earlier build of this process (the preview): unchanged ones are not read again. */
  readonly known?: Map<string, KnownFile>;
  /**
   * Content files (relative to `content`) the file watcher saw change since `known` was filled:
   * the other known files are trusted without a stat. Without it every known file is checked.
   */
  readonly changed?: ReadonlySet<string>;
  /**
   * Threads to parse with: this one and `threads - 1` workers (default 1, this thread alone). The
   * CLI uses every core; the output is the same either way.
   */
  readonly threads?: number;
  /**
   * Files to parse, and articles parsed, from which parsing and finding each article's own tags
   * are shared with worker threads (defaults SHARED_PARSE_MIN and SHARED_TAG_MIN; tests lower
   * them to run those paths on a small site). Only with more than one thread.
   */
  readonly shareFrom?: { readonly parse?: number; readonly tag?: number };
  /** Build the Pagefind search index (default true). */
  readonly search?: boolean;
  /**
   * Where search shards are kept between builds; default under `cacheDir` with the disk cache,
   * else none (every shard is indexed).
   */
  readonly searchStore?: ShardStore;
  /** Where the summary and messages are printed; nothing is printed without it. */
  readonly log?: (line: string) => void;
  readonly verbose?: boolean;
}

export interface BuildResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: BuildSummary;
  /** Every page written, with its content hash (in place, or with `manifest`); else null. */
  readonly manifest: ReadonlyMap<string, string> | null;
  /** Every page's content, when written in place or with `manifest`. */
  readonly contents: ReadonlyMap<string, string | Uint8Array> | null;
  /** The stories built, and the site configuration, for a search index made afterwards. */
  readonly stories: readonly Story[];
  readonly site: SiteConfig | null;
}

export interface BuildSummary {
  readonly files: number;
  readonly skipped: number;
  readonly articles: number;
  readonly stories: number;
  readonly tags: number;
  readonly pages: number;
  /** Pages actually written (the rest were unchanged); all of them for a full build. */
  readonly written: number;
  /** Pages not rendered again: their input and their files were as the last build left them. */
  readonly kept: number;
  /** True when nothing had changed since the last build and the output was left as it was. */
  readonly upToDate: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly ms: number;
  /** Milliseconds per stage: read (with loading the stages' code), load, dedupe, tag, render, write. */
  readonly timings: Readonly<Record<string, number>>;
}

/** The templates folder shipped with the tool. */
export const BUILTIN_TEMPLATES = path.join(TOOL_ROOT, 'templates');

/** The tool's version, part of every cache key: a new version (or changed code) never trusts an old cache. */
export const TOOL_VERSION: string = `${PACKAGE_VERSION}+cache${CACHE_SCHEMA}+${codeHash()}`;

/** Caches the disk cache keeps between builds. */
const CACHED = ['parse', 'tags', 'render-groups'];

/** Tables of rows the disk cache keeps between builds (dedup's band keys). */
const TABLES = ['prints'];

/**
 * Files to parse from which parsing is shared with worker threads. Parsing takes about 0.1 ms a
 * Markdown file, and a parsing thread needs about half a second to load the tool and gets going
 * slowly (its code is not optimised yet): measured on two cores, helpers made reading and
 * loading 4,000 files 0.25 s slower, 20,000 files about the same and 100,000 files 1.5 s faster.
 */
const SHARED_PARSE_MIN = 50_000;

/**
 * Articles parsed from which finding their own tags is shared with worker threads, while this
 * thread dedupes (see runBuild).
 */
const SHARED_TAG_MIN = 10_000;

/** Builds the site. Never throws for bad content; the previous output stays if the build fails. */
export async function runBuild(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const reporter = new Collector();
  const threads = Math.max(1, options.threads ?? 1);
  const configFile = options.config ?? CONFIG_FILE;
  const templatesDir = options.templates ?? (existsSync('templates') ? 'templates' : BUILTIN_TEMPLATES);
  // Config, content and templates are read at once.
  const read = await Promise.all([
    readTextIfExists(configFile),
    readContent(options.content, reporter, options.known, options.changed),
    readTemplates(templatesDir).catch((cause: unknown) => cause as Error),
  ]);
  const [configText, , templates] = read;
  // The files' bytes are let go once parsed (half a gigabyte at 100k articles).
  let raw: readonly RawFile[] = read[1];
  read[1] = [];
  const config = parseConfig(configText, configFile, reporter);

  const cacheDir = options.cacheDir ?? '.cache';
  const disk = options.cache === undefined ? new DiskCache(cacheDir, TOOL_VERSION, { rebuilds: false }) : null;
  const cache = options.cache === undefined ? disk : options.cache;
  // Everything the output depends on, hashed: when it matches the last build's, the output is current.
  // Only a build that may skip its work (disk cache, a fresh output folder) needs it.
  const skippable = disk !== null && !options.previous && !options.explain;
  const inputKey = !skippable ? '' : hashKey(
    TOOL_VERSION,
    path.resolve(options.out),
    configText ?? '',
    String(options.search !== false),
    templates instanceof Error ? `error:${templates.message}` : JSON.stringify([templates.templates, templates.assets.map((a) => [a.path, contentHash(a.bytes)])]),
    ...raw.map((f) => `${f.path}:${fileDigest(f)}`),
    ...reporter.messages.map((m) => formatDiagnostic(m)),
  );
  const stamp = skippable ? await upToDate(cacheDir, inputKey, options.out) : null;
  if (stamp) {
    // Nothing changed: the output stands, and the last build's messages are shown again.
    await removeStale(options.out, options.removeOld);
    const summary = { ...stamp.summary, written: 0, upToDate: true, ms: Math.round(performance.now() - started), timings: {} };
    for (const d of stamp.messages) if (options.verbose || d.severity !== 'info') options.log?.(formatDiagnostic(d));
    options.log?.(`${options.out}/ is up to date: nothing changed since the last build (${plural(summary.pages, 'page')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.errors, 'error')}) in ${(summary.ms / 1000).toFixed(2)} s`);
    return { ok: summary.errors === 0, diagnostics: stamp.messages, summary, manifest: null, contents: null, stories: [], site: null };
  }
  // The stages are loaded only now: a build with nothing to do answers without them (their
  // modules, parsers and Handlebars and Pagefind among them, take longer to load than it runs).
  const [{ loadArticlesWith, parseFile }, { analyseArticles, analyseArticlesSharing, ownTags, tagInputOf }, { inShareableMemory, shareWork, startShare }, { writeSite }] = await Promise.all([
    import('./load/index.ts'),
    import('./pipeline.ts'),
    import('./workers/share.ts'),
    import('./output.ts'),
    disk?.load(CACHED, TABLES),
  ]);
  const tRead = performance.now();

  // A worker that fails costs time, not files: its batches are parsed here. Say so.
  const sharing = { byWorkers: 0, failures: [] as string[] };
  let parsedCount = 0;
  const { articles: loaded } = await loadArticlesWith(raw, reporter, cache ?? undefined, (missing) => {
    parsedCount = missing.length;
    const helpers = missing.length >= (options.shareFrom?.parse ?? SHARED_PARSE_MIN) ? threads - 1 : 0;
    return shareWork('parse', helpers > 0 ? inShareableMemory(missing) : missing, parseFile, helpers, undefined, sharing);
  });
  for (const failure of sharing.failures) {
    reporter.report({ file: options.content, severity: 'warning', rule: 'load/worker-failed', reason: `a parsing thread failed; its files were parsed on the main thread: ${failure}` });
  }
  const fileCount = raw.length;
  raw = [];
  // Asked after loading and again after analysis: a site near the threshold crosses it while
  // dedup and tagging build their indexes, before rendering adds the most garbage.
  const large = boundHeapGrowth();
  // A build that parsed most of its files has most stories' own tags to find (the others come
  // from the cache): helper threads find them, each article as a story of its own, while this
  // thread dedupes; a story of one copy takes its article's. Not on a large site (see heap.ts):
  // each helper holds a copy of every article's text, which took 100,000 articles to 2.3 GiB.
  const tagHelpers = !large && parsedCount >= (options.shareFrom?.tag ?? SHARED_TAG_MIN) && parsedCount * 2 >= fileCount ? threads - 1 : 0;
  const tagSharing = { byWorkers: 0, failures: [] as string[] };
  const tagging = tagHelpers > 0 ? startShare('tag', loaded.map(tagInputOf), ownTags, tagHelpers, 64, tagSharing) : null;
  const loadMs = performance.now() - tRead;
  const { articles, stories, tags, dedup, timings } = tagging
    ? await analyseArticlesSharing(loaded, reporter, config.dedupe, cache ?? undefined, loadMs, tagging)
    : analyseArticles(loaded, reporter, config.dedupe, cache ?? undefined, loadMs);
  for (const failure of tagSharing.failures) {
    reporter.report({ file: options.content, severity: 'warning', rule: 'tag/worker-failed', reason: `a tagging thread failed; its articles were tagged on the main thread: ${failure}` });
  }
  const tAnalysed = performance.now();
  // Dedup's table and tagging's lists are written now, not held to the end of the build: no later
  // stage reads them. Should that fail, the save at the end tries again and reports it.
  await disk?.saveEarly(['tags']).catch(() => {});
  boundHeapGrowth();

  const output = await writeSite(
    { config: config.site, stories, tags },
    { dir: templatesDir, read: templates },
    // The render memo is for a caller's in-memory cache (the preview), never the disk cache.
    { ...options, memo: options.cache ?? undefined, disk, cacheDir, threads },
    reporter,
  );
  const tWritten = performance.now();
  if (options.explain) {
    await writeFile(options.explain, JSON.stringify({ thresholds: config.dedupe, ...dedup }, null, 1) + '\n');
    options.log?.(`Dedup report: ${options.explain} (${dedup.clusters.filter((c) => c.members.length > 1).length} merged stories, ${dedup.pairs.length} candidate pairs)`);
  }
  if (options.cache instanceof MemoryCache) options.cache.sweep();
  // A cache that cannot be written costs the next build time, never this build its result.
  let cacheSaved = true;
  if (disk) {
    await disk.save().catch((cause: unknown) => {
      cacheSaved = false;
      reporter.report({ file: cacheDir, severity: 'warning', rule: 'cache/write-failed', reason: `content cache not saved: ${(cause as Error).message}`, cause });
    });
  }
  const messages = sortDiagnostics(reporter.messages);
  const summary: BuildSummary = {
    files: fileCount,
    skipped: fileCount - new Set(articles.map((a) => a.file)).size,
    articles: articles.length,
    stories: stories.length,
    tags: tags.length,
    pages: output.pages,
    written: output.written,
    kept: output.kept,
    upToDate: false,
    errors: messages.filter((m) => m.severity === 'error').length,
    warnings: messages.filter((m) => m.severity === 'warning').length,
    ms: Math.round(performance.now() - started),
    timings: Object.fromEntries(
      Object.entries({ read: tRead - started, ...timings, render: output.renderMs, 'write+search': tWritten - tAnalysed - output.renderMs, 'search wait': output.searchWaitMs }).map(
        ([k, v]) => [k, Math.round(v)],
      ),
    ),
  };
  if (skippable && cacheSaved && output.ok) {
    await writeStamp(cacheDir, { key: inputKey, out: path.resolve(options.out), summary, messages: messages.map(({ cause: _c, ...m }) => m) }).catch(() => {});
  }
  if (options.log) {
    for (const d of messages) if (options.verbose || d.severity !== 'info') options.log(formatDiagnostic(d));
    options.log(formatSummary(summary, output.ok ? options.out : null));
  }
  return { ok: output.ok && summary.errors === 0, diagnostics: messages, summary, manifest: output.manifest, contents: output.contents, stories, site: config.site };
}

/** What `.cache/build.json` records of the last successful build. */
interface Stamp {
  readonly key: string;
  readonly out: string;
  readonly summary: BuildSummary;
  readonly messages: Diagnostic[];
}

async function readStamp(dir: string): Promise<Stamp | null> {
  const text = await readFile(path.join(dir, 'build.json'), 'utf8').catch(() => null);
  try {
    return text ? (JSON.parse(text) as Stamp) : null;
  } catch {
    return null;
  }
}

async function writeStamp(dir: string, stamp: Stamp): Promise<void> {
  await writeFile(path.join(dir, 'build.json'), JSON.stringify(stamp));
}

/**
 * The last build's stamp when it had the same inputs and its output is still there as it wrote
 * it: the very folder, every file in it unedited (see outputIntact).
 */
async function upToDate(dir: string, key: string, out: string): Promise<Stamp | null> {
  const stamp = await readStamp(dir);
  if (!stamp || stamp.key !== key || stamp.out !== path.resolve(out)) return null;
  const manifest = await readOutputManifest(dir, out);
  return manifest && outputIntact(out, manifest) ? stamp : null;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

/** One line a person can read at a glance. */
export function formatSummary(s: BuildSummary, out: string | null): string {
  const parts = [
    `${plural(s.files, 'file')} read (${s.skipped} skipped)`,
    plural(s.articles, 'article'),
    plural(s.stories, 'story').replace('storys', 'stories'),
    plural(s.tags, 'tag'),
    s.written === s.pages ? plural(s.pages, 'page') : `${plural(s.pages, 'page')} (${s.written.toLocaleString('en')} changed)`,
    plural(s.warnings, 'warning'),
    plural(s.errors, 'error'),
  ];
  return `${out ? `Built ${out}/` : 'Build failed, previous site kept'}: ${parts.join(', ')} in ${(s.ms / 1000).toFixed(2)} s`;
}

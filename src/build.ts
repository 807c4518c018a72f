/** load → dedupe → tag → render → write, top to bottom. I/O happens here and in load/read and write/. */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_SCHEMA, DiskCache, hashKey, MemoryCache, type Cache } from './cache.ts';
import { CONFIG_FILE, parseConfig } from './config.ts';
import { Collector, formatDiagnostic, sortDiagnostics } from './diagnostics.ts';
import { readContent, readTemplates, readTextIfExists, type KnownFile, type RawFile } from './load/read.ts';
import { codeHash, PACKAGE_VERSION, TOOL_ROOT } from './paths.ts';
import { loadArticlesWith, parseFile } from './load/index.ts';
import { boundHeapGrowth } from './heap.ts';
import { analyseArticles } from './pipeline.ts';
import { inShareableMemory, shareWork } from './workers/share.ts';
import { renderPages, TemplateError, type RenderedGroup, type RenderReuse } from './render/index.ts';
import { feedSearch, SEARCH_DIR, type ShardOutcome } from './search/index.ts';
import { DiskShardStore, type ShardStore } from './search/store.ts';
import type { Diagnostic, Page, SiteConfig, Story } from './types.ts';
import { contentHash, DirectoryWriter, InPlaceWriter, removeStale, type Writer } from './write/index.ts';
import { forgetOutputManifest, outputIntact, readOutputManifest, writeOutputManifest } from './write/manifest.ts';
import { StagedWriter } from './write/staged.ts';

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
  /** Milliseconds per stage: read, load, dedupe, tag, render, write. */
  readonly timings: Readonly<Record<string, number>>;
}

/** The templates folder shipped with the tool. */
export const BUILTIN_TEMPLATES = path.join(TOOL_ROOT, 'templates');

/** The tool's version, part of every cache key: a new version (or changed code) never trusts an old cache. */
export const TOOL_VERSION: string = `${PACKAGE_VERSION}+cache${CACHE_SCHEMA}+${codeHash()}`;

/** Caches the disk cache keeps between builds. */
const CACHED = ['parse', 'fingerprint', 'tags', 'render-groups'];

/**
 * Files to parse from which parsing is shared with worker threads. Parsing takes about 0.1 ms a
 * Markdown file, and a parsing thread needs about half a second to load the tool and gets going
 * slowly (its code is not optimised yet): measured on two cores, helpers made reading and
 * loading 4,000 files 0.25 s slower, 20,000 files about the same and 100,000 files 1.5 s faster.
 */
const SHARED_PARSE_MIN = 50_000;

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

  const disk = options.cache === undefined ? new DiskCache(options.cacheDir ?? '.cache', TOOL_VERSION, { rebuilds: false }) : null;
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
    ...raw.map((f) => `${f.path}:${contentHash(f.bytes)}`),
    ...reporter.messages.map((m) => formatDiagnostic(m)),
  );
  const stamp = skippable ? await upToDate(options.cacheDir ?? '.cache', inputKey, options.out) : null;
  if (stamp) {
    // Nothing changed: the output stands, and the last build's messages are shown again.
    await removeStale(options.out, options.removeOld);
    const summary = { ...stamp.summary, written: 0, upToDate: true, ms: Math.round(performance.now() - started), timings: {} };
    for (const d of stamp.messages) if (options.verbose || d.severity !== 'info') options.log?.(formatDiagnostic(d));
    options.log?.(`${options.out}/ is up to date: nothing changed since the last build (${plural(summary.pages, 'page')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.errors, 'error')}) in ${(summary.ms / 1000).toFixed(2)} s`);
    return { ok: summary.errors === 0, diagnostics: stamp.messages, summary, manifest: null, contents: null, stories: [], site: null };
  }
  if (disk) await disk.load(CACHED);
  const tRead = performance.now();

  // A worker that fails costs time, not files: its batches are parsed here. Say so.
  const sharing = { byWorkers: 0, failures: [] as string[] };
  const { articles: loaded } = await loadArticlesWith(raw, reporter, cache ?? undefined, (missing) => {
    const helpers = missing.length >= SHARED_PARSE_MIN ? threads - 1 : 0;
    return shareWork('parse', helpers > 0 ? inShareableMemory(missing) : missing, parseFile, helpers, undefined, sharing);
  });
  for (const failure of sharing.failures) {
    reporter.report({ file: options.content, severity: 'warning', rule: 'load/worker-failed', reason: `a parsing thread failed; its files were parsed on the main thread: ${failure}` });
  }
  const fileCount = raw.length;
  raw = [];
  // Asked after loading and again after analysis: a site near the threshold crosses it while
  // dedup and tagging build their indexes, before rendering adds the most garbage.
  boundHeapGrowth();
  const { articles, stories, tags, dedup, timings } = analyseArticles(loaded, reporter, config.dedupe, cache ?? undefined, performance.now() - tRead);
  const tAnalysed = performance.now();
  boundHeapGrowth();

  // Pages are rendered one at a time and each is handed to the writer (which holds at most a few
  // batches) before the next is rendered, so the whole site is never held in memory.
  let failed = false;
  let count = 0;
  let written = 0;
  let manifest: Map<string, string> | null = null;
  let inPlaceContents: ReadonlyMap<string, string | Uint8Array> | null = null;
  let renderMs = 0;
  let tSearch = performance.now();
  let tPagesDone = tSearch;
  const inPlace = !options.writer && options.previous ? new InPlaceWriter(options.out, options.previous, options.previousContents) : null;
  // With the disk cache, the last build's manifest of the output folder (when the folder is still
  // the one it describes) lets this build write only what changed; the first writes it all.
  const cacheDir = options.cacheDir ?? '.cache';
  const lastOutput = disk && !options.writer && !inPlace && !options.manifest ? await readOutputManifest(cacheDir, options.out) : null;
  const staged = lastOutput ? new StagedWriter(options.out, lastOutput.files, { thread: threads > 1, removeOld: options.removeOld }) : null;
  const writer =
    options.writer ?? inPlace ?? staged ?? new DirectoryWriter(options.out, { swap: options.swap, removeOld: options.removeOld, thread: threads > 1, hash: disk !== null });
  // Pagefind indexes in its own process: start it now so it runs on the other core while this
  // one renders and writes. Into a fresh or staging folder it writes its files itself; otherwise
  // (the preview, which needs each file's hash) they come back as pages.
  const direct = (writer instanceof DirectoryWriter && !options.manifest) || writer instanceof StagedWriter ? writer : null;
  const shardStore = options.searchStore ?? (disk ? new DiskShardStore(path.join(cacheDir, 'search')) : undefined);
  // A shard counts as in place only while its folder still has its entry file (a folder deleted
  // by hand is indexed again).
  const present = lastOutput && new Map([...lastOutput.shards].filter(([name]) => existsSync(path.join(options.out, SEARCH_DIR, name, 'pagefind-entry.json'))));
  const search =
    options.search === false ? null : feedSearch(stories, config.site, { site: direct?.folder(), store: shardStore, present: present ?? undefined, threads });
  const searching =
    search?.done.then(
      (found) => ({ ...found, error: null }),
      (error: unknown) => ({ files: [] as Page[], shards: [] as ShardOutcome[], error }),
    ) ?? null;
  const hashes = new Map<string, string>();
  // With a manifest (the preview), the pages' contents too: the next rebuild skips hashing the
  // very same strings (the render memo holds them anyway).
  const pageContents = new Map<string, string | Uint8Array>();
  const put = async (page: Page): Promise<void> => {
    await writer.write(page);
    if (!inPlace && options.manifest) {
      hashes.set(page.path, contentHash(page.content));
      pageContents.set(page.path, page.content);
    }
    count++;
  };
  let stage: 'render' | 'write' = 'render';
  const renderedGroups = new Map<string, RenderedGroup>();
  let kept = 0;
  try {
    if (templates instanceof Error) throw templates;
    // The render memo is for a caller's in-memory cache (the preview), never the disk cache.
    const memo = options.cache ?? undefined;
    // With the disk cache, groups of pages (a story's, a tag's) are recorded, and a group whose
    // input is unchanged since the last build, with its files intact, is not rendered again. What
    // this build renders is recorded only once its output is in place (see below).
    const reuse: RenderReuse | undefined = disk
      ? {
          get: (key) => {
            const hit = disk.get<RenderedGroup>('render-groups', key);
            return hit && staged && hit.paths.every((p) => staged.intact(p)) ? hit : undefined;
          },
          set: (key, group) => void renderedGroups.set(key, group),
        }
      : undefined;
    const site = { config: config.site, stories, tags };
    const pages = reuse ? renderPages(site, templates.templates, memo, reuse) : renderPages(site, templates.templates, memo);
    for (;;) {
      stage = 'render';
      const started = performance.now();
      const next = pages.next();
      renderMs += performance.now() - started;
      if (next.done) break;
      search?.pump();
      stage = 'write';
      if ('kept' in next.value) {
        staged!.keep(next.value.path);
        kept++;
      } else await put(next.value);
    }
    stage = 'write';
    for (const asset of templates.assets) await put({ path: asset.path, content: asset.bytes });
    tPagesDone = performance.now();
    const index = await searching;
    tSearch = performance.now();
    if (index && !index.error && index.shards.length > 1) {
      const indexed = index.shards.filter((s) => s.source === 'indexed').length;
      reporter.report({ file: SEARCH_DIR, severity: 'info', rule: 'search/shards', reason: `search index in ${index.shards.length} shards: ${indexed} indexed, ${index.shards.length - indexed} unchanged and kept` });
    }
    if (index?.error) {
      const cause = index.error;
      reporter.report({ file: 'pagefind', severity: 'warning', rule: 'search/failed', reason: `search index not built: ${(cause as Error).message}`, cause });
    }
    for (const file of index?.files ?? []) await put(file);
    // Files Pagefind wrote (or the shard store linked) into the folder: a shard's are known by its key.
    const shards = index?.shards ?? [];
    const filesOf = (shard: ShardOutcome) => new Map(shard.paths.map((file) => [file, `shard:${shard.key}`]));
    const shardFiles = new Map(shards.flatMap((shard) => [...filesOf(shard)]));
    if (writer instanceof DirectoryWriter && direct) writer.adopt([...shardFiles.keys()]);
    if (writer instanceof StagedWriter) {
      for (const shard of shards) {
        const dir = `${SEARCH_DIR}/${shard.name}/`;
        if (shard.source === 'in place') writer.keepFolder(dir);
        else writer.adoptFolder(dir, filesOf(shard));
      }
    }
    count += shardFiles.size;
    // The output changes now: an interrupted change must not leave the old manifest trusted.
    if (disk) await forgetOutputManifest(cacheDir);
    await writer.commit();
    for (const [key, group] of renderedGroups) disk?.set('render-groups', key, group);
    if (disk && (writer instanceof DirectoryWriter || writer instanceof StagedWriter)) {
      const files = writer instanceof StagedWriter ? writer.manifest : new Map([...writer.manifest(), ...shardFiles]);
      await writeOutputManifest(cacheDir, options.out, { files, shards: new Map(shards.map((s) => [s.name, s.key])) }).catch(() => {});
    }
    manifest = inPlace ? inPlace.manifest : options.manifest ? hashes : null;
    written = inPlace ? inPlace.written : staged ? staged.written : count;
    if (staged) count = staged.manifest.size; // shards left in place count too
    inPlaceContents = inPlace ? inPlace.contents : options.manifest ? pageContents : null;
  } catch (cause) {
    failed = true;
    // Pagefind may still be writing into the temporary folder: let it finish, then remove it.
    await searching;
    await writer.abort().catch(() => {});
    if (stage === 'render') {
      const file = cause instanceof TemplateError ? path.join(templatesDir, `${cause.template}.hbs`) : templatesDir;
      const message = cause instanceof TemplateError ? ((cause.cause as Error)?.message ?? cause.message) : (cause as Error).message;
      reporter.report({ file, severity: 'error', rule: 'render/template', reason: `cannot render: ${message}`, cause });
    } else {
      reporter.report({ file: options.out, severity: 'error', rule: 'write/failed', reason: `cannot write the site: ${(cause as Error).message}`, cause });
    }
  }
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
      reporter.report({ file: options.cacheDir ?? '.cache', severity: 'warning', rule: 'cache/write-failed', reason: `content cache not saved: ${(cause as Error).message}`, cause });
    });
  }
  const messages = sortDiagnostics(reporter.messages);
  const summary: BuildSummary = {
    files: fileCount,
    skipped: fileCount - new Set(articles.map((a) => a.file)).size,
    articles: articles.length,
    stories: stories.length,
    tags: tags.length,
    pages: failed ? 0 : count,
    written: failed ? 0 : written,
    kept: failed ? 0 : kept,
    upToDate: false,
    errors: messages.filter((m) => m.severity === 'error').length,
    warnings: messages.filter((m) => m.severity === 'warning').length,
    ms: Math.round(performance.now() - started),
    timings: Object.fromEntries(
      Object.entries({ read: tRead - started, ...timings, render: renderMs, 'write+search': tWritten - tAnalysed - renderMs, 'search wait': tSearch - tPagesDone }).map(
        ([k, v]) => [k, Math.round(v)],
      ),
    ),
  };
  if (skippable && cacheSaved && !failed) {
    await writeStamp(options.cacheDir ?? '.cache', { key: inputKey, out: path.resolve(options.out), summary, messages: messages.map(({ cause: _c, ...m }) => m) }).catch(() => {});
  }
  if (options.log) {
    for (const d of messages) if (options.verbose || d.severity !== 'info') options.log(formatDiagnostic(d));
    options.log(formatSummary(summary, failed ? null : options.out));
  }
  return { ok: !failed && summary.errors === 0, diagnostics: messages, summary, manifest, contents: inPlaceContents, stories, site: config.site };
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

/**
 * render → write, with the search index built alongside: the output half of a build. Chooses the
 * writer, feeds Pagefind while pages are rendered, keeps the pages and search shards that are as
 * the last build left them, and makes the new site visible only once all of it is written.
 */
import path from 'node:path';
import type { Cache, DiskCache } from './cache.ts';
import type { RawFile } from './load/read.ts';
import { renderPages, TemplateError, type RenderedGroup, type RenderReuse } from './render/index.ts';
import { feedSearch, SEARCH_DIR, shardsInPlace, type ShardOutcome } from './search/index.ts';
import { DiskShardStore, type ShardStore } from './search/store.ts';
import type { Page, Reporter, Site } from './types.ts';
import { contentHash, DirectoryWriter, InPlaceWriter, type Writer } from './write/index.ts';
import { forgetOutputManifest, readOutputManifest, writeOutputManifest } from './write/manifest.ts';
import { StagedWriter } from './write/staged.ts';

/** What the output half needs of the build's options (see BuildOptions for each). */
export interface OutputOptions {
  readonly out: string;
  readonly writer?: Writer;
  readonly previous?: ReadonlyMap<string, string>;
  readonly previousContents?: ReadonlyMap<string, string | Uint8Array>;
  readonly manifest?: boolean;
  readonly swap?: <T>(rename: () => Promise<T>) => Promise<T>;
  readonly removeOld?: (folder: string) => Promise<void>;
  readonly search?: boolean;
  readonly searchStore?: ShardStore;
  /** The caller's in-memory cache (the preview): the render memo. */
  readonly memo?: Cache;
  /** The build's disk cache: rendered groups, the output manifest and search shards are kept with it. */
  readonly disk: DiskCache | null;
  readonly cacheDir: string;
  readonly threads: number;
}

/** The templates as read, or why they could not be. */
export interface TemplateInput {
  readonly dir: string;
  readonly read: { templates: Record<string, string>; assets: RawFile[] } | Error;
}

export interface Output {
  readonly ok: boolean;
  /** Files in the site: rendered, kept, assets and search files. */
  readonly pages: number;
  /** Files actually written (the rest were unchanged). */
  readonly written: number;
  /** Pages not rendered again. */
  readonly kept: number;
  /** Every page written with its content hash (in place, or with `manifest`); else null. */
  readonly manifest: ReadonlyMap<string, string> | null;
  /** Every page's content, when written in place or with `manifest`. */
  readonly contents: ReadonlyMap<string, string | Uint8Array> | null;
  /** Milliseconds spent rendering, and waiting for the search index once every page was written. */
  readonly renderMs: number;
  readonly searchWaitMs: number;
}

/**
 * Renders the site and writes it. Pages are rendered one at a time and each is handed to the
 * writer (which holds at most a few batches) before the next is rendered, so the whole site is
 * never held in memory. Never throws for a template or a disk that fails: that is reported, and
 * the previous site stays as it was.
 */
export async function writeSite(site: Site, templates: TemplateInput, options: OutputOptions, reporter: Reporter): Promise<Output> {
  const { disk, cacheDir, threads } = options;
  const inPlace = !options.writer && options.previous ? new InPlaceWriter(options.out, options.previous, options.previousContents) : null;
  // With the disk cache, the last build's manifest of the output folder (when the folder is still
  // the one it describes) lets this build write only what changed; the first writes it all.
  const lastOutput = disk && !options.writer && !inPlace && !options.manifest ? await readOutputManifest(cacheDir, options.out) : null;
  const staged = lastOutput ? new StagedWriter(options.out, lastOutput.files, { thread: threads > 1, removeOld: options.removeOld }) : null;
  const writer =
    options.writer ?? inPlace ?? staged ?? new DirectoryWriter(options.out, { swap: options.swap, removeOld: options.removeOld, thread: threads > 1, hash: disk !== null });

  // Pagefind indexes in its own process: start it now so it runs on the other core while this
  // one renders and writes. Into a fresh or staging folder it writes its files itself; otherwise
  // (the preview, which needs each file's hash) they come back as pages.
  const direct = (writer instanceof DirectoryWriter && !options.manifest) || writer instanceof StagedWriter ? writer : null;
  const shardStore = options.searchStore ?? (disk ? new DiskShardStore(path.join(cacheDir, 'search')) : undefined);
  const present = lastOutput && shardsInPlace(options.out, lastOutput.shards);
  const search =
    options.search === false ? null : feedSearch(site.stories, site.config, { site: direct?.folder(), store: shardStore, present: present ?? undefined, threads });
  const searching =
    search?.done.then(
      (found) => ({ ...found, error: null }),
      (error: unknown) => ({ files: [] as Page[], shards: [] as ShardOutcome[], error }),
    ) ?? null;

  let count = 0;
  // With a manifest (the preview), the pages' hashes and contents too: the next rebuild skips
  // hashing the very same strings (the render memo holds them anyway).
  const hashes = new Map<string, string>();
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
  let renderMs = 0;
  let pagesDone = performance.now();
  let searchDone = pagesDone;
  try {
    if (templates.read instanceof Error) throw templates.read;
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
    const pages = reuse ? renderPages(site, templates.read.templates, options.memo, reuse) : renderPages(site, templates.read.templates, options.memo);
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
    for (const asset of templates.read.assets) await put({ path: asset.path, content: asset.bytes });
    pagesDone = performance.now();
    const index = await searching;
    searchDone = performance.now();
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
    return {
      ok: true,
      // A staged writer's manifest counts the shards left in place too.
      pages: staged ? staged.manifest.size : count,
      written: inPlace ? inPlace.written : staged ? staged.written : count,
      kept,
      manifest: inPlace ? inPlace.manifest : options.manifest ? hashes : null,
      contents: inPlace ? inPlace.contents : options.manifest ? pageContents : null,
      renderMs,
      searchWaitMs: searchDone - pagesDone,
    };
  } catch (cause) {
    // Pagefind may still be writing into the temporary folder: let it finish, then remove it.
    await searching;
    await writer.abort().catch(() => {});
    if (stage === 'render') {
      const file = cause instanceof TemplateError ? path.join(templates.dir, `${cause.template}.hbs`) : templates.dir;
      const message = cause instanceof TemplateError ? ((cause.cause as Error)?.message ?? cause.message) : (cause as Error).message;
      reporter.report({ file, severity: 'error', rule: 'render/template', reason: `cannot render: ${message}`, cause });
    } else {
      reporter.report({ file: options.out, severity: 'error', rule: 'write/failed', reason: `cannot write the site: ${(cause as Error).message}`, cause });
    }
    return { ok: false, pages: 0, written: 0, kept: 0, manifest: null, contents: null, renderMs, searchWaitMs: searchDone - pagesDone };
  }
}

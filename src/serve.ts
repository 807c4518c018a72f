/**
 * Preview: build, serve the output folder on 127.0.0.1 (content types from mrmime), watch content, templates and config,
 * rebuild (never two at once: one more is queued), and tell open pages to reload over
 * Server-Sent Events. A failed build keeps the last good site served and shows the error.
 */
import { watch } from 'chokidar';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { lookup } from 'mrmime';
import { existsSync } from 'node:fs';
import { runBuild, TOOL_VERSION, type BuildOptions, type BuildResult } from './build.ts';
import { DiskCache } from './cache.ts';
import { buildSearchIndex, SEARCH_DIR } from './search/index.ts';
import { MemoryShardStore } from './search/store.ts';
import type { SiteConfig, Story } from './types.ts';
import { InPlaceWriter } from './write/index.ts';
import type { KnownFile } from './load/read.ts';
import { CONFIG_FILE } from './config.ts';
import { formatDiagnostic } from './diagnostics.ts';

export interface ServeOptions extends BuildOptions {
  /** Port to try first; the next free one is used when it is taken. */
  readonly port?: number;
  /**
   * Quiet period after the last change before rebuilding, in ms (default 15). Each change
   * restarts it, so a burst (a checkout, a sync) whose changes come closer together is one rebuild.
   */
  readonly debounceMs?: number;
}

export interface Preview {
  readonly url: string;
  readonly server: Server;
  /** Resolves after the rebuild that follows the latest change. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const EVENTS_PATH = '/__news-archive/events';
/** Pause between a reload and the search index's refresh, in ms. */
const SEARCH_DELAY_MS = 150;
const CLIENT_PATH = '/__news-archive/live.js';

/** Script served to previewed pages: reload on rebuild, swap stylesheets in place, show build errors. */
const CLIENT = `(() => {
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  const overlay = () => document.getElementById('news-archive-error');
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('css', () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href); url.searchParams.set('v', Date.now()); link.href = url.href;
    }
  });
  const show = (heading, e) => {
    let box = overlay();
    if (!box) {
      box = document.createElement('pre'); box.id = 'news-archive-error';
      box.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:1rem;background:#300;color:#fdd;font:13px/1.4 monospace;z-index:2147483647;white-space:pre-wrap';
      document.body.append(box);
    }
    box.textContent = heading + '\\n\\n' + JSON.parse(e.data).join('\\n');
  };
  events.addEventListener('failed', (e) => show('Build failed; showing the last good site.', e));
  events.addEventListener('errors', (e) => show('Built, but some content has errors (this site is the new build):', e));
  events.addEventListener('ok', () => overlay()?.remove());
})();
`;

/** Starts the preview and resolves once the first build is done and the server listens. */
export async function serve(options: ServeOptions): Promise<Preview> {
  const log = options.log ?? ((line: string) => console.error(line));
  const clients = new Set<ServerResponse>();
  const send = (event: string, data: unknown): void => {
    for (const res of clients) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  // Requests wait while a finished build's folder replaces the served one (two renames).
  let swapping: Promise<unknown> | null = null;
  let swaps = 0;
  const swap = <T>(rename: () => Promise<T>): Promise<T> => {
    swaps++;
    const done = rename();
    swapping = done.catch(() => {}).finally(() => (swapping = null));
    return done;
  };

  // The content cache lives as long as the preview (seeded from .cache/); after the first build,
  // rebuilds write only the pages that changed, in place.
  const cache = new DiskCache(options.cacheDir ?? '.cache', TOOL_VERSION);
  await cache.load(['parse', 'tags']);
  // What the last build wrote, split: the pages (whose next rebuild writes only what changed) and
  // the search index (which refreshSearch rewrites after the reload).
  let manifest: ReadonlyMap<string, string> | null = null;
  let searchManifest: ReadonlyMap<string, string> = new Map();
  // Search shards by their records: a rebuild re-indexes only the shards whose stories changed.
  const shards = new MemoryShardStore();
  const known = new Map<string, KnownFile>();
  let contents: ReadonlyMap<string, string | Uint8Array> = new Map();

  /** What the last build had to report, replayed to a page that connects later: none when clean. */
  let problems: { event: 'failed' | 'errors'; lines: string[] } | null = null;
  /** The changed paths inside the content folder, relative to it with `/` separators. */
  const contentPaths = (changed: readonly string[]): Set<string> => {
    const inside = new Set<string>();
    for (const file of changed) {
      const relative = path.relative(options.content, file);
      if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) inside.add(relative.split(path.sep).join('/'));
    }
    return inside;
  };
  const buildOnce = async (changed: readonly string[]): Promise<void> => {
    let result: BuildResult;
    try {
      // After the first build, pages are written first and the reload sent; the search index,
      // which takes Pagefind a few seconds, follows (see refreshSearch).
      const incremental = manifest !== null && existsSync(options.out);
      result = await runBuild({
        ...options,
        log,
        swap,
        cache,
        searchStore: shards,
        known,
        // Content files the watcher reported; the rest of what an earlier build read is trusted.
        ...(manifest !== null ? { changed: contentPaths(changed) } : {}),
        manifest: true,
        ...(incremental ? { previous: manifest!, previousContents: contents, search: false } : {}),
      });
      contents = result.contents ?? new Map();
      if (result.manifest) {
        if (incremental) manifest = result.manifest;
        else [manifest, searchManifest] = splitSearch(result.manifest);
        // A full build made the search index itself: an earlier rebuild's refresh is moot.
        pendingSearch = incremental ? { stories: result.stories, site: result.site! } : null;
      }
    } catch (error) {
      // An internal error: report it with its stack, keep serving the last good site.
      const message = `internal error: ${(error as Error).stack ?? String(error)}`;
      log(message);
      problems = { event: 'failed', lines: [message] };
      send('failed', problems.lines);
      return;
    }
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d));
    // No pages: the build failed and the last good site stays. Pages and errors: the new site is
    // served, and the errors are the content's (files skipped or read in part).
    problems = result.summary.pages === 0 ? { event: 'failed', lines: errors } : errors.length ? { event: 'errors', lines: errors } : null;
    if (problems?.event === 'failed') {
      send('failed', errors);
      return;
    }
    if (problems) send('errors', errors);
    else send('ok', null);
    const onlyCss = changed.length > 0 && changed.every((f) => f.endsWith('.css'));
    send(onlyCss ? 'css' : 'reload', changed);
    // The search index follows once the reloaded page has been served (handing Pagefind the
    // stories holds this thread for a moment); a newer change waiting to build goes first.
    if (!pendingSearch) return;
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DELAY_MS));
    if (!queued && !timer) await refreshSearch();
  };

  let pendingSearch: { stories: readonly Story[]; site: SiteConfig } | null = null;
  /** Rebuilds the search index for the stories of the last build, writing only its changed files. */
  const refreshSearch = async (): Promise<void> => {
    if (!pendingSearch || options.search === false || !manifest) return;
    const { stories, site } = pendingSearch;
    pendingSearch = null;
    try {
      const writer = new InPlaceWriter(options.out, searchManifest);
      for (const file of await buildSearchIndex(stories, site, shards)) await writer.write(file);
      await writer.commit();
      searchManifest = writer.manifest;
    } catch (error) {
      log(`search index not updated: ${(error as Error).message}`);
    }
  };

  // Rebuild loop: never two builds at once; changes during a build queue exactly one more.
  let running: Promise<void> | null = null;
  let queued: string[] | null = null;
  let timer: NodeJS.Timeout | null = null;
  let pending: string[] = [];
  const run = (changed: string[]): Promise<void> => {
    if (running) {
      (queued ??= []).push(...changed);
      return running;
    }
    running = (async () => {
      await buildOnce(changed);
      while (queued) {
        const next = queued;
        queued = null;
        await buildOnce(next);
      }
      running = null;
    })();
    return running;
  };
  let settled: Promise<void> = Promise.resolve();
  const watcher = watch([options.content, options.templates ?? 'templates', options.config ?? CONFIG_FILE], {
    ignoreInitial: true,
    ignored: (file: string) => path.basename(file).startsWith('.') && file !== '.',
  });
  watcher.on('all', (_event, file) => {
    pending.push(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const changed = pending;
      pending = [];
      log(`changed: ${changed.length === 1 ? changed[0] : `${changed.length} files`}; rebuilding`);
      settled = run(changed);
    }, options.debounceMs ?? 15);
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  // Watching starts before the first build reads anything: a change made while it runs is an
  // event, so later rebuilds can trust the watcher for what changed.
  settled = run([]);
  await settled;

  const out = path.resolve(options.out);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`preview server error: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (url === EVENTS_PATH) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      if (problems) res.write(`event: ${problems.event}\ndata: ${JSON.stringify(problems.lines)}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (url === CLIENT_PATH) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(CLIENT);
      return;
    }
    // Files are read whole (they are small) rather than streamed: a rebuild may replace the folder
    // at any moment. A miss that overlapped a swap is tried again on the new folder.
    let file: string | null | 'bad' = null;
    let body: Buffer | null = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (swapping) await swapping;
      const generation = swaps;
      file = await resolveInside(out, url);
      if (file === 'bad') {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Bad request');
        return;
      }
      body = file ? await readFile(file).catch(() => null) : null;
      if (body !== null || (generation === swaps && !swapping)) break;
    }
    if (!file || body === null) {
      await notFound(res);
      return;
    }
    const type = lookup(file) ?? 'application/octet-stream';
    const headers = { 'content-type': /^(text\/|application\/(json|javascript|xml|atom))/.test(type) ? `${type}; charset=utf-8` : type, 'cache-control': 'no-store' };
    if (file.endsWith('.html')) {
      res.writeHead(200, headers);
      res.end(injectClient(body.toString('utf8')));
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function notFound(res: ServerResponse): Promise<void> {
    const page = await readFile(path.join(out, '404.html'), 'utf8').catch(() => 'Not found');
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(injectClient(page));
  }

  const port = await listen(server, options.port ?? 8080);
  const url = `http://127.0.0.1:${port}/`;
  log(`Serving ${options.out}/ at ${url} (Ctrl+C to stop)`);
  return {
    url,
    server,
    idle: async () => {
      while (timer || running) {
        await new Promise((r) => setTimeout(r, 20));
        await settled;
      }
    },
    close: async () => {
      if (timer) clearTimeout(timer);
      await watcher.close();
      for (const res of clients) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await running;
    },
  };
}

/**
 * The file a URL names inside `root` (`/a/` → `/a/index.html`, `/a` → `/a.html` or `/a/index.html`),
 * null when there is none, 'bad' for a URL that tries to leave the folder. Symbolic links that lead
 * outside the folder are treated as missing.
 */
export async function resolveInside(root: string, url: string): Promise<string | null | 'bad'> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return 'bad';
  }
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.split('/').some((s) => s === '..')) return 'bad';
  const candidates = pathname.endsWith('/') ? [`${pathname}index.html`] : [pathname, `${pathname}.html`, `${pathname}/index.html`];
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) return null;
  for (const candidate of candidates) {
    const full = path.resolve(root, `.${candidate}`);
    const real = await realpath(full).catch(() => null);
    if (!real) continue;
    const rel = path.relative(realRoot, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
    // A rebuild may have removed it since: then it is not there.
    if ((await stat(real).catch(() => null))?.isFile()) return real;
  }
  return null;
}

function injectClient(html: string): string {
  const tag = `<script src="${CLIENT_PATH}"></script>`;
  return html.includes('</body>') ? html.replace('</body>', `${tag}\n</body>`) : html + tag;
}

/** A full build's manifest as the entries outside the search index's folder, and those inside. */
function splitSearch(manifest: ReadonlyMap<string, string>): [Map<string, string>, Map<string, string>] {
  const pages = new Map<string, string>();
  const search = new Map<string, string>();
  for (const [file, hash] of manifest) (file.startsWith(`${SEARCH_DIR}/`) ? search : pages).set(file, hash);
  return [pages, search];
}

/** Listens on 127.0.0.1 at `port`, or the next free port. */
function listen(server: Server, port: number, tries = 20): Promise<number> {
  return new Promise((resolve, reject) => {
    const attempt = (p: number, left: number): void => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE' && left > 0 && port !== 0) attempt(p + 1, left - 1);
        else reject(error);
      });
      server.listen(p, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : p);
      });
    };
    attempt(port, tries);
  });
}

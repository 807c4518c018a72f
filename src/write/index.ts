/**
 * Page[] → disk: the only disk writer. Pages go to a temporary folder beside the output folder,
 * which replaces the output folder only when every page is written, so a failed or interrupted
 * build leaves the previous site intact.
 */
import { spawn } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '../types.ts';
import { contentHash, Folders, removeFiles } from './files.ts';
import { startSink, type FileSink } from './sink.ts';

export { contentHash } from './files.ts';

export interface Writer {
  write(page: Page): Promise<void>;
  /** Makes everything written visible at once. */
  commit(): Promise<void>;
  /** Throws away everything written. */
  abort(): Promise<void>;
}

/** Keeps pages in memory, for tests. */
export class MemoryWriter implements Writer {
  readonly pages = new Map<string, string | Uint8Array>();
  committed = false;

  async write(page: Page): Promise<void> {
    assertSafePath(page.path);
    if (this.pages.has(page.path)) throw new Error(`two pages want ${page.path}`);
    this.pages.set(page.path, page.content);
  }

  async commit(): Promise<void> {
    this.committed = true;
  }

  async abort(): Promise<void> {
    this.pages.clear();
  }

  /** A page's text, or undefined. */
  text(file: string): string | undefined {
    const content = this.pages.get(file);
    return content === undefined ? undefined : typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  }
}

export interface DirectoryWriterOptions {
  /**
   * Wraps the moment the new folder replaces the old one (two renames): the preview server
   * holds requests for that instant so none finds the folder missing.
   */
  readonly swap?: <T>(rename: () => Promise<T>) => Promise<T>;
  /**
   * Removes the previous site once the new one has replaced it (default: here, before commit
   * returns). See removeInBackground.
   */
  readonly removeOld?: (folder: string) => Promise<void>;
  /** Write from a worker thread while this one goes on rendering (default: in this thread). */
  readonly thread?: boolean;
  /** Hash every page written and record it, for manifest() (default false). */
  readonly hash?: boolean;
}


/** Writes to `.<out>.tmp-<pid>` beside `out` and swaps it in on commit. */
export class DirectoryWriter implements Writer {
  private readonly temp: string;
  private readonly written = new Set<string>();
  private readonly swap: <T>(rename: () => Promise<T>) => Promise<T>;
  private started: Promise<FileSink> | null = null;
  private sink: FileSink | null = null;

  constructor(
    private readonly out: string,
    private readonly options: DirectoryWriterOptions = {},
  ) {
    const parent = path.dirname(path.resolve(out));
    this.temp = path.join(parent, `.${path.basename(out)}.tmp-${process.pid}`);
    this.swap = options.swap ?? ((rename) => rename());
  }

  /** The temporary folder pages go to, once made: a tool that writes files itself puts them there. */
  async folder(): Promise<string> {
    await this.start();
    return this.temp;
  }

  /** Counts files something else wrote into folder() as written (a later page at the same path is refused). */
  adopt(paths: readonly string[]): void {
    for (const file of paths) {
      const key = file.toLowerCase();
      if (this.written.has(key)) throw new Error(`two pages want ${file} (paths are compared ignoring case)`);
      this.written.add(key);
    }
  }

  private start(): Promise<FileSink> {
    this.started ??= (async () => {
      await removeStale(this.out, this.options.removeOld);
      await rm(this.temp, { recursive: true, force: true });
      await mkdir(this.temp, { recursive: true });
      return startSink({ root: this.temp, previous: this.options.hash ? new Map() : null }, this.options.thread);
    })();
    return this.started;
  }

  /** Writes a page, or hands it to the writing thread; a failure to write shows here or at commit. */
  async write(page: Page): Promise<void> {
    const sink = await this.start();
    assertSafePath(page.path);
    const key = page.path.toLowerCase();
    if (this.written.has(key)) throw new Error(`two pages want ${page.path} (paths are compared ignoring case)`);
    this.written.add(key);
    await sink.put(page.path, page.content);
  }

  /** With `hash`, after commit: every page written, with its record (fileRecord). */
  manifest(): Map<string, string> {
    return this.sink?.records ?? new Map();
  }

  async commit(): Promise<void> {
    const sink = (this.sink = await this.start());
    await sink.flush();
    await sink.close();
    const out = path.resolve(this.out);
    const old = `${path.join(path.dirname(out), `.${path.basename(out)}.old-${process.pid}`)}`;
    await rm(old, { recursive: true, force: true });
    const hadOut = await this.swap(async () => {
      const existed = await rename(out, old).then(
        () => true,
        (e: NodeJS.ErrnoException) => {
          if (e.code === 'ENOENT') return false;
          throw e;
        },
      );
      try {
        await rename(this.temp, out);
      } catch (error) {
        if (existed) await rename(old, out);
        throw error;
      }
      return existed;
    });
    if (hadOut) await (this.options.removeOld ?? removeFolder)(old);
  }

  async abort(): Promise<void> {
    const sink = await this.started?.catch(() => null);
    await sink?.close();
    await rm(this.temp, { recursive: true, force: true });
  }
}

function removeFolder(folder: string): Promise<void> {
  return rm(folder, { recursive: true, force: true });
}

/**
 * Removes a replaced site from a process of its own, which outlives this one: deleting every file
 * of a large site takes longer than building it on some file systems (20,000 stories: 6 s), and
 * the new site is in place already. A removal that does not finish is done by the next build
 * (removeStale).
 */
export function removeInBackground(folder: string): Promise<void> {
  const code = "require('node:fs').rmSync(process.argv[1], { recursive: true, force: true })";
  const child = spawn(process.execPath, ['-e', code, folder], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined); // could not start: the next build removes the folder
  child.unref();
  return Promise.resolve();
}

/**
 * Removes temporary folders left beside `out` by a build that was killed, and replaced sites not
 * removed yet, with `remove` (default: here and now; the CLI hands them to removeInBackground, so
 * a build never waits for the last one's old site to be deleted). A folder another process is
 * removing at the same moment is no trouble: a forced recursive rm takes entries vanishing under
 * it in its stride (three removals of one 2,000-file tree at once, ten times over: no error).
 */
export async function removeStale(out: string, remove: (folder: string) => Promise<void> = removeFolder): Promise<void> {
  const parent = path.dirname(path.resolve(out));
  const prefix = `.${path.basename(out)}.`;
  const entries = await readdir(parent).catch(() => [] as string[]);
  await Promise.all(
    entries
      // This process's own names are its writers' to clear, at once, before they use them.
      .filter((e) => e.startsWith(prefix) && /\.(tmp|old)-\d+$/.test(e) && !e.endsWith(`-${process.pid}`))
      .map((e) => remove(path.join(parent, e))),
  );
}

/**
 * An output path must stay inside the output folder: relative, `/`-separated, no `..`, `.`,
 * empty or reserved segments, no backslashes, drive letters or control characters.
 */
export function assertSafePath(file: string): void {
  const segments = file.split('/');
  const bad =
    file === '' ||
    file.startsWith('/') ||
    /[\\:\u0000-\u001f]/.test(file) ||
    segments.some((s) => s === '' || s === '.' || s === '..' || /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(s) || s.length > 200);
  if (bad) throw new Error(`refusing to write outside the output folder or to an unsafe name: ${JSON.stringify(file)}`);
}

/**
 * Writes into the output folder in place, for the preview's rebuilds: a page whose content is
 * unchanged since the last build is not touched, a changed one is written beside its file and
 * renamed over it at commit (so a reader never sees half a file, and a build that fails midway
 * leaves every page as it was), and pages the last build wrote but this one did not are removed.
 * `manifest` maps each written path to its content hash.
 */
export class InPlaceWriter implements Writer {
  readonly manifest = new Map<string, string>();
  private readonly folders = new Folders();
  /** Changed pages, by path, written beside their files (named with `temp`) and renamed over them at commit. */
  private readonly pending: string[] = [];
  /** Ends the name of a changed page's file until commit. */
  private readonly temp = `.tmp-${process.pid}`;
  written = 0;

  /** Each written path's content, so an unchanged page (the very same string) is not even hashed. */
  readonly contents = new Map<string, string | Uint8Array>();

  constructor(
    private readonly out: string,
    private readonly previous: ReadonlyMap<string, string>,
    private readonly previousContents: ReadonlyMap<string, string | Uint8Array> = new Map(),
  ) {}

  async write(page: Page): Promise<void> {
    if (this.manifest.has(page.path)) throw new Error(`two pages want ${page.path}`);
    this.contents.set(page.path, page.content);
    const before = this.previous.get(page.path);
    // The very same content at the same path as last time: checked and written then.
    if (before !== undefined && this.previousContents.get(page.path) === page.content) {
      this.manifest.set(page.path, before);
      return;
    }
    assertSafePath(page.path);
    const hash = contentHash(page.content);
    this.manifest.set(page.path, hash);
    if (this.previous.get(page.path) === hash) return;
    this.written++;
    const file = path.join(this.out, ...page.path.split('/'));
    this.folders.ensure(path.dirname(file));
    writeFileSync(`${file}${this.temp}`, page.content);
    this.pending.push(page.path);
  }

  async commit(): Promise<void> {
    for (const page of this.pending.splice(0)) {
      const file = path.join(this.out, ...page.split('/'));
      renameSync(`${file}${this.temp}`, file);
    }
    // Pages the last build wrote and this one did not go, with the folders they leave empty.
    await removeFiles(this.out, [...this.previous.keys()].filter((p) => !this.manifest.has(p)));
  }

  async abort(): Promise<void> {
    // The changed pages' temporary files go, with the folders made for new pages.
    await removeFiles(this.out, this.pending.splice(0).map((page) => `${page}${this.temp}`));
  }
}

/**
 * Search shards kept between builds, by shard key: a shard whose records are unchanged is taken
 * from here instead of being indexed again. The disk store (for the CLI, under the cache folder)
 * links kept files into the new site; the memory store serves the preview's rebuilds.
 */
import { copyFile, link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MemoryCache } from '../cache.ts';
import type { Page } from '../types.ts';

/**
 * A shard's index files, by path relative to the shard's folder: already in a folder (`paths`),
 * or held as pages.
 */
export type ShardFiles = { readonly paths: readonly string[] } | { readonly pages: readonly Page[] };

export interface ShardStore {
  /**
   * A kept shard's files, or null: put into `folder` when one is given (and listed), else as pages.
   */
  restore(key: string, folder: string | undefined): Promise<ShardFiles | null>;
  /** Keeps a shard's files; `paths` are found in `folder`. */
  save(key: string, files: ShardFiles, folder: string | undefined): Promise<void>;
  /** Counts a shard as used, though not restored (the output still holds it), so prune keeps it. */
  retain(key: string): void;
  /** Forgets every shard neither restored nor saved since the last prune. */
  prune(): Promise<void>;
}

/** Keeps shards as pages for the life of the process (the preview), in a MemoryCache. */
export class MemoryShardStore implements ShardStore {
  private readonly cache = new MemoryCache();

  async restore(key: string, folder: string | undefined): Promise<ShardFiles | null> {
    const pages = this.cache.get<readonly Page[]>(SPACE, key);
    if (!pages) return null;
    if (folder === undefined) return { pages };
    for (const page of pages) await writeInto(folder, page.path, page.content);
    return { paths: pages.map((p) => p.path) };
  }

  async save(key: string, files: ShardFiles, folder: string | undefined): Promise<void> {
    this.cache.set(SPACE, key, 'pages' in files ? files.pages : await readAll(folder!, files.paths));
  }

  retain(key: string): void {
    this.cache.get(SPACE, key);
  }

  async prune(): Promise<void> {
    this.cache.sweep();
  }
}

const SPACE = 'search-shards';

/**
 * Keeps shards in `dir`, a folder per key with `<key>.json` listing its files beside it (written
 * last: a shard without its list was not saved whole). Files are hard-linked into and out of the
 * store where the file system allows, else copied; a site's files are replaced, never edited in
 * place, so a link never lets a change reach the store.
 */
export class DiskShardStore implements ShardStore {
  private readonly used = new Set<string>();

  constructor(private readonly dir: string) {}

  async restore(key: string, folder: string | undefined): Promise<ShardFiles | null> {
    const list = await readFile(path.join(this.dir, `${key}.json`), 'utf8').catch(() => null);
    if (list === null) return null;
    const paths = JSON.parse(list) as string[];
    const from = path.join(this.dir, key);
    let files: ShardFiles;
    try {
      if (folder === undefined) files = { pages: await readAll(from, paths) };
      else {
        await linkAll(from, folder, paths);
        files = { paths };
      }
    } catch {
      return null; // a store emptied under us: index the shard again
    }
    this.used.add(key);
    return files;
  }

  async save(key: string, files: ShardFiles, folder: string | undefined): Promise<void> {
    const temp = path.join(this.dir, `${key}.tmp-${process.pid}`);
    await rm(temp, { recursive: true, force: true });
    await mkdir(temp, { recursive: true });
    const paths = 'paths' in files ? files.paths : files.pages.map((p) => p.path);
    if ('paths' in files) await linkAll(folder!, temp, files.paths);
    else for (const page of files.pages) await writeInto(temp, page.path, page.content);
    await rm(path.join(this.dir, key), { recursive: true, force: true });
    await rename(temp, path.join(this.dir, key));
    await writeFile(path.join(this.dir, `${key}.json`), JSON.stringify(paths));
    this.used.add(key);
  }

  retain(key: string): void {
    this.used.add(key);
  }

  async prune(): Promise<void> {
    const entries = await readdir(this.dir).catch(() => [] as string[]);
    const stale = entries.filter((e) => !this.used.has(e.replace(/\.json$/, '')));
    await Promise.all(stale.map((e) => rm(path.join(this.dir, e), { recursive: true, force: true })));
    this.used.clear();
  }
}

async function writeInto(folder: string, file: string, content: string | Uint8Array): Promise<void> {
  const to = path.join(folder, ...file.split('/'));
  await mkdir(path.dirname(to), { recursive: true });
  await writeFile(to, content);
}

async function readAll(folder: string, paths: readonly string[]): Promise<Page[]> {
  return Promise.all(paths.map(async (p) => ({ path: p, content: new Uint8Array(await readFile(path.join(folder, ...p.split('/')))) })));
}

/** Links (or copies) each file from one folder into another, a few system calls at a time. */
async function linkAll(from: string, to: string, paths: readonly string[]): Promise<void> {
  for (const dir of new Set(paths.map((p) => path.posix.dirname(p)))) await mkdir(path.join(to, dir), { recursive: true });
  for (let i = 0; i < paths.length; i += LINKS_AT_ONCE) {
    await Promise.all(
      paths.slice(i, i + LINKS_AT_ONCE).map((p) => link(path.join(from, p), path.join(to, p)).catch(() => copyFile(path.join(from, p), path.join(to, p)))),
    );
  }
}

/** File operations in flight at once: enough to keep the thread pool busy, not the heap. */
const LINKS_AT_ONCE = 64;

/**
 * Content caches: results keyed by a content hash, so unchanged input is not parsed, fingerprinted
 * or tagged again. A MemoryCache serves one process (the preview keeps it between rebuilds); a
 * DiskCache persists one file per namespace in `.cache/`, stamped with the tool's version so a
 * new version never reads an old version's entries.
 */
import { hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** Bumped whenever what a cache holds, or how it is computed, changes. */
export const CACHE_SCHEMA = 2;

export interface Cache {
  get<T>(namespace: string, key: string): T | undefined;
  set<T>(namespace: string, key: string, value: T): void;
  /**
   * True when this cache serves build after build in one process (the preview): stages then also
   * remember what they made by object identity, for the next build to take as it is. A one-off
   * build lets those go as soon as they are used: at 100,000 articles dedup's shingle sets and
   * signatures alone are a few hundred megabytes.
   */
  readonly rebuilds: boolean;
}

/** Hex sha1 of the parts, for keys (not for security). */
export function hashKey(...parts: readonly string[]): string {
  // One-shot hashing of the joined parts: the same digest as hashing part by part, in half the time.
  return hash('sha1', `${parts.join('\u0000')}\u0000`);
}

/** Keeps entries for the life of the process; entries not used by a pass are dropped after it. */
export class MemoryCache implements Cache {
  readonly rebuilds: boolean = true;
  protected readonly spaces = new Map<string, Map<string, unknown>>();
  protected readonly used = new Map<string, Map<string, unknown>>();

  get<T>(namespace: string, key: string): T | undefined {
    const value = this.spaces.get(namespace)?.get(key) as T | undefined;
    if (value !== undefined) this.space(this.used, namespace).set(key, value);
    return value;
  }

  set<T>(namespace: string, key: string, value: T): void {
    this.space(this.spaces, namespace).set(key, value);
    this.space(this.used, namespace).set(key, value);
  }

  /** Ends a pass: keeps only the entries the pass read or wrote, so the cache never grows stale. */
  sweep(): void {
    this.spaces.clear();
    for (const [name, entries] of this.used) this.spaces.set(name, entries);
    this.used.clear();
  }

  protected space(store: Map<string, Map<string, unknown>>, namespace: string): Map<string, unknown> {
    let space = store.get(namespace);
    if (!space) store.set(namespace, (space = new Map()));
    return space;
  }
}

/** A MemoryCache loaded from and saved to `<dir>/<namespace>.ndjson`. */
export class DiskCache extends MemoryCache {
  /** Entries each namespace had when loaded (a namespace is kept on disk only once loaded), and the namespaces written to since. */
  private readonly loaded = new Map<string, number>();
  private readonly changed = new Set<string>();

  override readonly rebuilds: boolean;

  /** With `rebuilds: false` for a one-off build (see Cache.rebuilds); the preview keeps the default. */
  constructor(
    private readonly dir: string,
    private readonly version: string,
    options: { rebuilds?: boolean } = {},
  ) {
    super();
    this.rebuilds = options.rebuilds ?? true;
  }

  override set<T>(namespace: string, key: string, value: T): void {
    this.changed.add(namespace);
    super.set(namespace, key, value);
  }

  /**
   * Loads the namespaces from disk; a missing, unreadable or other-version file is an empty
   * cache. Each file is a line of JSON naming the version, then a line per entry, `[key, value]`:
   * read and written an entry at a time, a namespace never becomes one string (at 100,000
   * articles the parsed files alone were 450 MB of JSON, near V8's longest string).
   */
  async load(namespaces: readonly string[]): Promise<void> {
    for (const name of namespaces) {
      this.loaded.set(name, 0);
      const entries = new Map<string, unknown>();
      const lines = createInterface({ input: createReadStream(path.join(this.dir, `${name}${EXTENSION}`)), crlfDelay: Infinity });
      try {
        let header = true;
        for await (const line of lines) {
          if (header) {
            if ((JSON.parse(line) as { version?: string }).version !== this.version) break;
            header = false;
            continue;
          }
          const [key, value] = JSON.parse(line) as [string, unknown];
          entries.set(key, value);
        }
        if (header) continue;
      } catch {
        // Missing or damaged: as good as none; it is rewritten at the end of the build.
        continue;
      } finally {
        lines.close();
      }
      this.spaces.set(name, entries);
      this.loaded.set(name, entries.size);
    }
  }

  /**
   * Writes what this pass used of the namespaces loaded, replacing each file atomically. Other
   * namespaces (a stage's in-process memo) are never written, and their files are removed: no
   * build would read them. A namespace that was loaded and then only read, every entry of it, is
   * left as it is on disk (tens of megabytes on a large site).
   */
  async save(): Promise<void> {
    this.sweep();
    await mkdir(this.dir, { recursive: true });
    for (const [name, entries] of this.spaces) {
      if (!this.loaded.has(name)) continue;
      if (!this.changed.has(name) && this.loaded.get(name) === entries.size) continue;
      const file = path.join(this.dir, `${name}${EXTENSION}`);
      const temp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
      const handle = await open(temp, 'w');
      try {
        let chunk = `${JSON.stringify({ version: this.version })}\n`;
        for (const entry of entries) {
          chunk += `${JSON.stringify(entry)}\n`;
          if (chunk.length >= WRITE_CHUNK) {
            await handle.write(chunk);
            chunk = '';
          }
        }
        await handle.write(chunk);
        await handle.close();
        await rename(temp, file);
      } catch (error) {
        // A full disk, say: the half-written file goes, and the caller reports the failure.
        await handle.close().catch(() => {});
        await rm(temp, { force: true });
        throw error;
      }
      // The single-JSON files of earlier versions go.
      await rm(path.join(this.dir, `${name}.json`), { force: true });
      this.loaded.set(name, entries.size);
    }
    this.changed.clear();
    // So do the files of namespaces this cache does not keep: an earlier version's, which no
    // build will read again (a fingerprint file was over 200 MB at 100,000 articles).
    for (const file of await readdir(this.dir)) {
      if (file.endsWith(EXTENSION) && !this.loaded.has(file.slice(0, -EXTENSION.length))) await rm(path.join(this.dir, file), { force: true });
    }
  }
}

/** Cache files: a JSON line per entry. */
const EXTENSION = '.ndjson';

/** Characters of JSON lines gathered before each write. */
const WRITE_CHUNK = 1 << 20;

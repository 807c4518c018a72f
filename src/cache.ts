/**
 * Content caches: results keyed by a content hash, so unchanged input is not parsed, fingerprinted
 * or tagged again. A MemoryCache serves one process (the preview keeps it between rebuilds); a
 * DiskCache persists one file per namespace in `.cache/` (and one per table of rows), stamped
 * with the tool's version so a new version never reads an old version's entries.
 */
import { hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
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
  /**
   * A table of fixed-width rows of 32-bit numbers by key, kept between builds (the disk cache):
   * for results that would be bulky as JSON. `salt` names what the rows were computed with; a
   * table kept with another salt, or not loaded, starts empty. Undefined: this cache keeps none.
   */
  rows?(table: string, width: number, salt: string): Rows | undefined;
}

/** Rows of numbers by key (see Cache.rows). */
export interface Rows {
  /** The row (a view: copy it to keep it past the table), or undefined. */
  get(key: string): Uint32Array | undefined;
  /** Keeps a copy of the row. */
  set(key: string, row: ArrayLike<number>): void;
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

/**
 * A MemoryCache loaded from and saved to `<dir>/<namespace>.ndjson`. A save appends the entries
 * the pass added to a namespace's file, and rewrites the file only once more than DEAD_SHARE of
 * its lines would be entries the pass did not use: a rebuild after one edit adds a line or two,
 * where rewriting the parsed files of 20,000 articles took half a second.
 */
export class DiskCache extends MemoryCache {
  /** The namespaces loaded: only these are kept on disk. */
  private readonly loaded = new Set<string>();
  /** Lines of entries in each namespace's file, when it is one of this version that can be appended to. */
  private readonly lines = new Map<string, number>();
  /** Keys of the namespaces loaded set since the last save and still held, by namespace. */
  private readonly added = new Map<string, Set<string>>();
  /** Tables of rows loaded (what their file held, or null), and those handed out this pass. */
  private readonly stored = new Map<string, StoredRows | null>();
  private readonly tables = new Map<string, RowTable>();
  /** Every table loaded: only these are kept on disk. */
  private readonly loadedTables = new Set<string>();
  /** Namespaces written early and let go of (see saveEarly). */
  private readonly released = new Set<string>();

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
    // Its file is written and will not be again: an entry set now would be lost without a word.
    if (this.released.has(namespace)) throw new Error(`cache namespace "${namespace}" was saved early; nothing more can be set in it`);
    if (this.loaded.has(namespace)) {
      let keys = this.added.get(namespace);
      if (!keys) this.added.set(namespace, (keys = new Set()));
      keys.add(key);
    }
    super.set(namespace, key, value);
  }

  /**
   * Also forgets added keys whose entries the pass dropped: the preview sweeps after every
   * rebuild and never saves, and its memo namespaces set long keys on every page.
   */
  override sweep(): void {
    super.sweep();
    for (const [name, keys] of this.added) {
      const kept = this.spaces.get(name);
      for (const key of keys) if (!kept?.has(key)) keys.delete(key);
    }
  }

  /**
   * Loads the namespaces from disk; a missing, unreadable or other-version file is an empty
   * cache. Each file is a line of JSON naming the version, then a line per entry, `[key, value]`,
   * a later line for a key standing over an earlier one: read and written an entry at a time, a
   * namespace never becomes one string (at 100,000 articles the parsed files alone were 450 MB
   * of JSON, near V8's longest string). A line that does not parse (one cut short when a disk
   * filled up while appending) is skipped.
   */
  async load(namespaces: readonly string[], tables: readonly string[] = []): Promise<void> {
    for (const table of tables) {
      this.loadedTables.add(table);
      this.stored.set(table, await readRows(path.join(this.dir, `${table}${ROWS_EXTENSION}`), this.version));
    }
    for (const name of namespaces) {
      this.loaded.add(name);
      const entries = new Map<string, unknown>();
      let count = 0;
      const lines = createInterface({ input: createReadStream(path.join(this.dir, `${name}${EXTENSION}`)), crlfDelay: Infinity });
      try {
        let header = true;
        for await (const line of lines) {
          if (header) {
            if ((JSON.parse(line) as { version?: string }).version !== this.version) break;
            header = false;
            continue;
          }
          count++;
          const entry = parseEntry(line);
          if (entry) entries.set(entry[0], entry[1]);
        }
        if (header) continue;
      } catch {
        // Missing or damaged: as good as none; it is rewritten at the end of the build.
        continue;
      } finally {
        lines.close();
      }
      this.spaces.set(name, entries);
      this.lines.set(name, count);
    }
  }

  /**
   * A table loaded by `load`, empty when its file was missing, of another version, salt or width;
   * undefined once saved this pass.
   */
  rows(table: string, width: number, salt: string): Rows | undefined {
    if (!this.stored.has(table)) return undefined;
    const open = this.tables.get(table);
    if (open && open.width === width && open.salt === salt) return open;
    const stored = this.stored.get(table);
    const made = new RowTable(width, salt, stored && stored.width === width && stored.salt === salt ? stored : null);
    this.tables.set(table, made);
    return made;
  }

  /**
   * Writes the tables handed out this pass, each with the rows the pass used or set, and lets go
   * of them (the build saves them once dedup is done: at 100,000 articles they are tens of MB).
   */
  async saveTables(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    for (const [name, table] of this.tables) {
      await writeAtomically(path.join(this.dir, `${name}${ROWS_EXTENSION}`), (handle) => writeRows(handle, this.version, table));
      this.tables.delete(name);
      this.stored.delete(name);
    }
  }

  /**
   * Writes these namespaces now, with the tables, as save would, and lets go of them: what a stage
   * keeps that no later stage reads (tagging's lists of names, a few hundred thousand small objects
   * at 100,000 stories) is not held while the site is rendered. They are not written again.
   */
  async saveEarly(namespaces: readonly string[]): Promise<void> {
    await this.saveTables();
    for (const name of namespaces) {
      if (!this.loaded.has(name) || this.released.has(name)) continue;
      await this.writeNamespace(name, this.used.get(name) ?? new Map());
      this.released.add(name);
      this.spaces.delete(name);
      this.used.delete(name);
      this.added.delete(name);
    }
  }

  /**
   * Writes what this pass used of the namespaces loaded (those not saved early): the entries it
   * added are appended, or, when the file's lines would outnumber the entries this pass used by
   * more than DEAD_SHARE (or the file is not one to append to), the file is replaced atomically
   * by those entries. Other namespaces (a stage's in-process memo) are never written, and their
   * files are removed: no build would read them.
   */
  async save(): Promise<void> {
    this.sweep();
    await this.saveTables();
    for (const [name, entries] of this.spaces) {
      if (this.loaded.has(name) && !this.released.has(name)) await this.writeNamespace(name, entries);
    }
    this.added.clear();
    // So do the files of namespaces and tables this cache does not keep: an earlier version's,
    // which no build will read again (a fingerprint file was over 200 MB at 100,000 articles).
    for (const file of await readdir(this.dir)) {
      const retired =
        (file.endsWith(EXTENSION) && !this.loaded.has(file.slice(0, -EXTENSION.length))) ||
        (file.endsWith(ROWS_EXTENSION) && !this.loadedTables.has(file.slice(0, -ROWS_EXTENSION.length)));
      if (retired) await rm(path.join(this.dir, file), { force: true });
    }
  }

  /** Writes a namespace's file from the entries this pass used (see save). */
  private async writeNamespace(name: string, entries: ReadonlyMap<string, unknown>): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const added = [...(this.added.get(name) ?? [])];
    const lines = this.lines.get(name);
    const file = path.join(this.dir, `${name}${EXTENSION}`);
    if (lines !== undefined && lines + added.length <= entries.size * (1 + DEAD_SHARE)) {
      if (added.length) await appendEntries(file, added.map((key) => [key, entries.get(key)]));
      this.lines.set(name, lines + added.length);
      return;
    }
    await replaceEntries(file, this.version, entries);
    // The single-JSON files of earlier versions go.
    await rm(path.join(this.dir, `${name}.json`), { force: true });
    this.lines.set(name, entries.size);
  }
}

function parseEntry(line: string): [string, unknown] | null {
  try {
    const entry = JSON.parse(line) as unknown;
    return Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' ? (entry as [string, unknown]) : null;
  } catch {
    return null;
  }
}

/** Writes `file` anew, the version's line and then the entries, through a temporary file renamed over it. */
async function replaceEntries(file: string, version: string, entries: Iterable<[string, unknown]>): Promise<void> {
  await writeAtomically(file, (handle) => writeLines(handle, `${JSON.stringify({ version })}\n`, entries));
}

/** Writes `file` through a temporary file renamed over it: a failed write leaves it as it was. */
async function writeAtomically(file: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  const temp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await write(handle);
    await handle.close();
    await rename(temp, file);
  } catch (error) {
    // A full disk, say: the half-written file goes, and the caller reports the failure.
    await handle.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Appends entries to `file`, whole lines at a time. Every line is made before the first is
 * written, so an entry JSON cannot write leaves the file as it was.
 */
async function appendEntries(file: string, entries: ReadonlyArray<[string, unknown]>): Promise<void> {
  const lines = entries.map((entry) => `${JSON.stringify(entry)}\n`);
  const handle = await open(file, 'a');
  try {
    await writeLines(handle, '', lines);
  } finally {
    await handle.close();
  }
}

/** Writes `first`, then each entry (an `[key, value]` made into a JSON line, or a line already made), a chunk at a time. */
async function writeLines(handle: FileHandle, first: string, entries: Iterable<[string, unknown] | string>): Promise<void> {
  let chunk = first;
  for (const entry of entries) {
    chunk += typeof entry === 'string' ? entry : `${JSON.stringify(entry)}\n`;
    if (chunk.length >= WRITE_CHUNK) {
      await handle.write(chunk);
      chunk = '';
    }
  }
  await handle.write(chunk);
}

/**
 * How many more lines a namespace's file may hold than the last pass used entries, as a share of
 * those: lines for entries no pass uses any more are read into memory by every load until the
 * file is rewritten, and at 100,000 articles the parsed files take hundreds of megabytes.
 */
const DEAD_SHARE = 0.1;

/** Cache files: a JSON line per entry. */
const EXTENSION = '.ndjson';

/** Characters of JSON lines gathered before each write. */
const WRITE_CHUNK = 1 << 20;

/** A table's file: a line of JSON naming the version, salt, width and keys, then the rows. */
const ROWS_EXTENSION = '.rows';

/** What a table's file held. */
interface StoredRows {
  readonly salt: string;
  readonly width: number;
  readonly keys: readonly string[];
  readonly values: Uint32Array;
}

/**
 * A table's file, or null when it is missing, damaged or of another version. The JSON line is
 * followed by padding to a multiple of four bytes, then the rows, 32-bit numbers in the
 * machine's byte order (a cache folder is the machine's own).
 */
async function readRows(file: string, version: string): Promise<StoredRows | null> {
  const bytes = await readFile(file).catch(() => null);
  const end = bytes ? bytes.indexOf(0x0a) : -1;
  if (!bytes || end < 0) return null;
  try {
    const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as { version?: unknown; salt?: unknown; width?: unknown; keys?: unknown };
    const { salt, width, keys } = header;
    if (header.version !== version || typeof salt !== 'string' || !Number.isInteger(width) || !Array.isArray(keys)) return null;
    const start = rowsStart(end);
    const length = keys.length * (width as number) * 4;
    if (bytes.length !== start + length) return null;
    // Copied out: the file's buffer need not be aligned for 32-bit numbers.
    const values = new Uint32Array(length / 4);
    new Uint8Array(values.buffer).set(bytes.subarray(start));
    return { salt, width: width as number, keys: keys as string[], values };
  } catch {
    return null;
  }
}

async function writeRows(handle: FileHandle, version: string, table: RowTable): Promise<void> {
  const keys = [...table.kept.keys()];
  const line = Buffer.from(`${JSON.stringify({ version, salt: table.salt, width: table.width, keys })}\n`);
  const values = new Uint32Array(keys.length * table.width);
  let at = 0;
  for (const row of table.kept.values()) {
    values.set(row, at);
    at += table.width;
  }
  await handle.write(Buffer.concat([line, Buffer.alloc(rowsStart(line.length - 1) - line.length), Buffer.from(values.buffer)]));
}

/** Where the rows begin after a JSON line ending at byte `end`: the next multiple of four. */
function rowsStart(end: number): number {
  return Math.ceil((end + 1) / 4) * 4;
}

/** Rows set are copied into arrays of this many rows: one small array a row costs twice the memory. */
const CHUNK_ROWS = 4096;

/** One table handed out by DiskCache.rows: the stored rows, and those this pass used or set. */
class RowTable implements Rows {
  private readonly index = new Map<string, number>();
  /** Rows this pass used or set, by key (views of the stored rows or of `chunk`s): what is saved. */
  readonly kept = new Map<string, Uint32Array>();
  private chunk = new Uint32Array(0);
  private filled = 0;

  constructor(
    readonly width: number,
    readonly salt: string,
    private readonly stored: StoredRows | null,
  ) {
    stored?.keys.forEach((key, i) => this.index.set(key, i));
  }

  get(key: string): Uint32Array | undefined {
    const kept = this.kept.get(key);
    if (kept) return kept;
    const at = this.index.get(key);
    if (at === undefined) return undefined;
    const row = this.stored!.values.subarray(at * this.width, (at + 1) * this.width);
    this.kept.set(key, row);
    return row;
  }

  set(key: string, row: ArrayLike<number>): void {
    if (row.length !== this.width) throw new Error(`a row of ${this.width} numbers was expected, got ${row.length}`);
    if (this.filled === this.chunk.length) {
      this.chunk = new Uint32Array(CHUNK_ROWS * this.width);
      this.filled = 0;
    }
    const view = this.chunk.subarray(this.filled, (this.filled += this.width));
    view.set(row);
    this.kept.set(key, view);
  }
}

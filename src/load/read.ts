/** The only disk reader: lists the content folder and reads each file's bytes. */
import { createHash } from 'node:crypto';
import { readdirSync, readFile, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Reporter } from '../types.ts';

/** A file as found on disk, before decoding. */
export interface RawFile {
  /** Relative to the content folder, `/` separators. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * The sha256 of a file's bytes, in hex: its SourceFile's hash, and what the up-to-date check and
 * the parse cache key it by. Worked out once a file (a build hashed every file two or three times,
 * 249 MiB each time at 100,000 articles), and remembered by identity: the preview keeps unchanged
 * files.
 */
export function fileDigest(raw: RawFile): string {
  let digest = digests.get(raw);
  if (digest === undefined) digests.set(raw, (digest = createHash('sha256').update(raw.bytes).digest('hex')));
  return digest;
}

const digests = new WeakMap<RawFile, string>();

/** File endings the loader reads as articles. */
export const ARTICLE_EXTENSIONS = new Set(['.txt', '.text', '.md', '.markdown']);

/** Names that document a folder rather than hold an article (README.md, LICENSE.txt…). */
const FOLDER_DOCS = /^(readme|license|licence|changelog|contributing)(\.[a-z]+)?$/i;

/** Whether a path (relative to the content folder) is read as an article. */
export function isArticlePath(relative: string): boolean {
  const base = path.posix.basename(relative);
  if (base.startsWith('.')) return false;
  if (FOLDER_DOCS.test(base)) return false;
  return ARTICLE_EXTENSIONS.has(path.posix.extname(base).toLowerCase());
}

/**
 * Lists every file below `root` in a stable order. Hidden entries are skipped silently;
 * symbolic links that lead outside `root` and files of other types are reported. The listing is
 * synchronous: it is a few directory reads, and the thread pool may be busy (the preview's file
 * watcher stats whole folders after each change), where a queued read would wait its turn.
 */
export async function listContent(root: string, reporter: Reporter): Promise<string[]> {
  const realRoot = realpathSync(root);
  const found: string[] = [];
  // `prefix` is the folder's path below root with `/` separators: joined by hand, as
  // path.relative for each of thousands of files was most of the listing's time.
  function walk(dir: string, prefix: string): void {
    const entries = readdirSync(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      const relative = prefix + entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = realpathOrNull(full);
        if (target === null || !isInside(realRoot, target)) {
          reporter.report({
            file: relative,
            severity: 'warning',
            rule: 'load/symlink-outside',
            reason: 'symbolic link leads outside the content folder; not followed',
          });
          continue;
        }
        const info = statSync(full);
        isDir = info.isDirectory();
        isFile = info.isFile();
      }
      if (isDir) {
        walk(full, `${relative}/`);
      } else if (!isFile) {
        // Reading a named pipe waits for a writer, and a device may never end: neither is an article.
        reporter.report({ file: relative, severity: 'warning', rule: 'load/not-a-file', reason: 'not a regular file (a named pipe, socket or device); skipped' });
      } else if (isArticlePath(relative)) {
        found.push(relative);
      } else {
        reporter.report({
          file: relative,
          severity: 'info',
          rule: 'load/not-article',
          reason: FOLDER_DOCS.test(entry.name)
            ? 'folder documentation, not an article; skipped'
            : `not an article file (reads ${[...ARTICLE_EXTENSIONS].join(' ')}); skipped`,
        });
      }
    }
  }
  walk(root, '');
  return found.sort();
}

function realpathOrNull(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}

/** Files read at once: enough to keep the disk busy, few enough to stay clear of file-handle limits. */
const READ_CONCURRENCY = 64;

/**
 * Reads the bytes of each listed file, in listing order; an unreadable file becomes a diagnostic.
 * With `known` (the preview), a file read before is not read again while its size and time are
 * unchanged; with `changed` too (paths the file watcher reported since `known` was filled), the
 * other known files are taken as they were without even a stat.
 *
 * Reads overlap, so a cold disk or a network file system is kept busy, through the callback
 * `readFile`: the promise one makes several more round trips through libuv's thread pool. On the
 * 20k corpus with the page cache warm, promise reads took 1.1 s, callback reads 0.36 s and
 * synchronous ones 0.15 s; on 100,000 files partly out of the cache, callback reads took 1.75 s
 * and synchronous ones 2.7 s.
 */
export async function readContent(root: string, reporter: Reporter, known?: Map<string, KnownFile>, changed?: ReadonlySet<string>): Promise<RawFile[]> {
  const listed = await listContent(root, reporter);
  const slots: Array<RawFile | null> = new Array(listed.length).fill(null);
  const unreadable = (relative: string, cause: unknown): void =>
    reporter.report({ file: relative, severity: 'error', rule: 'load/unreadable', reason: `cannot read file: ${(cause as Error).message}`, cause });
  // Files the preview knows are settled here; the others are read below.
  const toRead: number[] = [];
  for (const [i, relative] of listed.entries()) {
    if (!known) {
      toRead.push(i);
      continue;
    }
    try {
      const full = path.join(root, relative);
      const seen = known.get(relative);
      if (seen && changed && !changed.has(relative)) {
        slots[i] = seen.file;
        continue;
      }
      // The preview keeps the files it read: one whose size and time are unchanged is not read
      // again. A synchronous stat costs a third of an asynchronous one, and all but a few are hits.
      const info = statSync(full);
      if (seen && seen.size === info.size && seen.mtimeMs === info.mtimeMs) {
        slots[i] = seen.file;
        continue;
      }
      const file = { path: relative, bytes: new Uint8Array(readFileSync(full)) };
      known.set(relative, { size: info.size, mtimeMs: info.mtimeMs, file });
      slots[i] = file;
    } catch (cause) {
      unreadable(relative, cause);
    }
  }
  await new Promise<void>((resolve) => {
    let next = 0;
    let running = Math.min(READ_CONCURRENCY, toRead.length);
    if (running === 0) resolve();
    // Each reader takes the next file when its last one is read: callbacks, no promise per file.
    const readNext = (): void => {
      if (next >= toRead.length) {
        if (--running === 0) resolve();
        return;
      }
      const i = toRead[next++]!;
      const relative = listed[i]!;
      readFile(path.join(root, relative), (error, data) => {
        if (error) unreadable(relative, error);
        // A plain Uint8Array over the Buffer's memory: readFile gives each file a buffer of its
        // own, exactly its size (readFileSync may use a shared pool, so the preview's path copies).
        else slots[i] = { path: relative, bytes: new Uint8Array(data.buffer, data.byteOffset, data.length) };
        readNext();
      });
    };
    for (let r = running; r > 0; r--) readNext();
  });
  if (known) {
    const present = new Set(listed);
    for (const p of [...known.keys()]) if (!present.has(p)) known.delete(p);
  }
  return slots.filter((f): f is RawFile => f !== null);
}

/** A file the preview read before, with the size and time it had then. */
export interface KnownFile {
  readonly size: number;
  readonly mtimeMs: number;
  readonly file: RawFile;
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** A text file's content, or null when it does not exist. */
export async function readTextIfExists(file: string): Promise<string | null> {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Templates and assets from a templates folder: `*.hbs` by name (`partials/x`), assets as bytes.
 * Read synchronously, as the listing is: a few small files, read on every preview rebuild.
 */
export async function readTemplates(dir: string): Promise<{ templates: Record<string, string>; assets: RawFile[] }> {
  const templates: Record<string, string> = {};
  const assets: RawFile[] = [];
  function walk(sub: string): void {
    const entries = readdirSync(path.join(dir, sub), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const relative = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.hbs')) templates[relative.slice(0, -'.hbs'.length)] = readFileSync(path.join(dir, relative), 'utf8');
      else if (relative.startsWith('assets/')) assets.push({ path: relative, bytes: new Uint8Array(readFileSync(path.join(dir, relative))) });
    }
  }
  walk('');
  return { templates, assets };
}

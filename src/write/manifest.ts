/**
 * What a build left in its output folder (every file's content hash, size and time, and the key
 * of each search shard), kept in the cache folder so the next build writes only what changed. It is trusted only
 * for the very folder it describes: a folder replaced since (another build swapped in, deleted,
 * made again) has another identity, and the build then writes the whole site.
 */
import { statSync } from 'node:fs';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stillAsRecorded } from './files.ts';

export interface OutputManifest {
  /** Every file of the site by path, with its record (fileRecord; a search shard's files: `shard:<key>`). */
  readonly files: ReadonlyMap<string, string>;
  /** The search shards in the folder, by name, with their keys. */
  readonly shards: ReadonlyMap<string, string>;
}

interface Stored {
  readonly out: string;
  readonly identity: string;
  readonly files: Array<[string, string]>;
  readonly shards: Array<[string, string]>;
}

const FILE = 'output.json';

/** The manifest of `out` from `cacheDir`, or null when there is none or `out` is not the folder it describes. */
export async function readOutputManifest(cacheDir: string, out: string): Promise<OutputManifest | null> {
  const [text, identity] = await Promise.all([readFile(path.join(cacheDir, FILE), 'utf8').catch(() => null), identityOf(out)]);
  if (text === null || identity === null) return null;
  try {
    const stored = JSON.parse(text) as Stored;
    if (stored.out !== path.resolve(out) || stored.identity !== identity) return null;
    return { files: new Map(stored.files), shards: new Map(stored.shards) };
  } catch {
    return null;
  }
}

/** Records the manifest of `out`, as it is now. */
export async function writeOutputManifest(cacheDir: string, out: string, manifest: OutputManifest): Promise<void> {
  const identity = await identityOf(out);
  if (identity === null) return;
  const stored: Stored = { out: path.resolve(out), identity, files: byKey(manifest.files), shards: byKey(manifest.shards) };
  const temp = path.join(cacheDir, `${FILE}.tmp-${process.pid}`);
  await writeFile(temp, JSON.stringify(stored));
  await rename(temp, path.join(cacheDir, FILE));
}

/**
 * The entries sorted by key. (Array#sort without a comparer would compare the entries made into
 * strings, two new strings a comparison: about 0.8 s for the 277,000 files of 100,000 articles.)
 */
function byKey(entries: ReadonlyMap<string, string>): Array<[string, string]> {
  return [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Forgets the manifest: done before the output changes, so an interrupted change is never trusted. */
export async function forgetOutputManifest(cacheDir: string): Promise<void> {
  await rm(path.join(cacheDir, FILE), { force: true });
}

/** The output folder's device and inode: changed whenever the folder is replaced. */
async function identityOf(out: string): Promise<string | null> {
  const s = await stat(out).catch(() => null);
  return s?.isDirectory() ? `${s.dev}:${s.ino}` : null;
}

/**
 * True when every file the manifest lists is in `out` as the build wrote it (same size and time;
 * a search shard's files, which the store links in, need only be there).
 */
export function outputIntact(out: string, manifest: OutputManifest): boolean {
  for (const [file, record] of manifest.files) {
    const found = statSync(path.join(out, ...file.split('/')), { throwIfNoEntry: false });
    if (!found || (!record.startsWith('shard:') && !stillAsRecorded(record, found))) return false;
  }
  return true;
}

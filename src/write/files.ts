/**
 * Files onto disk, synchronously: the system calls a DirectoryWriter makes, in this thread or in
 * its worker (write.worker.ts). Synchronous writes cost half the CPU of queued asynchronous ones.
 */
import { hash } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import path from 'node:path';

/** Folders made so far: each is made once, its parents first, without recursive mkdir's probing. */
export class Folders {
  readonly made: Set<string>;

  constructor(made: Iterable<string> = []) {
    this.made = new Set(made);
  }

  ensure(dir: string): void {
    if (this.made.has(dir)) return;
    const parent = path.dirname(dir);
    if (parent !== dir) this.ensure(parent);
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    this.made.add(dir);
  }
}

/** Writes a file (by absolute path), making its folder first. */
export function writeFileIn(folders: Folders, file: string, content: string | Uint8Array): void {
  folders.ensure(path.dirname(file));
  writeFileSync(file, content);
}

/** sha1 of a file's content, hex: what output manifests record. */
export function contentHash(content: string | Uint8Array): string {
  return hash('sha1', content);
}

/**
 * Writes files by `/`-separated path under `root`. With `hashing`, each file is hashed, and one
 * whose hash is the one its record in the output folder `existing` has (`before`: see fileRecord)
 * and which is still there as it was written (same size and modification time) is not written
 * again: a file edited or deleted by hand is.
 */
export class FileWriter {
  private readonly folders: Folders;

  constructor(
    private readonly root: string,
    private readonly hashing: boolean,
    private readonly existing: string | null = null,
  ) {
    this.folders = new Folders([root]);
  }

  /**
   * Writes the file, unless unchanged since `before` (its record in `existing`, if it has one);
   * when hashing, says its record and whether it was written.
   */
  write(file: string, content: string | Uint8Array, before?: string): { record: string; written: boolean } | null {
    if (!this.hashing) {
      writeFileIn(this.folders, path.join(this.root, ...file.split('/')), content);
      return null;
    }
    const digest = contentHash(content);
    if (before !== undefined && before.startsWith(`${digest} `)) {
      const found = statSync(path.join(this.existing ?? this.root, ...file.split('/')), { throwIfNoEntry: false });
      if (found && before === fileRecord(digest, found)) return { record: before, written: false };
    }
    const target = path.join(this.root, ...file.split('/'));
    writeFileIn(this.folders, target, content);
    return { record: fileRecord(digest, statSync(target)), written: true };
  }
}

/**
 * What an output manifest records of a file: its content hash, size and modification time (a
 * move keeps the time; an edit by hand changes it).
 */
export function fileRecord(hash: string, stats: { size: number; mtimeMs: number }): string {
  return `${hash} ${stats.size} ${stats.mtimeMs}`;
}

/** True when a file's size and modification time are the ones its record was made with. */
export function stillAsRecorded(record: string, stats: { size: number; mtimeMs: number }): boolean {
  return record.endsWith(` ${stats.size} ${stats.mtimeMs}`);
}

/**
 * Removes files from `out` (paths under it, `/`-separated), then the folders they leave empty,
 * deepest first; a folder with anything else in it stays.
 */
export async function removeFiles(out: string, files: readonly string[]): Promise<void> {
  await Promise.all(files.map((f) => rm(path.join(out, ...f.split('/')), { force: true })));
  const folders = new Set<string>();
  for (const f of files) for (let d = path.posix.dirname(f); d !== '.'; d = path.posix.dirname(d)) folders.add(d);
  for (const dir of [...folders].sort((a, b) => b.length - a.length)) await rmdir(path.join(out, ...dir.split('/'))).catch(() => {});
}

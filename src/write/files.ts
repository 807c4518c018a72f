/**
 * Files onto disk, synchronously: the system calls a DirectoryWriter makes, in this thread or in
 * its worker (write.worker.ts). Synchronous writes cost half the CPU of queued asynchronous ones.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Files to write, by absolute path, in order. */
export interface FileBatch {
  readonly files: ReadonlyArray<readonly [file: string, content: string | Uint8Array]>;
}

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

/** Writes each file of the batch, making its folder first. */
export function writeFiles(batch: FileBatch, folders: Folders): void {
  for (const [file, content] of batch.files) {
    folders.ensure(path.dirname(file));
    writeFileSync(file, content);
  }
}

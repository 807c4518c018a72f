/**
 * Files onto disk, synchronously: the system calls a DirectoryWriter makes, in this thread or in
 * its worker (write.worker.ts). Synchronous writes cost half the CPU of queued asynchronous ones.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
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

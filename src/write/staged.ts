/**
 * Page[] → an existing output folder, changing only what changed since the build that wrote it.
 * Each page is hashed (in the writing thread) against that build's manifest; new and changed
 * pages go to a staging folder beside the output, and nothing in the output is touched until
 * commit, which moves them in, swaps whole folders written by another tool (search shards) and
 * removes pages no longer made. So a failed build leaves the site as it was, and a rebuild after
 * one edit rewrites a few dozen files instead of the whole site.
 */
import { statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '../types.ts';
import { assertSafePath, removeStale, type Writer } from './index.ts';
import { removeFiles, stillAsRecorded } from './files.ts';
import { startSink, type FileSink } from './sink.ts';

export interface StagedWriterOptions {
  /** Write from a worker thread while this one goes on rendering (default: in this thread). */
  readonly thread?: boolean;
  /** Removes the staging folder, with the replaced folders in it (default: before commit returns). */
  readonly removeOld?: (folder: string) => Promise<void>;
}

export class StagedWriter implements Writer {
  private readonly stage: string;
  private started: Promise<FileSink> | null = null;
  private readonly seen = new Set<string>();
  private readonly seenLower = new Set<string>();
  /** Folders another tool wrote whole into the staging folder, with their files' hashes. */
  private readonly folders = new Map<string, ReadonlyMap<string, string>>();
  /** Folders of the output left as they are, with the files the manifest lists in them. */
  private readonly kept = new Set<string>();
  /** Files of the output left as they are. */
  private readonly keptFiles: string[] = [];
  /** The last build's files by folder, for folders at each depth asked for (see filesUnder). */
  private readonly byFolder = new Map<number, Map<string, string[]>>();
  /** After commit: every file of the site with its hash, and how many files were written. */
  readonly manifest = new Map<string, string>();
  written = 0;

  /** `previous`: the manifest of the build that wrote `out` (path → fileRecord). */
  constructor(
    private readonly out: string,
    private readonly previous: ReadonlyMap<string, string>,
    private readonly options: StagedWriterOptions = {},
  ) {
    const parent = path.dirname(path.resolve(out));
    this.stage = path.join(parent, `.${path.basename(out)}.tmp-${process.pid}`);
  }

  /** The staging folder, once made: a tool that writes a folder of files itself puts it there. */
  async folder(): Promise<string> {
    await this.start();
    return this.stage;
  }

  private start(): Promise<FileSink> {
    this.started ??= (async () => {
      await removeStale(this.out, this.options.removeOld);
      // A folder of this name may be left by a killed build whose process had this one's id.
      await rm(this.stage, { recursive: true, force: true });
      await mkdir(this.stage, { recursive: true });
      return startSink({ root: this.stage, previous: this.previous, existing: path.resolve(this.out) }, this.options.thread);
    })();
    return this.started;
  }

  async write(page: Page): Promise<void> {
    const sink = await this.start();
    assertSafePath(page.path);
    this.claim(page.path);
    await sink.put(page.path, page.content);
  }

  /** True when the last build wrote `file` and it is still as written (same size and time). */
  intact(file: string): boolean {
    const before = this.previous.get(file);
    const found = before && statSync(path.join(this.out, ...file.split('/')), { throwIfNoEntry: false });
    return !!found && stillAsRecorded(before!, found);
  }

  /** Leaves `file` as the last build wrote it (the caller checked it is intact). */
  keep(file: string): void {
    if (!this.previous.has(file)) throw new Error(`${file} was not written by the last build`);
    this.claim(file);
    this.keptFiles.push(file);
  }

  /**
   * Takes `dir` (`a/b/`) as written whole into folder() with these files and hashes: at commit it
   * replaces the output's folder of that name, whatever that held.
   */
  adoptFolder(dir: string, files: ReadonlyMap<string, string>): void {
    for (const file of files.keys()) {
      if (!file.startsWith(dir)) throw new Error(`${file} is not in ${dir}`);
      this.claim(file);
    }
    this.folders.set(dir, files);
  }

  /** Leaves the output's folder `dir` as the last build left it, with the files its manifest lists. */
  keepFolder(dir: string): void {
    for (const file of this.filesUnder(dir)) this.claim(file);
    this.kept.add(dir);
  }

  /**
   * The files of the last build's manifest under `dir` (`a/b/`). The manifest is indexed once by
   * folder at that depth: keepFolder and commit ask for every search shard left in place (up to
   * 15 of 16), and a pass over every file for each cost 0.3 s at 100,000 articles (277,000 files).
   */
  private filesUnder(dir: string): readonly string[] {
    const depth = dir.split('/').length - 1;
    let index = this.byFolder.get(depth);
    if (!index) {
      index = new Map();
      for (const file of this.previous.keys()) {
        const folder = folderAt(file, depth);
        if (folder === null) continue;
        const files = index.get(folder);
        if (files) files.push(file);
        else index.set(folder, [file]);
      }
      this.byFolder.set(depth, index);
    }
    return index.get(dir) ?? [];
  }

  async commit(): Promise<void> {
    const sink = await this.start();
    await sink.flush();
    await sink.close();
    const out = path.resolve(this.out);
    const made = new Set<string>();
    const ensure = async (dir: string): Promise<void> => {
      if (made.has(dir)) return;
      await mkdir(dir, { recursive: true });
      made.add(dir);
    };
    for (const file of sink.written) {
      const to = path.join(out, ...file.split('/'));
      await ensure(path.dirname(to));
      await rename(path.join(this.stage, ...file.split('/')), to);
    }
    this.written = sink.written.length;
    let replacedCount = 0;
    for (const [dir, files] of this.folders) {
      const to = path.join(out, ...dir.split('/'));
      await rename(to, path.join(this.stage, `.replaced-${replacedCount++}`)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
      await ensure(path.dirname(to));
      await rename(path.join(this.stage, ...dir.split('/')), to);
      this.written += files.size;
    }
    // Files the last build made and this one did not, outside replaced folders, go, and then
    // the folders they leave empty.
    const replaced = [...this.folders.keys()];
    const gone = [...this.previous.keys()].filter((f) => !this.seen.has(f) && !replaced.some((dir) => f.startsWith(dir)));
    await removeFiles(out, gone);

    for (const [file, record] of sink.records) this.manifest.set(file, record);
    for (const file of this.keptFiles) this.manifest.set(file, this.previous.get(file)!);
    for (const files of this.folders.values()) for (const [file, hash] of files) this.manifest.set(file, hash);
    for (const dir of this.kept) for (const file of this.filesUnder(dir)) this.manifest.set(file, this.previous.get(file)!);
    await (this.options.removeOld ?? ((folder) => rm(folder, { recursive: true, force: true })))(this.stage);
  }

  async abort(): Promise<void> {
    const sink = await this.started?.catch(() => null);
    await sink?.close();
    await rm(this.stage, { recursive: true, force: true });
  }

  private claim(file: string): void {
    const key = file.toLowerCase();
    if (this.seen.has(file) || this.seenLower.has(key)) throw new Error(`two pages want ${file} (paths are compared ignoring case)`);
    this.seen.add(file);
    this.seenLower.add(key);
  }
}

/** The folder `depth` levels down that holds `file` (`a/b/` for depth 2), or null when it is not that deep. */
function folderAt(file: string, depth: number): string | null {
  let end = -1;
  for (let d = 0; d < depth; d++) {
    end = file.indexOf('/', end + 1);
    if (end < 0) return null;
  }
  return file.slice(0, end + 1);
}

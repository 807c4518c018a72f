/**
 * The search threads' side of the index: Pagefind fed one shard's records at a time. Kept apart
 * from index.ts, which makes the records (and so loads the date rules, and chrono-node with
 * them: about 20 MB and 0.1 s for each search thread that does not need them).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { ShardFiles } from './store.ts';

/** Records sent to Pagefind and not yet acknowledged, at most. */
const IN_FLIGHT = 64;

/** Records the search thread holds at most, received and not yet sent to Pagefind. */
export const QUEUED = 1024;

/** The folder the index is written to, under the site root: a folder per shard. */
export const SEARCH_DIR = 'pagefind';

/** What Pagefind is given for one story. */
export interface SearchRecord {
  readonly url: string;
  readonly content: string;
  readonly meta: Record<string, string>;
  readonly filters: Record<string, string[]>;
  readonly sort: Record<string, string>;
}

/** What the search thread is told of each shard it indexes, in the order their records come. */
export interface ShardPlan {
  readonly name: string;
  readonly total: number;
}

/**
 * Indexes one shard in this thread (the worker's side) from records taken one at a time (`next`
 * resolves with undefined after the last): written into `<site>/pagefind/<shard>/` and listed, or
 * as pages; paths are relative to the shard's folder. Pagefind's service is closed at exit.
 */
export async function indexShard(next: () => Promise<SearchRecord | undefined>, language: string, shard: string, site?: string): Promise<ShardFiles> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language, writePlayground: false });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    // Records go to Pagefind's service several at once (one round trip each in turn is the slow
    // part), but never all at once: each waiting record is a message held in memory.
    let stopped = false;
    const add = async (): Promise<void> => {
      for (let record = await next(); record && !stopped; record = await next()) {
        const added = await index.addCustomRecord({ ...record, language });
        if (added.errors.length) {
          stopped = true; // the other senders stop too: the index is lost anyway
          throw new Error(`Pagefind rejected ${record.url}: ${added.errors.join('; ')}`);
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, add));
    if (site !== undefined) {
      const folder = path.join(site, SEARCH_DIR, shard);
      const { errors: writeErrors } = await index.writeFiles({ outputPath: folder });
      if (writeErrors.length) throw new Error(`Pagefind could not write its index: ${writeErrors.join('; ')}`);
      const paths = (await readdir(folder, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
        .sort();
      return { paths };
    }
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length) throw new Error(`Pagefind could not write its index: ${fileErrors.join('; ')}`);
    const pages = files.map((f) => ({ path: f.path.replace(/\\/g, '/'), content: f.content })).sort((a, b) => (a.path < b.path ? -1 : 1));
    return { pages };
  } finally {
    await index.deleteIndex();
  }
}

/** Stops Pagefind's service (the search thread, when done). */
export async function closeSearch(): Promise<void> {
  await pagefind.close();
}

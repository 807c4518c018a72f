/**
 * Stories → the Pagefind search index: one record per story with its headline, body, and filters
 * for tag, source and year. Works on any static host; the search page loads it.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { paths } from '../render/urls.ts';
import { startWorker } from '../workers/run.ts';
import { displayDate } from '../render/format.ts';
import type { Page, SiteConfig, Story } from '../types.ts';

/** Records sent to Pagefind and not yet acknowledged, at most. */
const IN_FLIGHT = 64;

/** Records the search thread holds at most, received and not yet sent to Pagefind. */
export const QUEUED = 1024;

/** Records per message to the search thread. */
export const BATCH = 128;

/** The folder the index is written to, under the site root. */
export const SEARCH_DIR = 'pagefind';

/** What Pagefind is given for one story. */
export interface SearchRecord {
  readonly url: string;
  readonly content: string;
  readonly meta: Record<string, string>;
  readonly filters: Record<string, string[]>;
  readonly sort: Record<string, string>;
}

/** The index: as pages to write, or (when Pagefind wrote it into the site) the paths written. */
export interface SearchOutput {
  readonly files: Page[];
  readonly paths: string[];
  /** The most records the search thread held at once (at most QUEUED plus a batch). */
  readonly held: number;
}

/** The search record of a story. */
export function searchRecord(story: Story): SearchRecord {
  return {
    url: `/${paths.story(story)}`,
    content: [story.title, ...story.paragraphs.map((p) => p.text)].join('\n'),
    meta: { title: story.title, date: displayDate(story.date) },
    filters: {
      tag: story.tags.filter((t) => t.kind !== 'source' && t.kind !== 'section').map((t) => t.name),
      source: [...new Set(story.tags.filter((t) => t.kind === 'source').map((t) => t.name))],
      ...(story.date?.year != null ? { year: [String(story.date.year)] } : {}),
    },
    sort: story.date?.year != null ? { date: `${story.date.year}-${String(story.date.month).padStart(2, '0')}-${String(story.date.day).padStart(2, '0')}` } : ({} as Record<string, string>),
  };
}

/** Builds the index for the stories, as pages; rejects with Pagefind's own messages. */
export async function buildSearchIndex(stories: readonly Story[], config: SiteConfig): Promise<Page[]> {
  return (await feedSearch(stories, config).done).files;
}

/** A search index being built in a worker thread from the stories, fed to it as it goes. */
export interface SearchFeed {
  /**
   * Hands the search thread more records if it has room. Cheap (one atomic read): a loop that
   * keeps this thread busy calls it now and then, as the thread's requests wait for the event loop.
   */
  pump(): void;
  /** The index, once built; rejects with Pagefind's own messages. */
  readonly done: Promise<SearchOutput>;
}

/**
 * Starts building the stories' index in a worker thread. Records are made and sent a batch at a
 * time, as the thread takes them, so neither thread holds the whole site's records: on 100k
 * stories that was 0.7 GB, held through the whole build. With `site` (a fresh output folder, once
 * made), Pagefind writes the index there itself, which spares passing 4,000 files back.
 */
export function feedSearch(stories: readonly Story[], config: SiteConfig, site?: Promise<string>): SearchFeed {
  const taken = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker | null = null;
  let sent = 0;
  const pump = (): void => {
    while (worker && sent < stories.length && sent - Atomics.load(taken, 0) < QUEUED) {
      const end = Math.min(stories.length, sent + BATCH);
      worker.postMessage(stories.slice(sent, end).map(searchRecord));
      sent = end;
    }
  };
  const done = (site ?? Promise.resolve(undefined)).then(
    (folder) =>
      new Promise<SearchOutput>((resolve, reject) => {
        const data = { language: languageOf(config), site: folder, total: stories.length, taken: taken.buffer };
        const thread = (worker = startWorker('search', data));
        const finish = (): void => {
          worker = null;
          void thread.terminate();
        };
        thread.on('message', (message: { more?: true; result?: Page[] | string[]; held?: number; error?: string }) => {
          if (message.more) return pump();
          finish();
          const held = message.held ?? 0;
          if (message.error !== undefined) reject(new Error(message.error));
          else if (folder === undefined) resolve({ files: message.result as Page[], paths: [], held });
          else resolve({ files: [], paths: message.result as string[], held });
        });
        thread.once('error', (error) => {
          finish();
          reject(error);
        });
        thread.once('exit', (code) => code !== 0 && code !== 1 && reject(new Error(`the search thread stopped with code ${code}`)));
        pump();
      }),
  );
  return { pump, done };
}

function languageOf(config: SiteConfig): string {
  return config.language.slice(0, 2).toLowerCase() || 'en';
}

/**
 * Builds the index in this thread (the worker's side) from records taken one at a time (`next`
 * resolves with undefined after the last): as pages, or written into `site`.
 */
export async function indexRecords(next: () => Promise<SearchRecord | undefined>, language: string, site?: string): Promise<Page[] | string[]> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
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
      const folder = path.join(site, SEARCH_DIR);
      const { errors: writeErrors } = await index.writeFiles({ outputPath: folder });
      if (writeErrors.length) throw new Error(`Pagefind could not write its index: ${writeErrors.join('; ')}`);
      await rm(path.join(folder, 'playground'), { recursive: true, force: true });
      return (await readdir(folder, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => `${SEARCH_DIR}/${path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join('/')}`)
        .sort();
    }
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length) throw new Error(`Pagefind could not write its index: ${fileErrors.join('; ')}`);
    return files
      .filter((f) => !f.path.startsWith('playground'))
      .map((f) => ({ path: `${SEARCH_DIR}/${f.path.replace(/\\/g, '/')}`, content: f.content }))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
}

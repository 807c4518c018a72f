/**
 * Stories → the Pagefind search index, as pages to write: one record per story with its headline,
 * body, and filters for tag, source and year. Works on any static host; the search page loads it.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { paths } from '../render/urls.ts';
import { runWorker } from '../workers/run.ts';
import { displayDate } from '../render/format.ts';
import type { Page, SiteConfig, Story } from '../types.ts';

/** Records sent to Pagefind and not yet acknowledged, at most. */
const IN_FLIGHT = 64;

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

/** The search record of each story. */
export function searchRecords(stories: readonly Story[]): SearchRecord[] {
  return stories.map((story) => ({
    url: `/${paths.story(story)}`,
    content: [story.title, ...story.paragraphs.map((p) => p.text)].join('\n'),
    meta: { title: story.title, date: displayDate(story.date) },
    filters: {
      tag: story.tags.filter((t) => t.kind !== 'source' && t.kind !== 'section').map((t) => t.name),
      source: [...new Set(story.tags.filter((t) => t.kind === 'source').map((t) => t.name))],
      ...(story.date?.year != null ? { year: [String(story.date.year)] } : {}),
    },
    sort: story.date?.year != null ? { date: `${story.date.year}-${String(story.date.month).padStart(2, '0')}-${String(story.date.day).padStart(2, '0')}` } : ({} as Record<string, string>),
  }));
}

/** Builds the index for the stories in a worker thread, as pages; rejects with Pagefind's own messages. */
export function buildSearchIndex(stories: readonly Story[], config: SiteConfig): Promise<Page[]> {
  return runWorker<Page[]>('search', { records: searchRecords(stories), language: languageOf(config) });
}

/**
 * Has Pagefind write the index itself into `site`/pagefind (a fresh output folder), which spares
 * passing 4,000 files back as base64 (half of Pagefind's time on 4k stories). Resolves with the
 * paths written, relative to `site`.
 */
export function writeSearchIndex(stories: readonly Story[], config: SiteConfig, site: string): Promise<string[]> {
  return runWorker<string[]>('search', { records: searchRecords(stories), language: languageOf(config), site });
}

function languageOf(config: SiteConfig): string {
  return config.language.slice(0, 2).toLowerCase() || 'en';
}

/** Builds the index in this thread (the worker's side): as pages, or written into `site`. */
export async function indexRecords(records: readonly SearchRecord[], language: string, site?: string): Promise<Page[] | string[]> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    // Records go to Pagefind's service several at once (one round trip each in turn is the slow
    // part), but never all at once: each waiting record is a message held in memory, and on 100k
    // stories that was gigabytes.
    let next = 0;
    const add = async (): Promise<void> => {
      while (next < records.length) {
        const record = records[next++]!;
        const added = await index.addCustomRecord({ ...record, language });
        if (added.errors.length) {
          next = records.length; // the other senders stop too: the index is lost anyway
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

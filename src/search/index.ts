/**
 * Stories → the Pagefind search index: one record per story with its headline, body, and filters
 * for tag, source and year, in a few shards (shards.ts) that the search page merges. Works on
 * any static host.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { paragraphsKey } from '../dedupe/keys.ts';
import { codeHash, PACKAGE } from '../paths.ts';
import { displayDate } from '../render/format.ts';
import { paths } from '../render/urls.ts';
import type { Page, SiteConfig, Story } from '../types.ts';
import { startWorker } from '../workers/run.ts';
import { planShards, type Shard } from './shards.ts';
import { QUEUED, SEARCH_DIR, type SearchRecord, type ShardPlan } from './pagefind.ts';
import type { ShardFiles, ShardStore } from './store.ts';

export { QUEUED, SEARCH_DIR, type SearchRecord, type ShardPlan };

/** The young generation of a search thread, in MB (V8's default on these machines: about 48). */
const SEARCH_YOUNG_MB = 8;

/** Records per message to the search thread. */
export const BATCH = 128;

/** The file under SEARCH_DIR naming the shards, for the search page. */
export const SHARD_LIST = 'shards.json';

/**
 * Part of every shard's key: a stored shard is reused only by the same Pagefind (the version our
 * package.json pins) and the same records. Bump the number when searchRecord changes meaning.
 * The key also names the tool's code (codeHash), which stands for the text of the records
 * (recordKey); so, like the disk cache, the store serves no shard a changed rule would index anew.
 */
const SEARCH_SALT = `search-2\u0000pagefind ${PACKAGE.dependencies['pagefind']}`;

/** The file Pagefind writes into each shard's folder that the search page loads first. */
const SHARD_ENTRY = 'pagefind-entry.json';

/**
 * Of the shards an output folder was recorded with (name → key), those it still holds: a shard
 * counts only while its folder has its entry file, so one deleted by hand is put back.
 */
export function shardsInPlace(out: string, recorded: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...recorded].filter(([name]) => existsSync(path.join(out, SEARCH_DIR, name, SHARD_ENTRY))));
}

/** The index: pages to write (the shard list, and shards made as pages), and each shard. */
export interface SearchOutput {
  readonly files: Page[];
  readonly shards: readonly ShardOutcome[];
  /** The most records a search thread held at once (at most QUEUED plus a batch). */
  readonly held: number;
}

/** One shard of the index, and where it came from. */
export interface ShardOutcome {
  readonly name: string;
  /** Hash of its records (empty without a store). */
  readonly key: string;
  /** Indexed by this build, taken from the store, or left as it was in the output folder (`present`). */
  readonly source: 'indexed' | 'stored' | 'in place';
  /** Its files in the site folder, when written there (by Pagefind or the store), by path under the site root. */
  readonly paths: readonly string[];
}

/** The search record of a story. */
export function searchRecord(story: Story): SearchRecord {
  return { ...recordFields(story), content: [story.title, ...story.paragraphs.map((p) => p.text)].join('\n') };
}

/**
 * What stands for a story's search record in its shard's key: the record but its text, and the
 * text (the headline and paragraphs) by the headline and paragraphsKey, so no text is hashed.
 */
export function recordKey(story: Story): string {
  return `${JSON.stringify(recordFields(story))}\u0000${story.title}\u0000${paragraphsKey(story)}`;
}

function recordFields(story: Story): Omit<SearchRecord, 'content'> {
  return {
    url: `/${paths.story(story)}`,
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
export async function buildSearchIndex(stories: readonly Story[], config: SiteConfig, store?: ShardStore): Promise<Page[]> {
  return (await feedSearch(stories, config, { store }).done).files;
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

/** Where a feed's index goes, and what it may reuse. */
export interface FeedOptions {
  /** A fresh output folder, once made: Pagefind writes the index there itself. */
  readonly site?: Promise<string>;
  /** Shards kept between builds: those whose records are unchanged are taken from it. */
  readonly store?: ShardStore;
  /** Shard name → key of the shards the output folder holds: one with the same key is left alone. */
  readonly present?: ReadonlyMap<string, string>;
  /** Search threads, each with a Pagefind process of its own, indexing shards side by side (default 1). */
  readonly threads?: number;
}

/**
 * Starts building the stories' index in worker threads, a shard at a time (see shards.ts). Records
 * are made and sent a batch at a time, as a thread takes them, so no thread holds the whole
 * site's records: on 100k stories that was 0.7 GB, held through the whole build. With `site`,
 * Pagefind writes the index there itself, which spares passing thousands of files back. Pagefind
 * indexes on about one core, so with `threads` the shards to index are dealt to several threads,
 * each with a Pagefind of its own: once rendering is done, the last shards take both cores.
 */
export function feedSearch(stories: readonly Story[], config: SiteConfig, options: FeedOptions = {}): SearchFeed {
  const { store, present } = options;
  const language = languageOf(config);
  const shards = planShards(stories, config.searchShardSize, store ? { key: recordKey, salt: `${SEARCH_SALT}\u0000${codeHash()}\u0000${language}` } : undefined);
  let lanes: Lane[] = [];
  const pump = (): void => {
    for (const lane of lanes) lane.pump();
  };
  const done = (async (): Promise<SearchOutput> => {
    const folder = await options.site;
    const inPlace = shards.map((s) => store !== undefined && present?.get(s.name) === s.key);
    const kept = await Promise.all(
      shards.map((s, i) => (inPlace[i] ? (store!.retain(s.key), { paths: [] }) : (store?.restore(s.key, folder && path.join(folder, SEARCH_DIR, s.name)) ?? null))),
    );
    const fresh = shards.filter((_, i) => !kept[i]);
    const count = Math.max(1, Math.min(options.threads ?? 1, fresh.length));
    lanes = fresh.length ? Array.from({ length: count }, (_, l) => new Lane(fresh.filter((_, i) => i % count === l))) : [];
    // Every thread runs to its end before a failure is passed on: none may still be writing
    // into a folder the build is about to remove.
    const outcomes = await Promise.allSettled(lanes.map((lane) => lane.run(language, folder)));
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
    const indexed = new Map<Shard, ShardFiles>();
    let held = 0;
    for (const [l, lane] of lanes.entries()) {
      const { result, held: most } = (outcomes[l] as PromiseFulfilledResult<{ result: ShardFiles[]; held: number }>).value;
      lane.shards.forEach((shard, i) => indexed.set(shard, result[i]!));
      held = Math.max(held, most);
    }
    lanes = [];
    const files = shards.map((s, i) => kept[i] ?? indexed.get(s)!);
    if (store) {
      for (const s of fresh) await store.save(s.key, indexed.get(s)!, folder && path.join(folder, SEARCH_DIR, s.name));
      await store.prune();
    }
    const list: Page = { path: `${SEARCH_DIR}/${SHARD_LIST}`, content: `${JSON.stringify(shards.map((s) => s.name))}\n` };
    const under = (s: Shard, p: string): string => `${SEARCH_DIR}/${s.name}/${p}`;
    return {
      files: [list, ...shards.flatMap((s, i) => { const f = files[i]!; return 'pages' in f ? f.pages.map((p) => ({ path: under(s, p.path), content: p.content })) : []; })],
      shards: shards.map((s, i) => {
        const f = files[i]!;
        const source = inPlace[i] ? 'in place' : kept[i] ? 'stored' : 'indexed';
        return { name: s.name, key: s.key, source, paths: 'paths' in f ? f.paths.map((p) => under(s, p)) : [] };
      }),
      held,
    };
  })();
  return { pump, done };
}

/** One search thread, and the stories of its shards, fed to it in batches as it takes them. */
class Lane {
  /** Records the thread has taken, counted by the thread. */
  private readonly taken = new Int32Array(new SharedArrayBuffer(4));
  private readonly feed: readonly Story[];
  private worker: Worker | null = null;
  private sent = 0;

  constructor(readonly shards: readonly Shard[]) {
    this.feed = shards.flatMap((s) => s.stories);
  }

  /** Sends batches while the thread holds fewer than QUEUED records. */
  pump(): void {
    while (this.worker && this.sent < this.feed.length && this.sent - Atomics.load(this.taken, 0) < QUEUED) {
      const end = Math.min(this.feed.length, this.sent + BATCH);
      this.worker.postMessage(this.feed.slice(this.sent, end).map(searchRecord));
      this.sent = end;
    }
  }

  run(language: string, site: string | undefined): Promise<{ result: ShardFiles[]; held: number }> {
    const data = { language, site, shards: this.shards.map((s) => ({ name: s.name, total: s.stories.length })), taken: this.taken.buffer };
    return indexInThread(data, (thread) => {
      this.worker = thread;
      this.pump();
    }).finally(() => (this.worker = null));
  }
}

/** Runs the search thread to the end; `started` is told of it once it is running. */
function indexInThread(data: object, started: (thread: Worker) => void): Promise<{ result: ShardFiles[]; held: number }> {
  return new Promise((resolve, reject) => {
    // The thread holds a queue of records and Pagefind's messages, all short-lived: a small young
    // generation serves it, and each search thread then costs the build less memory.
    const thread = startWorker('search', data, { maxYoungGenerationSizeMb: SEARCH_YOUNG_MB });
    thread.on('message', (message: { more?: true; result?: ShardFiles[]; held?: number; error?: string }) => {
      if (message.more) return started(thread);
      void thread.terminate();
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve({ result: message.result!, held: message.held ?? 0 });
    });
    thread.once('error', (error) => {
      void thread.terminate();
      reject(error);
    });
    thread.once('exit', (code) => code !== 0 && code !== 1 && reject(new Error(`the search thread stopped with code ${code}`)));
    started(thread);
  });
}

function languageOf(config: SiteConfig): string {
  return config.language.slice(0, 2).toLowerCase() || 'en';
}

/**
 * Runs Pagefind from a worker thread, so its records keep flowing to the Pagefind process while
 * the main thread renders and writes (a busy main thread would hold the pipe to Pagefind still).
 * Records arrive in batches, shard after shard; the thread counts those it takes in `taken`,
 * shared with the main thread, and asks for more when half its queue is gone. Each shard is
 * indexed and written before the next begins.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { closeSearch, indexShard, QUEUED, type SearchRecord, type ShardPlan } from './pagefind.ts';

const { language, site, shards, taken } = workerData as { language: string; site?: string; shards: ShardPlan[]; taken: SharedArrayBuffer };
const counter = new Int32Array(taken);
const total = shards.reduce((n, s) => n + s.total, 0);
/** Taken records are dropped from the queue's front this many at a time. */
const COMPACT_AT = 4096;
let queue: Array<SearchRecord | undefined> = [];
let head = 0;
let received = 0;
let asked = false;
/** The most records held at once, reported with the index. */
let held = 0;
let waiting: Array<() => void> = [];

parentPort!.on('message', (batch: SearchRecord[]) => {
  for (const record of batch) queue.push(record);
  received += batch.length;
  held = Math.max(held, queue.length - head);
  asked = false;
  const woken = waiting;
  waiting = [];
  for (const wake of woken) wake();
});

/** The next record, once it has arrived. */
async function next(): Promise<SearchRecord> {
  while (head === queue.length) await new Promise<void>((resolve) => waiting.push(resolve));
  const record = queue[head]!;
  queue[head++] = undefined;
  if (head === queue.length || head >= COMPACT_AT) {
    queue = queue.slice(head);
    head = 0;
  }
  Atomics.add(counter, 0, 1);
  if (!asked && received < total && queue.length - head <= QUEUED / 2) {
    asked = true;
    parentPort!.postMessage({ more: true });
  }
  return record;
}

/** The next `count` records, one at a time; undefined after them. */
function take(count: number): () => Promise<SearchRecord | undefined> {
  let left = count;
  return async () => (left-- > 0 ? next() : undefined);
}

(async () => {
  const result = [];
  try {
    for (const shard of shards) result.push(await indexShard(take(shard.total), language, shard.name, site));
  } finally {
    await closeSearch();
  }
  return result;
})().then(
  (result) =>
    parentPort!.postMessage(
      { result, held },
      result.flatMap((files) => ('pages' in files ? files.pages.map((f) => (f.content as Uint8Array).buffer as ArrayBuffer) : [])),
    ),
  (error: unknown) => parentPort!.postMessage({ error: (error as Error).message }),
);

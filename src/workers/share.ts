/**
 * Work shared between this thread and worker threads: `count` jobs in batches, each thread
 * claiming the next batch from one shared counter (Atomics), so neither a worker's start-up nor a
 * heavy batch leaves a thread idle. Results come back in job order, so output never depends on
 * which thread did what.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { startWorker, type WorkerName } from './run.ts';

/** What a worker of a shared job is given. */
export interface ShareData<I> {
  readonly counter: SharedArrayBuffer;
  readonly batch: number;
  readonly inputs: readonly I[];
}

/** What it posts back: every result it made, by job index, or its error. */
export interface ShareReply<O> {
  readonly results?: readonly (readonly [number, O])[];
  readonly error?: string;
}

/**
 * Runs `work` over `inputs` here and in `helpers` new worker threads running `name` (whose module
 * calls `serveShare` with the same `work`). With no helpers, or too little to share, it is a
 * plain map in this thread. The workers are stopped once they have replied.
 */
export async function shareWork<I, O>(...args: Parameters<typeof startShare<I, O>>): Promise<O[]> {
  return startShare(...args).finish();
}

/** Work handed to worker threads, which this thread joins when it calls `finish`. */
export interface StartedShare<O> {
  /** Claims what the workers have not, here, until none is left; resolves with every result, in order. */
  finish(): Promise<O[]>;
}

/**
 * shareWork, with this thread's part deferred: the workers start on `inputs` now, this thread
 * does something else meanwhile (dedup, while they tag), then joins in with `finish`.
 */
export function startShare<I, O>(
  name: WorkerName,
  inputs: readonly I[],
  work: (input: I) => O,
  helpers: number,
  batch = 32,
  stats?: { byWorkers: number; failures?: string[] },
): StartedShare<O> {
  if (helpers <= 0 || inputs.length <= batch) return { finish: async () => inputs.map(work) };
  const counter = new SharedArrayBuffer(4);
  const data: ShareData<I> = { counter, batch, inputs };
  const workers = Array.from({ length: helpers }, () => startWorker(name, {}));
  for (const worker of workers) worker.postMessage(data);
  const replies = workers.map((worker) => reply<O>(worker, (message) => stats?.failures?.push(message)));
  return {
    finish: async () => {
      const results = new Array<O>(inputs.length);
      const done = new Uint8Array(inputs.length);
      claim(counter, batch, inputs.length, (i) => {
        results[i] = work(inputs[i]!);
        done[i] = 1;
      });
      for (const got of await Promise.all(replies)) {
        if (stats) stats.byWorkers += got.length;
        for (const [i, value] of got) {
          results[i] = value;
          done[i] = 1;
        }
      }
      // A worker that died before claiming anything leaves nothing undone: only claimed batches are
      // missing, and those are finished here.
      for (let i = 0; i < inputs.length; i++) if (!done[i]) results[i] = work(inputs[i]!);
      return results;
    },
  };
}

/** The worker's side: waits for its share of the work, claims batches until none are left, then posts its results. */
export function serveShare<I, O>(port: MessagePort, work: (input: I) => O): void {
  port.once('message', (data: ShareData<I>) => runShare(data, work, (reply) => port.postMessage(reply)));
}

function runShare<I, O>(data: ShareData<I>, work: (input: I) => O, post: (reply: ShareReply<O>) => void): void {
  try {
    const results: [number, O][] = [];
    claim(data.counter, data.batch, data.inputs.length, (i) => results.push([i, work(data.inputs[i]!)]));
    post({ results });
  } catch (error) {
    post({ error: (error as Error).stack ?? String(error) });
  }
}

function claim(counter: SharedArrayBuffer, batch: number, count: number, each: (i: number) => void): void {
  const next = new Int32Array(counter);
  for (let start = Atomics.add(next, 0, batch); start < count; start = Atomics.add(next, 0, batch)) {
    for (let i = start; i < Math.min(count, start + batch); i++) each(i);
  }
}

/**
 * A worker's results. A worker that fails yields none (its batches are redone by the caller) and
 * its error goes to `failed`.
 */
function reply<O>(worker: Worker, failed: (message: string) => void): Promise<readonly (readonly [number, O])[]> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (results: readonly (readonly [number, O])[], failure?: string): void => {
      if (settled) return;
      settled = true;
      if (failure !== undefined) failed(failure);
      resolve(results);
    };
    worker.once('message', (message: ShareReply<O>) => {
      settle(message.results ?? [], message.error);
      void worker.terminate();
    });
    worker.once('error', (error) => settle([], error.stack ?? String(error)));
    worker.once('exit', (code) => settle([], `worker stopped with code ${code} before replying`));
  });
}

/** Bytes per SharedArrayBuffer that inShareableMemory fills, at most (a larger file gets its own). */
const SHARED_CHUNK = 256 * 2 ** 20;

/**
 * The same files with their bytes copied into SharedArrayBuffers, so that handing them to a
 * worker clones only their paths: cloning 100,000 files' bytes (350 MB) into a parsing thread
 * left that much in its allocator's arenas for the rest of the build.
 */
export function inShareableMemory<F extends { readonly bytes: Uint8Array }>(files: readonly F[]): F[] {
  const out: F[] = [];
  let chunk: Uint8Array = new Uint8Array(0);
  let used = 0;
  for (const file of files) {
    const size = file.bytes.length;
    if (used + size > chunk.length) {
      chunk = new Uint8Array(new SharedArrayBuffer(Math.max(SHARED_CHUNK, size)));
      used = 0;
    }
    chunk.set(file.bytes, used);
    out.push({ ...file, bytes: chunk.subarray(used, used + size) });
    used += size;
  }
  return out;
}

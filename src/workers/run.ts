/** Starts the tool's worker threads, from the compiled bundle when there is one, else through tsx. */
import { Worker } from 'node:worker_threads';
import { BUNDLED } from '../paths.ts';

/** Each worker's source, under src/; the bundle holds it as `<name>.worker.mjs`. */
const SOURCES = {
  search: '../search/search.worker.ts',
  parse: '../load/parse.worker.ts',
  write: '../write/write.worker.ts',
} as const;

export type WorkerName = keyof typeof SOURCES;

/** A worker thread running `name` with `data` as its workerData. */
export function startWorker(name: WorkerName, data: object): Worker {
  if (BUNDLED) return new Worker(new URL(`./${name}.worker.mjs`, import.meta.url), { workerData: data });
  const module = new URL(SOURCES[name], import.meta.url).href;
  return new Worker(new URL('./entry.js', import.meta.url), { workerData: { ...data, module } });
}

/** Runs a worker and resolves with the one message it posts back. */
export function runWorker<T>(name: WorkerName, data: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(name, data);
    worker.once('message', (message: { result?: T; error?: string }) => {
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.result as T);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && code !== 1 && reject(new Error(`worker ${name} stopped with code ${code}`)));
  });
}

/** Starts the tool's worker threads, from the compiled bundle when there is one, else through tsx. */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { BUNDLED } from '../paths.ts';

/** Each worker's source, under src/; the bundle holds it as `<name>.worker.mjs`. */
const SOURCES = {
  search: '../search/search.worker.ts',
  parse: '../load/parse.worker.ts',
  tag: '../tag/tag.worker.ts',
  write: '../write/write.worker.ts',
} as const;

export type WorkerName = keyof typeof SOURCES;

/** A worker thread running `name` with `data` as its workerData, within `resourceLimits` if given. */
export function startWorker(name: WorkerName, data: object, resourceLimits?: ResourceLimits): Worker {
  if (BUNDLED) return new Worker(new URL(`./${name}.worker.mjs`, import.meta.url), { workerData: data, resourceLimits });
  const module = new URL(SOURCES[name], import.meta.url).href;
  return new Worker(new URL('./entry.js', import.meta.url), { workerData: { ...data, module }, resourceLimits });
}

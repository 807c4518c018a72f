/**
 * Runs Pagefind from a worker thread, so its records keep flowing to the Pagefind process while
 * the main thread renders and writes (a busy main thread would hold the pipe to Pagefind still).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { indexRecords, type SearchRecord } from './index.ts';

const { records, language, site } = workerData as { records: SearchRecord[]; language: string; site?: string };
indexRecords(records, language, site).then(
  (files) =>
    parentPort!.postMessage(
      { result: files },
      files.flatMap((f) => (typeof f === 'string' ? [] : [(f.content as Uint8Array).buffer as ArrayBuffer])),
    ),
  (error: unknown) => parentPort!.postMessage({ error: (error as Error).message }),
);

/**
 * Worker thread: writes the files a DirectoryWriter hands it, batch by batch, so the main thread
 * renders while this one makes folders and writes (on a large site those system calls cost as
 * much as rendering). Each batch is acknowledged; after a failure the worker only reports it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Folders, writeFiles, type FileBatch } from './files.ts';

/** What the worker posts back for each batch. */
export interface BatchReply {
  readonly error?: string;
}

const folders = new Folders((workerData as { made: string[] }).made);
let failed = false;
parentPort!.on('message', (batch: FileBatch) => {
  if (!failed) {
    try {
      writeFiles(batch, folders);
    } catch (error) {
      failed = true;
      parentPort!.postMessage({ error: (error as Error).message } satisfies BatchReply);
      return;
    }
  }
  parentPort!.postMessage({} satisfies BatchReply);
});

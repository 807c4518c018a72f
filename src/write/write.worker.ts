/**
 * Worker thread: writes the files a DirectoryWriter hands it, batch by batch, so the main thread
 * renders while this one makes folders and writes (on a large site those system calls cost as
 * much as rendering). Each batch is acknowledged; after a failure the worker only reports it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Folders, writeFileIn } from './files.ts';

/** Files to write by absolute path, each a range of one transferred buffer. */
export interface EncodedBatch {
  readonly files: ReadonlyArray<readonly [file: string, start: number, end: number]>;
  readonly bytes: ArrayBuffer;
}

/** What the worker posts back for each batch: its buffer, to be filled again, and any failure. */
export interface BatchReply {
  readonly error?: string;
  readonly bytes?: ArrayBuffer;
}

const folders = new Folders((workerData as { made: string[] }).made);
let failed = false;
parentPort!.on('message', (batch: EncodedBatch) => {
  if (!failed) {
    try {
      for (const [file, start, end] of batch.files) writeFileIn(folders, file, new Uint8Array(batch.bytes, start, end - start));
    } catch (error) {
      failed = true;
      parentPort!.postMessage({ error: (error as Error).message } satisfies BatchReply);
      return;
    }
  }
  parentPort!.postMessage({ bytes: batch.bytes } satisfies BatchReply, [batch.bytes]);
});

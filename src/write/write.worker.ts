/**
 * Worker thread: writes the files a DirectoryWriter hands it, batch by batch, so the main thread
 * renders while this one makes folders and writes (on a large site those system calls cost as
 * much as rendering). With `previous`, it hashes each file and writes only those the output does
 * not already hold. Each batch is acknowledged; after a failure the worker only reports it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FileWriter } from './files.ts';

/** Files to write by path under the root, each a range of one transferred buffer. */
export interface EncodedBatch {
  readonly files: ReadonlyArray<readonly [file: string, start: number, end: number]>;
  readonly bytes: ArrayBuffer;
}

/** What the worker posts back for each batch: its buffer, to be filled again, and any failure. */
export interface BatchReply {
  readonly error?: string;
  readonly bytes?: ArrayBuffer;
  /** With `previous`: each file's record (fileRecord), and whether it was written, in batch order. */
  readonly records?: string[];
  readonly written?: boolean[];
}

const { root, previous, existing } = workerData as { root: string; previous: Array<[string, string]> | null; existing: string | null };
const writer = new FileWriter(root, previous && new Map(previous), existing);
let failed = false;
parentPort!.on('message', (batch: EncodedBatch) => {
  const records: string[] = [];
  const written: boolean[] = [];
  if (!failed) {
    try {
      for (const [file, start, end] of batch.files) {
        const outcome = writer.write(file, new Uint8Array(batch.bytes, start, end - start));
        if (outcome) {
          records.push(outcome.record);
          written.push(outcome.written);
        }
      }
    } catch (error) {
      failed = true;
      parentPort!.postMessage({ error: (error as Error).message } satisfies BatchReply);
      return;
    }
  }
  const reply: BatchReply = previous ? { bytes: batch.bytes, records, written } : { bytes: batch.bytes };
  parentPort!.postMessage(reply, [batch.bytes]);
});

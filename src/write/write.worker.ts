/**
 * Worker thread: writes the files a DirectoryWriter hands it, batch by batch, so the main thread
 * renders while this one makes folders and writes (on a large site those system calls cost as
 * much as rendering). With `hashing`, it hashes each file and writes only those the output does
 * not already hold as its record says. Each batch is acknowledged; after a failure the worker only
 * reports it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FileWriter } from './files.ts';

/**
 * Files to write by path under the root, each a range of one transferred buffer, with its record
 * in the output when hashing and it has one.
 */
export interface EncodedBatch {
  readonly files: ReadonlyArray<readonly [file: string, start: number, end: number, before?: string]>;
  readonly bytes: ArrayBuffer;
}

/** What the worker posts back for each batch: its buffer, to be filled again, and any failure. */
export interface BatchReply {
  readonly error?: string;
  readonly bytes?: ArrayBuffer;
  /** When hashing: each file's record (fileRecord), and whether it was written, in batch order. */
  readonly records?: string[];
  readonly written?: boolean[];
}

const { root, hashing, existing } = workerData as { root: string; hashing: boolean; existing: string | null };
const writer = new FileWriter(root, hashing, existing);
let failed = false;
parentPort!.on('message', (batch: EncodedBatch) => {
  const records: string[] = [];
  const written: boolean[] = [];
  if (!failed) {
    try {
      for (const [file, start, end, before] of batch.files) {
        const outcome = writer.write(file, new Uint8Array(batch.bytes, start, end - start), before);
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
  const reply: BatchReply = hashing ? { bytes: batch.bytes, records, written } : { bytes: batch.bytes };
  parentPort!.postMessage(reply, [batch.bytes]);
});

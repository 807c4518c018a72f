/**
 * Where a writer's files go: written at once in this thread, or handed in batches to a worker
 * thread that writes them while this thread renders the next pages. Either way a failure surfaces
 * at the next put or at flush, and memory stays bounded (a few batches in flight). With
 * `previous`, files are hashed where they are written, and an unchanged one is not written (see
 * FileWriter).
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers/run.ts';
import { FileWriter } from './files.ts';
import type { BatchReply, EncodedBatch } from './write.worker.ts';

export interface SinkOptions {
  /** The folder files go under; put() takes `/`-separated paths relative to it. */
  readonly root: string;
  /**
   * Records (fileRecord) of what is already in the output, by path (empty for a fresh folder):
   * with it, every file put is hashed (see `records`), and an unchanged one is not written.
   */
  readonly previous?: ReadonlyMap<string, string> | null;
  /** The folder `previous` describes, when not `root`: an unchanged file missing there is written. */
  readonly existing?: string;
}

export interface FileSink {
  /** Writes the file, now or soon; rejects with an earlier write's failure. */
  put(file: string, content: string | Uint8Array): Promise<void>;
  /** Resolves once every file put is on disk; rejects with the first failure. */
  flush(): Promise<void>;
  /** Stops the sink; files not yet flushed may or may not be written. */
  close(): Promise<void>;
  /** With `previous`, once flushed: every file put, with its record as the output now has it. */
  readonly records: Map<string, string>;
  /** With `previous`, once flushed: the files actually written (new or changed), in order. */
  readonly written: string[];
}

/** Files written between two turns of the event loop, so a preview keeps answering while a build writes. */
const YIELD_EVERY = 256;

/** Writes each file at once, in this thread. */
export class ThreadSink implements FileSink {
  private readonly writer: FileWriter;
  private readonly previous: ReadonlyMap<string, string> | null;
  private count = 0;
  readonly records = new Map<string, string>();
  readonly written: string[] = [];

  constructor(options: SinkOptions) {
    this.previous = options.previous ?? null;
    this.writer = new FileWriter(options.root, this.previous !== null, options.existing ?? null);
  }

  async put(file: string, content: string | Uint8Array): Promise<void> {
    const outcome = this.writer.write(file, content, this.previous?.get(file));
    if (outcome) {
      this.records.set(file, outcome.record);
      if (outcome.written) this.written.push(file);
    }
    if (++this.count % YIELD_EVERY === 0) await new Promise(setImmediate);
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}

/** A batch is sent once it holds this many bytes of content, or this many files. */
const BATCH_BYTES = 1 << 20;
const BATCH_FILES = 64;
/** A batch's buffer: room for a batch and the page that fills it. */
const BUFFER_BYTES = 2 * BATCH_BYTES;
/** Batches sent and not yet written before put waits: bounds the memory held for the worker. */
const IN_FLIGHT = 4;

/**
 * Hands files in batches to a worker thread (write.worker.ts). A batch's contents are encoded
 * into one buffer that is transferred, not copied: cloning the pages' strings cost the main
 * thread 5 s of 114 on 100k stories, and the worker then encoded them again.
 */
export class WorkerSink implements FileSink {
  private readonly worker: Worker;
  private readonly encoder = new TextEncoder();
  private bytes = new Uint8Array(BUFFER_BYTES);
  private used = 0;
  private files: Array<[file: string, start: number, end: number, before?: string]> = [];
  /** Buffers the worker has handed back, to fill again (a batch never allocates a fresh one). */
  private readonly spare: ArrayBuffer[] = [];
  private inFlight = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  /** Each batch's paths, until the worker answers for it (batches are answered in order). */
  private readonly sentPaths: string[][] = [];
  /** Records of the output's files: each goes to the worker with its file's batch. */
  private readonly previous: ReadonlyMap<string, string> | null;
  private readonly hashing: boolean;
  readonly records = new Map<string, string>();
  readonly written: string[] = [];

  constructor(options: SinkOptions) {
    // The worker is given each file's record with the file, never the whole manifest: at
    // 100,000 articles a copy of it was 277,000 entries held in the worker all build long.
    this.previous = options.previous ?? null;
    this.hashing = this.previous !== null;
    this.worker = startWorker('write', { root: options.root, hashing: this.hashing, existing: options.existing ?? null });
    this.worker.on('message', (reply: BatchReply) => {
      this.inFlight--;
      if (reply.records && reply.written) {
        const paths = this.sentPaths.shift()!;
        for (const [i, file] of paths.entries()) {
          this.records.set(file, reply.records[i]!);
          if (reply.written[i]) this.written.push(file);
        }
      }
      if (reply.bytes?.byteLength === BUFFER_BYTES) this.spare.push(reply.bytes);
      if (reply.error !== undefined) this.fail(new Error(reply.error));
      this.notify();
    });
    this.worker.once('error', (error) => this.fail(error));
    this.worker.once('exit', (code) => this.fail(new Error(`the writing thread stopped with code ${code}`)));
  }

  async put(file: string, content: string | Uint8Array): Promise<void> {
    this.check();
    // UTF-8 takes at most three bytes per UTF-16 unit.
    const most = typeof content === 'string' ? content.length * 3 : content.length;
    if (this.used + most > this.bytes.length) {
      this.send();
      if (most > this.bytes.length) this.bytes = new Uint8Array(most);
    }
    const start = this.used;
    if (typeof content === 'string') this.used += this.encoder.encodeInto(content, this.bytes.subarray(start)).written;
    else {
      this.bytes.set(content, start);
      this.used += content.length;
    }
    const before = this.previous?.get(file);
    this.files.push(before === undefined ? [file, start, this.used] : [file, start, this.used, before]);
    if (this.used < BATCH_BYTES && this.files.length < BATCH_FILES) return;
    this.send();
    while (this.inFlight >= IN_FLIGHT && !this.failure) await this.settled();
    this.check();
  }

  async flush(): Promise<void> {
    this.check();
    this.send();
    while (this.inFlight > 0 && !this.failure) await this.settled();
    this.check();
  }

  async close(): Promise<void> {
    this.files = [];
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private send(): void {
    if (this.files.length === 0) return;
    const batch: EncodedBatch = { files: this.files, bytes: this.bytes.buffer as ArrayBuffer };
    this.worker.postMessage(batch, [batch.bytes]);
    if (this.hashing) this.sentPaths.push(this.files.map(([file]) => file));
    this.inFlight++;
    this.files = [];
    const spare = this.spare.pop();
    this.bytes = spare ? new Uint8Array(spare) : new Uint8Array(BUFFER_BYTES);
    this.used = 0;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  private settled(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/** A sink writing from a worker thread when `thread`, else in this one. */
export function startSink(options: SinkOptions, thread: boolean | undefined): FileSink {
  return thread ? new WorkerSink(options) : new ThreadSink(options);
}

/** Runs a TypeScript module in a worker thread and resolves with the one message it posts back. */
import { Worker } from 'node:worker_threads';

export function runWorker<T>(module: URL, data: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./entry.js', import.meta.url), { workerData: { ...data, module: module.href } });
    worker.once('message', (message: { result?: T; error?: string }) => {
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.result as T);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && code !== 1 && reject(new Error(`worker ${module.pathname} stopped with code ${code}`)));
  });
}

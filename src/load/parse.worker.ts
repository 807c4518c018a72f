/** Worker thread: parses its share of the files a build hands out (see workers/share.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { serveShare, type ShareData } from '../workers/share.ts';
import { parseFile } from './index.ts';
import type { RawFile } from './read.ts';

serveShare(workerData as ShareData<RawFile>, parseFile, (reply) => parentPort!.postMessage(reply));

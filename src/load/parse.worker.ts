/** Worker thread: parses its share of the files a build hands out (see workers/share.ts). */
import { parentPort } from 'node:worker_threads';
import { serveShare } from '../workers/share.ts';
import { parseFile } from './index.ts';

serveShare(parentPort!, parseFile);

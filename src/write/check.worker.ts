/**
 * Worker thread: which files of the output are no longer as the last build wrote them (see
 * changedFiles). Run while the main thread loads and analyses, so a rebuild does not stat every
 * page of the site on the main thread (277,000 pages at 100,000 articles: about 1.9 s).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { changedFiles, readOutputManifest } from './manifest.ts';

const { cacheDir, out } = workerData as { cacheDir: string; out: string };
const manifest = await readOutputManifest(cacheDir, out);
parentPort!.postMessage(manifest && changedFiles(out, manifest));

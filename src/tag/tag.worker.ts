/** Worker thread: finds its share of the articles' own tags while the build dedupes (see workers/share.ts). */
import { parentPort } from 'node:worker_threads';
import { serveShare } from '../workers/share.ts';
import { ownTags } from './index.ts';

serveShare(parentPort!, ownTags);

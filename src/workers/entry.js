// Worker entry: loads a TypeScript worker module through tsx, as bin/news-archive.js loads the CLI.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);

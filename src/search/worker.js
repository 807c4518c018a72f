// Worker entry: loads the TypeScript worker through tsx, as bin/news-archive.js loads the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');

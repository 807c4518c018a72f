/** Where the shared sample corpus is: `../shared/corpus` beside the checkout (CI puts it there). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const CORPUS = path.resolve(process.env.NEWS_ARCHIVE_CORPUS ?? '../shared/corpus');

if (!existsSync(path.join(CORPUS, 'gold.json'))) {
  throw new Error(`the sample corpus is expected at ${CORPUS} (set NEWS_ARCHIVE_CORPUS to move it)`);
}

/** The corpus's gold labels. */
export function gold(): {
  files: Record<string, { story: string; title: string }>;
  bad: Record<string, { expect: string; gold?: Record<string, unknown> }>;
} {
  return JSON.parse(readFileSync(path.join(CORPUS, 'gold.json'), 'utf8'));
}

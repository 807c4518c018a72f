/** `npm run eval`: records for ../shared/corpus, scored by the corpus's own scorer. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const corpus = process.argv[2] ?? '../shared/corpus';
const out = path.join('tmp', 'predictions.json');
mkdirSync('tmp', { recursive: true });
const json = execFileSync(process.execPath, ['bin/news-archive.js', 'records', corpus, '--json'], {
  maxBuffer: 512 * 1024 * 1024,
  stdio: ['ignore', 'pipe', 'inherit'],
});
writeFileSync(out, json);
execFileSync('python3', [path.join(corpus, 'score.py'), path.join(corpus, 'gold.json'), out, ...process.argv.slice(3)], { stdio: 'inherit' });

/**
 * `npm run bench`: builds synthetic corpora and the sample corpus with the real CLI, one whole
 * process each, and prints wall and CPU seconds, articles/s, peak RSS and time per stage; then
 * times dedup alone at 10k and 100k articles. `-- --full` adds the 20k and 100k Markdown builds.
 * Results also go to bench/results.json so a change can be compared with the last run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Collector } from '../src/diagnostics.ts';
import { dedupe } from '../src/dedupe/index.ts';
import { newArticle } from '../src/load/article.ts';
import type { Article } from '../src/types.ts';
import { random, writeMarkdownCorpus, writeNewsCorpus } from './bench/synth.ts';

const full = process.argv.includes('--full');
const work = path.join(tmpdir(), 'news-archive-bench');
mkdirSync(work, { recursive: true });

interface Row {
  corpus: string;
  files: number;
  articles: number;
  stories: number;
  pages: number;
  wallS: number;
  cpuS: number;
  perSecond: number;
  rssMiB: number;
  stages: Record<string, number>;
}

function build(name: string, content: string): Row {
  const out = path.join(work, `${name}-dist`);
  const stats = path.join(work, `${name}-stats.json`);
  const started = performance.now();
  const run = spawnSync(process.execPath, ['bin/news-archive.js', 'build', '--content', content, '--out', out], {
    env: { ...process.env, NEWS_ARCHIVE_STATS: stats },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wall = (performance.now() - started) / 1000;
  if (!existsSync(stats)) throw new Error(`build of ${name} failed:\n${run.stderr.slice(-2000)}`);
  const s = JSON.parse(readFileSync(stats, 'utf8'));
  rmSync(out, { recursive: true, force: true });
  return {
    corpus: name,
    files: s.files,
    articles: s.articles,
    stories: s.stories,
    pages: s.pages,
    wallS: round(wall),
    cpuS: round(s.cpuMs / 1000),
    perSecond: Math.round(s.articles / wall),
    rssMiB: Math.round(s.maxRssKiB / 1024),
    stages: s.timings,
  };
}

/** Articles with known clusters, built in memory: dedup alone, no loading. */
function dedupArticles(count: number): Article[] {
  const rnd = random(7);
  const out: Article[] = [];
  const words = 'market company bank rates prices oil trade talks shares profit quarter year percent million dollar officials report week analysts growth'.split(' ');
  while (out.length < count) {
    const base = Array.from({ length: 60 + Math.floor(rnd() * 200) }, () => words[Math.floor(rnd() * words.length)] + (rnd() < 0.1 ? ` ${Math.floor(rnd() * 1e5)}` : '')).join(' ');
    const copies = 1 + Math.floor(rnd() * 3);
    for (let c = 0; c < copies && out.length < count; c++) {
      const text = c === 0 ? base : base.replace(/ million/g, ' mln');
      const id = `a${String(out.length).padStart(7, '0')}`;
      out.push(newArticle({ id, file: id, fileHash: id, layout: 'text', title: id, paragraphs: [{ text, html: null, span: { file: id, startLine: 1, endLine: 1 } }] }));
    }
  }
  return out;
}

function timeDedup(count: number): { articles: number; seconds: number; rssMiB: number; stories: number } {
  const articles = dedupArticles(count);
  globalThis.gc?.();
  const started = performance.now();
  const { stories } = dedupe(articles, new Collector());
  const seconds = round((performance.now() - started) / 1000);
  return { articles: count, seconds, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20), stories: stories.length };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

const rows: Row[] = [];
const sizes = full ? [1000, 4000, 20000, 100000] : [1000, 4000];
for (const n of sizes) {
  const dir = path.join(work, `md-${n}`);
  if (!existsSync(path.join(dir, '.complete'))) {
    writeMarkdownCorpus(dir, n);
    writeFileSync(path.join(dir, '.complete'), '');
  }
  rows.push(build(`markdown ${n / 1000}k`, dir));
}
const newsDir = path.join(work, 'news-2k');
writeNewsCorpus(newsDir, 2000);
rows.push(build('news text 2k stories', newsDir));
if (existsSync('../shared/corpus/gold.json')) rows.push(build('shared corpus', '../shared/corpus'));

const stageNames = ['read', 'load', 'dedupe', 'tag', 'render', 'write'];
console.log(
  ['corpus'.padEnd(22), 'files', 'articles', 'stories', 'pages', 'wall s', 'cpu s', 'art/s', 'RSS MiB', ...stageNames.map((s) => `${s} ms`)].join('\t'),
);
for (const r of rows) {
  console.log(
    [r.corpus.padEnd(22), r.files, r.articles, r.stories, r.pages, r.wallS, r.cpuS, r.perSecond, r.rssMiB, ...stageNames.map((s) => r.stages[s] ?? '')].join('\t'),
  );
}
const dedupRows = [10_000, 100_000].map(timeDedup);
console.log('\ndedup alone\tarticles\tstories\tseconds\tRSS MiB');
for (const d of dedupRows) console.log(`\t\t${d.articles}\t${d.stories}\t${d.seconds}\t${d.rssMiB}`);
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', JSON.stringify({ builds: rows, dedup: dedupRows }, null, 1) + '\n');
console.log('\nwritten to bench/results.json');

/**
 * `npm run bench`: builds synthetic corpora and the sample corpus with the real CLI, one whole
 * process each, and prints wall and CPU seconds (the build's own and the machine's), articles/s,
 * peak RSS and time per stage; then times dedup alone at 10k and 100k articles. `-- --full` adds
 * the 20k and 100k Markdown builds. Results also go to bench/results.json; each figure is printed
 * with its change since the last run.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeMarkdownCorpus, writeNewsCorpus } from './bench/synth.ts';

const full = process.argv.includes('--full');
/** Edits timed in the preview, one after another (even): the first few run before the JIT has warmed up. */
const EDITS = 20;
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
  /**
   * CPU seconds the whole machine spent while the build ran (Linux: /proc/stat), Pagefind's
   * processes included, which the build's own figure leaves out; null elsewhere.
   */
  machineCpuS: number | null;
  perSecond: number;
  rssMiB: number;
  stages: Record<string, number>;
}

/** Runs the CLI; by default cold (`--no-cache`, fresh output), else with the given cache folder. */
function build(name: string, content: string, extra: string[] = [], cacheDir?: string): Row {
  const out = path.join(work, `${name}-dist`);
  const stats = path.join(work, `${name}-stats.json`);
  rmSync(stats, { force: true });
  const busyBefore = machineBusySeconds();
  const started = performance.now();
  const args = extra.length ? extra : ['--out', out, '--no-cache'];
  const run = spawnSync(process.execPath, [path.resolve('bin/news-archive.js'), 'build', '--content', path.resolve(content), ...args], {
    cwd: cacheDir ? path.dirname(cacheDir) : process.cwd(),
    env: { ...process.env, NEWS_ARCHIVE_STATS: stats },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wall = (performance.now() - started) / 1000;
  const busyAfter = machineBusySeconds();
  if (!existsSync(stats)) throw new Error(`build of ${name} failed:\n${run.stderr.slice(-2000)}`);
  const s = JSON.parse(readFileSync(stats, 'utf8'));
  if (!extra.length) rmSync(out, { recursive: true, force: true });
  return {
    corpus: name,
    files: s.files,
    articles: s.articles,
    stories: s.stories,
    pages: s.pages,
    wallS: round(wall),
    cpuS: round(s.cpuMs / 1000),
    machineCpuS: busyBefore === null || busyAfter === null ? null : round(busyAfter - busyBefore),
    perSecond: Math.round(s.articles / wall),
    rssMiB: Math.round(s.maxRssKiB / 1024),
    stages: s.timings,
  };
}

/**
 * CPU seconds the machine has been busy since boot, every core summed (user, nice, system, irq,
 * softirq, steal), from /proc/stat; null where there is none.
 */
function machineBusySeconds(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    // Clock ticks: 100 a second on Linux.
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / 100;
  } catch {
    return null;
  }
}

/** Dedup alone, in a process of its own (a heap the builds and the preview have not grown). */
function timeDedup(count: number): { articles: number; seconds: number; rssMiB: number; stories: number } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.resolve('scripts/bench/dedup.ts'), String(count)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`dedup of ${count} failed:\n${run.stderr.slice(-2000)}`);
  return JSON.parse(run.stdout);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The last run's results, if any: each figure is printed with its change since then. */
const last = existsSync('bench/results.json')
  ? (JSON.parse(readFileSync('bench/results.json', 'utf8')) as { builds?: Row[]; edited?: Row[]; dedup?: Array<{ articles: number; seconds: number }>; previewReloadMs?: number[] })
  : null;

/** `+12 %` / `-8 %` against the last run's figure, or `new` when it had none. */
function change(now: number, before: number | undefined): string {
  if (before === undefined || before === 0) return 'new';
  const pct = Math.round((100 * (now - before)) / before);
  return `${pct > 0 ? '+' : ''}${pct} %`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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

const stageNames = ['read', 'load', 'dedupe', 'tag', 'render', 'write+search', 'search wait'];
console.log(
  ['corpus'.padEnd(22), 'files', 'articles', 'stories', 'pages', 'wall s', 'vs last', 'cpu s', 'machine cpu s', 'art/s', 'RSS MiB', ...stageNames.map((s) => `${s} ms`)].join('\t'),
);
for (const r of rows) {
  const before = last?.builds?.find((b) => b.corpus === r.corpus)?.wallS;
  console.log(
    [r.corpus.padEnd(22), r.files, r.articles, r.stories, r.pages, r.wallS, change(r.wallS, before), r.cpuS, r.machineCpuS ?? '', r.perSecond, r.rssMiB, ...stageNames.map((s) => r.stages[s] ?? '')].join('\t'),
  );
}
// Preview: time from saving one changed file to the reload event, on the sample corpus.
const latency: number[] = [];
let warm: Row | null = null;
let cold: Row | null = null;
const edited: Row[] = [];
if (existsSync('../shared/corpus/gold.json')) {
  const { serve } = await import('../src/serve.ts');
  const content = path.join(work, 'corpus-copy');
  rmSync(content, { recursive: true, force: true });
  cpSync('../shared/corpus', content, { recursive: true });
  // The preview as a user runs it (default quiet period), edits of one file in turn.
  const preview = await serve({ content, out: path.join(work, 'preview-dist'), cacheDir: path.join(work, 'preview-cache'), port: 0, log: () => {} });
  const file = path.join(content, 'site-a', readdirSync(path.join(content, 'site-a'))[0]!);
  const original = readFileSync(file, 'utf8');
  for (let i = 0; i < EDITS; i++) {
    const reloaded = waitForReload(preview.url);
    await new Promise((r) => setTimeout(r, 100));
    const saved = performance.now();
    writeFileSync(file, original.replace(/\n\nReuters\n$/, `\n\nEdit number ${i}.\n\nReuters\n`));
    await reloaded;
    latency.push(Math.round(performance.now() - saved));
    await preview.idle();
  }
  await preview.close();
  // Warm build: the same corpus built again with nothing changed, against a cold one; then again
  // after one story was edited (what a user adding a clipping waits for).
  const cacheDir = path.join(work, 'warm', '.cache');
  rmSync(path.dirname(cacheDir), { recursive: true, force: true });
  mkdirSync(path.dirname(cacheDir), { recursive: true });
  cold = build('shared corpus, cold cache', content, ['--out', path.join(work, 'warm-dist')], cacheDir);
  warm = build('shared corpus, warm', content, ['--out', path.join(work, 'warm-dist')], cacheDir);
  writeFileSync(file, original.replace(/\n\nReuters\n$/, '\n\nA paragraph added since the last build.\n\nReuters\n'));
  edited.push(build('shared corpus, one story edited', content, ['--out', path.join(work, 'warm-dist')], cacheDir));
  writeFileSync(file, original);
  const lastMedian = last?.previewReloadMs?.length ? median(last.previewReloadMs) : undefined;
  console.log(
    `\npreview, save to reload event (ms), ${EDITS} edits in turn: ${latency.join(', ')}; median ${median(latency)} (${change(median(latency), lastMedian)} vs last), first ${latency[0]}, slowest ${Math.max(...latency)}`,
  );
  console.log(`warm build with nothing changed: ${warm.wallS} s against ${cold.wallS} s cold (${Math.round((100 * warm.wallS) / cold.wallS)} %)`);
}
// The same for the 4k Markdown corpus: a cold build with the cache, then one article edited.
{
  const content = path.join(work, 'md-4000');
  const cacheDir = path.join(work, 'edit-4k', '.cache');
  rmSync(path.dirname(cacheDir), { recursive: true, force: true });
  mkdirSync(path.dirname(cacheDir), { recursive: true });
  const out = ['--out', path.join(work, 'edit-4k-dist')];
  edited.push(build('markdown 4k, cold cache', content, out, cacheDir));
  const file = path.join(content, '0', readdirSync(path.join(content, '0')).sort()[0]!);
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, `${original}\nA paragraph added since the last build.\n`);
  edited.push(build('markdown 4k, one story edited', content, out, cacheDir));
  writeFileSync(file, original);
}
console.log('\nrebuilds after an edit\twall s\tvs last\tcpu s\tmachine cpu s\tstages (ms)');
for (const r of edited) {
  const before = last?.edited?.find((b) => b.corpus === r.corpus)?.wallS;
  console.log(`${r.corpus.padEnd(30)}\t${r.wallS}\t${change(r.wallS, before)}\t${r.cpuS}\t${r.machineCpuS ?? ''}\t${JSON.stringify(r.stages)}`);
}

function waitForReload(url: string): Promise<void> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/__news-archive/events' }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (chunk.includes('event: reload')) {
          req.destroy();
          resolve();
        }
      });
    });
    req.on('error', () => resolve());
    req.end();
  });
}

const dedupRows = [10_000, 100_000].map(timeDedup);
console.log('\ndedup alone\tarticles\tstories\tseconds\tvs last\tRSS MiB');
for (const d of dedupRows) {
  const before = last?.dedup?.find((x) => x.articles === d.articles)?.seconds;
  console.log(`\t\t${d.articles}\t${d.stories}\t${d.seconds}\t${change(d.seconds, before)}\t${d.rssMiB}`);
}
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', JSON.stringify({ builds: rows, dedup: dedupRows, previewReloadMs: latency, warm, cold, edited }, null, 1) + '\n');
console.log('\nwritten to bench/results.json');

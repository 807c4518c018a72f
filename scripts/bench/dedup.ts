/**
 * `tsx scripts/bench/dedup.ts N`: dedup alone of N generated articles with known clusters, built
 * in memory (no loading); prints one JSON line. npm run bench runs it in a process of its own.
 */
import { Collector } from '../../src/diagnostics.ts';
import { dedupe } from '../../src/dedupe/index.ts';
import { newArticle } from '../../src/load/article.ts';
import type { Article } from '../../src/types.ts';
import { random } from './synth.ts';

/** Articles in clusters of one to three copies; a copy differs by wire abbreviations (mln). */
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

const count = Number(process.argv[2] ?? 10_000);
const articles = dedupArticles(count);
const started = performance.now();
const { stories } = dedupe(articles, new Collector());
const seconds = Math.round((performance.now() - started) / 10) / 100;
console.log(JSON.stringify({ articles: count, seconds, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20), stories: stories.length }));

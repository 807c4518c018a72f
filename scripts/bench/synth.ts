/**
 * Deterministic synthetic corpora for benchmarks: the "which generator builds Markdown fastest"
 * shape (front matter title/date/2–4 tags from a pool of 200, ~600 words, a subheading, bold,
 * italic, links, a blockquote), and raw-text news in site and aggregator layouts with known
 * duplicate clusters.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: a small, fast, seedable PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCAB = (
  'the a of to in and said for on that with by was is it at from as its be has have will would market company ' +
  'government minister bank rates prices oil trade talks shares profit quarter year percent million billion dollar ' +
  'officials report week analysts economy growth export import policy central interest inflation budget deficit ' +
  'agreement deal offer stake board chairman industry production output demand supply crude gold currency exchange ' +
  'stock investors earnings revenue forecast plan tax reform election party parliament president court union strike ' +
  'workers wages jobs factory plant contract sale merger acquisition bid tender debt loan credit bond yield'
).split(' ');
const PLACES = ['London', 'Tokyo', 'Paris', 'Brazil', 'Canada', 'Japan', 'Germany', 'France', 'China', 'Mexico', 'Kenya', 'Norway'];
const NAMES = ['Anna Berg', 'Carl Dunn', 'Eva Fisk', 'Hugo Ito', 'Jana Kral', 'Liam Moss', 'Nora Otto', 'Paul Quist', 'Rosa Sato', 'Tom Ueda'];

function words(rnd: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(VOCAB[Math.floor(rnd() * VOCAB.length)]!);
  out.push(String(Math.floor(rnd() * 100000)));
  return out.join(' ');
}

function sentence(rnd: () => number): string {
  const s = words(rnd, 8 + Math.floor(rnd() * 12));
  const place = rnd() < 0.3 ? ` in ${PLACES[Math.floor(rnd() * PLACES.length)]}` : '';
  const who = rnd() < 0.2 ? `, minister ${NAMES[Math.floor(rnd() * NAMES.length)]} said` : '';
  return s[0]!.toUpperCase() + s.slice(1) + place + who + '.';
}

function paragraph(rnd: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(rnd)).join(' ');
}

function date(rnd: () => number): { iso: string; day: number; month: number } {
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  return { iso: `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, day, month };
}

/** Writes `count` Markdown articles of about 600 words into `dir`. */
export function writeMarkdownCorpus(dir: string, count: number, seed = 1): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rnd = random(seed);
  const pool = Array.from({ length: 200 }, (_, i) => `tag-${i}`);
  for (let i = 0; i < count; i++) {
    const tags = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => pool[Math.floor(rnd() * pool.length)]!);
    const body = [
      paragraph(rnd, 4),
      `## ${words(rnd, 4)}`,
      `${paragraph(rnd, 3)} Some **bold ${words(rnd, 2)}** and _italic ${words(rnd, 2)}_ and a [link](https://example.org/${i}).`,
      `> ${paragraph(rnd, 2)}`,
      paragraph(rnd, 5),
      paragraph(rnd, 5),
      paragraph(rnd, 4),
    ].join('\n\n');
    const sub = Math.floor(i / 1000);
    mkdirSync(path.join(dir, String(sub)), { recursive: true });
    writeFileSync(
      path.join(dir, String(sub), `post-${i}.md`),
      `---\ntitle: "Post ${i}: ${words(rnd, 5)}"\ndate: ${date(rnd).iso}\ntags: [${[...new Set(tags)].join(', ')}]\n---\n\n${body}\n`,
    );
  }
}

/** Writes raw-text news: `stories` stories, each in 1–3 copies across site and aggregator layouts. */
export function writeNewsCorpus(dir: string, stories: number, seed = 2): { files: number } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rnd = random(seed);
  let files = 0;
  for (let i = 0; i < stories; i++) {
    const title = `${words(rnd, 6)}`.replace(/^./, (c) => c.toUpperCase());
    const paras = Array.from({ length: 3 + Math.floor(rnd() * 5) }, () => paragraph(rnd, 2 + Math.floor(rnd() * 3)));
    const d = date(rnd);
    const copies = 1 + Math.floor(rnd() * 3);
    const sub = path.join(dir, String(Math.floor(i / 1000)));
    mkdirSync(sub, { recursive: true });
    for (let c = 0; c < copies; c++) {
      const site = c % 2 === 0;
      const text = site
        ? ` date ${d.iso} Business\n\n${title}\n\n${d.day} March 2024 - 10:15 By ${NAMES[i % NAMES.length]}\n\n${paras.join('\n\n')}\n\nReuters\n`
        : `\n${title}\n${PLACES[i % PLACES.length]!.toUpperCase()}, March ${d.day} (Reuters) - ${paras.join('\n').replace(/"/g, "'")}\n\nComments\nNo comments yet...\nRelated Articles\n\n\nHerald\n3 hours ago\n- Herald\n${words(rnd, 6)}\n${paragraph(rnd, 4)}\n`;
      writeFileSync(path.join(sub, `${i}-${c}.txt`), text);
      files++;
    }
  }
  return { files };
}

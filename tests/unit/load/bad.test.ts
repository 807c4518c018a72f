/** Each malformed input in the corpus's bad/ folder gets the behaviour bad/README.md names. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Collector } from '../../../src/diagnostics.ts';
import { dedupe } from '../../../src/dedupe/index.ts';
import { loadArticles } from '../../../src/load/index.ts';
import { readContent, readTemplates } from '../../../src/load/read.ts';
import { defaultConfig } from '../../../src/config.ts';
import { renderSite } from '../../../src/render/index.ts';
import { deriveTags } from '../../../src/tag/index.ts';
import type { Article } from '../../../src/types.ts';
import { CORPUS, gold } from '../../helpers/corpus.ts';

const reporter = new Collector();
const raw = await readContent(path.join(CORPUS, 'bad'), reporter);
const { articles } = loadArticles(raw, reporter);
const expected = gold().bad;

const own = (name: string): Article | undefined => articles.find((a) => a.id === name);
const messages = (name: string) => reporter.messages.filter((m) => m.file === name);

describe('bad/ inputs', () => {
  it('covers every file the README lists', () => {
    const names = Object.keys(expected).map((k) => k.replace(/^bad\//, ''));
    expect(raw.map((f) => f.path).sort()).toEqual(names.sort());
  });

  it.each([
    ['empty.txt', 'load/empty', /empty file/],
    ['whitespace-only.txt', 'load/no-content', /no content/],
    ['photo.txt', 'load/not-text', /binary file \(PNG image\)/],
    ['boilerplate-only.txt', 'load/no-article', /no article found/],
    ['one-line-3mb.txt', 'load/line-too-long', /line is 3,145,728 characters long/],
    ['front-matter-only.md', 'load/no-body', /without body text/],
  ])('skips %s with a diagnostic naming it', (name, rule, reason) => {
    expect(own(name)).toBeUndefined();
    expect(messages(name)).toEqual([expect.objectContaining({ file: name, rule, severity: 'warning', reason: expect.stringMatching(reason) })]);
  });

  it('reports broken front matter as an error with the YAML line, and goes on', () => {
    const [m] = messages('broken-front-matter.md');
    expect(m).toMatchObject({ severity: 'error', rule: 'load/front-matter' });
    expect(m?.line).toBeGreaterThanOrEqual(2);
    expect(m?.line).toBeLessThanOrEqual(9);
    expect(articles.length).toBeGreaterThan(0);
  });

  it('never produces a story titled like page furniture', () => {
    expect(articles.map((a) => a.title)).not.toContain('Try Our AI Features');
  });

  it.each(Object.entries(expected).filter(([, v]) => v.gold))('loads %s with the right fields', (key, note) => {
    const name = key.replace(/^bad\//, '');
    const a = own(name);
    const want = note.gold as Record<string, unknown>;
    expect(a, name).toBeDefined();
    const shown: Record<string, unknown> = {
      title: a!.title,
      paragraphs: a!.paragraphs.length,
      authors: a!.authors,
      agency: a!.agency,
      dateline: a!.dateline?.city ?? null,
      section: a!.section,
      image_caption: a!.image?.caption ?? null,
      image_credit: a!.image?.credit ?? null,
      first_words: a!.paragraphs[0]!.text.split(' ').slice(0, 12).join(' '),
    };
    // The notes give only the fields that matter for each file.
    for (const [field, value] of Object.entries(shown)) if (field in want) expect(value, field).toEqual(want[field]);
    if (want.date) expect(`${a!.date?.month}-${a!.date?.day}`).toBe(`${Number(String(want.date).slice(5, 7))}-${Number(String(want.date).slice(8, 10))}`);
    for (const p of [a!.title, ...a!.paragraphs.map((x) => x.text)]) expect(p).not.toMatch(/[\u0000-\u0008\r]/);
  });

  it('decodes Latin-1 with a warning and keeps é ü °', () => {
    expect(messages('latin1-encoded.txt')).toEqual([expect.objectContaining({ rule: 'load/not-utf8', severity: 'warning' })]);
    expect(own('latin1-encoded.txt')?.image?.caption).toContain('café near the Zürich exchange, where the franc rose 0.5°');
  });

  it('strips NUL bytes with a warning that names the line', () => {
    expect(messages('nul-bytes.txt')).toEqual([expect.objectContaining({ rule: 'load/control-characters', line: expect.any(Number) })]);
    expect(JSON.stringify(own('nul-bytes.txt'))).not.toContain('\\u0000');
  });

  it('loads a Markdown file without front matter, title from its heading, warning about the date; it merges with its Latin-1 copy', () => {
    expect(own('markdown-no-front-matter.md')?.title).toBe('Asian Dollar Assets Exceed 200 Billion Dlrs');
    expect(messages('markdown-no-front-matter.md')).toEqual([expect.objectContaining({ rule: 'load/no-date', severity: 'warning' })]);
    const { stories } = dedupe(articles, new Collector());
    const story = stories.find((s) => s.sources.some((c) => c.id === 'markdown-no-front-matter.md'));
    expect(story?.sources.map((c) => c.id).sort()).toEqual(['latin1-encoded.txt', 'markdown-no-front-matter.md']);
  });

  it('renders hostile markup as text and a non-ASCII file name as a safe slug', async () => {
    const { templates } = await readTemplates('templates');
    const { stories, tags } = deriveTags(dedupe(articles, new Collector()).stories);
    const pages = renderSite({ config: defaultConfig, stories, tags }, templates);
    const hostile = stories.find((s) => s.sources[0]!.id === 'hostile-markup.txt')!;
    const html = pages.find((p) => p.path === `stories/${hostile.id}/index.html`)!.content as string;
    expect(html).toContain('&lt;script&gt;');
    // The only script is the JSON-LD block, and the article's markup inside it is escaped.
    const jsonld = /<script type="application\/ld\+json">([^]*?)<\/script>/.exec(html)!;
    expect(jsonld[1]).not.toMatch(/[<>]/);
    expect(JSON.parse(jsonld[1]!).headline).toContain('<script>');
    expect(html.replace(jsonld[0], '')).not.toMatch(/<script|<img|onerror=/i);
    expect(html).toContain('{{title}}');
    expect(html).toContain('{{{body}}}');
    for (const page of pages) expect(page.path).toMatch(/^[a-z0-9/._-]+$/);
  });
});

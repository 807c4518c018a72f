/**
 * Hostile content: markup, event handlers, javascript: links, </script> aimed at the JSON-LD,
 * Handlebars syntax, text-direction overrides, NULs and a file name made of markup. The site is
 * built and every page opened in Chromium: no script of the content runs, no dialog opens, and
 * the feeds stay well-formed XML.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build.ts';
import { serve, type Preview } from '../../src/serve.ts';
import { listFiles } from '../helpers/site.ts';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);

const XSS = `<script>alert('script')</script><img src=x onerror="alert('img')"><svg onload=alert('svg')>`;
const FILES: Record<string, string> = {
  'hostile.txt': ` date 2024-05-01 World\n\n${XSS} {{title}} headline\n\n1 May 2024 - 10:00 By Eve "Quote" O'Hare\n<iframe src="javascript:alert('caption')"></iframe>\nImage: </script><script>alert('credit')</script>\n\nLONDON, May 1 (Reuters) - Body ${XSS} {{{body}}} {{#each x}}loop{{/each}} ]]> </script><script>alert('jsonld')</script>\n\nSecond \u202Eesrever\u202C paragraph with NUL \u0000 here.\n\nReuters\n`,
  'hostile.md': `---\ntitle: "</script><script>alert('fm')</script> ${'{{'}title}} & <b>bold</b>"\ndate: 2024-05-02\ntags: ["<script>alert('tag')</script>", "javascript:alert(1)"]\nauthors: ["<img src=x onerror=alert('author')>"]\nsource: "<b>Agency</b>"\n---\n\n<script>alert('raw')</script>\n\n[click](javascript:alert('link')) and <a href="javascript:alert('a')" onclick="alert('click')">raw link</a>\n\n<img src=x onerror="alert('md-img')">\n\n![img](javascript:alert('src'))\n\nText with ]]> and </script> in it.\n`,
  "<img src=x onerror=alert('file')>.txt": `Innocent headline\nPARIS, May 3 (Reuters) - A story saved under a name made of markup.\n`,
};

let work: string;
let out: string;
let preview: Preview | null = null;
let browser: Browser | null = null;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'news-archive-hostile-'));
  const content = path.join(work, 'content');
  mkdirSync(content);
  for (const [name, text] of Object.entries(FILES)) writeFileSync(path.join(content, name), text);
  out = path.join(work, 'dist');
  const result = await runBuild({ content, out, templates: 'templates', config: path.join(work, 'none.json') });
  expect(result.summary.stories).toBe(3);
  if (available) {
    preview = await serve({ content, out, templates: 'templates', config: path.join(work, 'none.json'), port: 0, log: () => {} });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await preview?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('hostile content', () => {
  it('reaches the HTML only escaped: no element or attribute from the content', () => {
    for (const file of listFiles(out).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(path.join(out, file), 'utf8');
      const withoutOwnScripts = html.replace(/<script type="application\/ld\+json">[^<]*<\/script>/, '').replace(/<script type="module" src="[^"]*assets\/search\.js"><\/script>/, '');
      // A sanitised Markdown image may stay (<img alt>), but never with a script URL or handler.
      expect(withoutOwnScripts, file).not.toMatch(/<script|<svg|<iframe|\son[a-z]+=|href="javascript:|src="javascript:|<img[^>]*\ssrc="?x/i);
      expect(html, file).not.toMatch(/[\u0000\u202a-\u202e]/);
    }
  });

  it('keeps Handlebars syntax in content literal', () => {
    const html = listFiles(out)
      .filter((f) => f.startsWith('stories/'))
      .map((f) => readFileSync(path.join(out, f), 'utf8'))
      .find((h) => h.includes('loop'))!;
    expect(html).toContain('{{title}}');
    expect(html).toContain('{{{body}}}');
    expect(html).toContain('{{#each x}}loop{{/each}}');
  });

  it('keeps the JSON-LD inside its script element and parseable', () => {
    for (const file of listFiles(out).filter((f) => f.startsWith('stories/'))) {
      const html = readFileSync(path.join(out, file), 'utf8');
      const blocks = [...html.matchAll(/<script type="application\/ld\+json">([^]*?)<\/script>/g)];
      expect(blocks).toHaveLength(1);
      expect(() => JSON.parse(blocks[0]![1]!)).not.toThrow();
    }
  });

  it('writes feeds and sitemaps that are well-formed XML with the content as text', async () => {
    const atom = readFileSync(path.join(out, 'feed.xml'), 'utf8');
    expect(atom).not.toMatch(/[\u0000]/);
    if (!browser) return;
    const page = await browser.newPage();
    const errors = await page.evaluate(
      (docs) => docs.map((d) => new DOMParser().parseFromString(d, 'application/xml').querySelector('parsererror')?.textContent ?? null),
      [atom, readFileSync(path.join(out, 'sitemap.xml'), 'utf8')],
    );
    expect(errors).toEqual([null, null]);
    await page.close();
  });

  it.skipIf(!available)('runs no script and opens no dialog on any page in the browser', async () => {
    const page = await browser!.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    const pages = listFiles(out).filter((f) => f.endsWith('.html'));
    for (const file of pages) {
      await page.goto(preview!.url + file.replace(/index\.html$/, ''));
      // Hover and click every link a reader might follow, except navigation away.
      for (const link of await page.locator('main a').all()) await link.hover();
    }
    await page.goto(`${preview!.url}search/?q=alert`);
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});

/** The built seed site in headless Chromium: pages render, links work, nothing scripted runs. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import sirv from 'sirv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type Preview } from '../../src/serve.ts';

const CHROMIUM = '/usr/bin/chromium';
// CI installs Chromium; on a machine without it the browser tests say so rather than pass silently.
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs it with apt-get`);

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let work: string;
let preview: Preview;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  work = mkdtempSync(path.join(tmpdir(), 'news-archive-browser-'));
  preview = await serve({ content: 'content', out: path.join(work, 'dist'), templates: 'templates', port: 0, log: () => {} });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  await preview?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!available)('in the browser', () => {
  it('shows the home page, follows a story link and a tag link, with no console errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(preview.url);
    expect(await page.title()).toBe('News archive');
    expect(await page.locator('.story-list li').count()).toBe(4);
    await page.click('text=North Korea\'s Kim seen draping coffins');
    await expect.poll(() => page.locator('h1').textContent()).toContain('draping coffins');
    expect(await page.locator('.sources li').count()).toBe(2);
    await page.click('.tags a:text("Vladimir Putin")');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Vladimir Putin');
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ['home', ''],
    ['story', 'stories/north-koreas-kim-seen-draping-coffins-with-flag-at-russia-treaty-anniversary/'],
    ['tag index', 'tags/'],
    ['tag', 'tags/vladimir-putin/'],
    ['archive', 'archive/'],
    ['search', 'search/'],
  ])('has no serious accessibility violation on the %s page (axe-core)', async (_name, url) => {
    const page = await browser.newPage();
    await page.goto(preview.url + url);
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe.run();
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('finds the seed story when searching for "Kursk"', async () => {
    const page = await browser.newPage();
    await page.goto(`${preview.url}search/`);
    await page.getByLabel('Words to find').fill('Kursk');
    const seed = page.locator('#search-results a', { hasText: "North Korea's Kim seen draping coffins with flag at Russia treaty anniversary" });
    await seed.waitFor({ timeout: 15_000 });
    expect(await page.locator('#search-status').textContent()).toMatch(/^\d+ stories found/);
    await page.selectOption('select[name="source"]', 'Reuters');
    await expect.poll(() => page.locator('#search-results li').count()).toBe(1);
    await seed.click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('draping coffins');
    await page.close();
  });

  it('works when served from a subfolder: links, stylesheet and search', async () => {
    const statics = sirv(path.join(work, 'dist'), { dev: true });
    const server = createServer((req, res) => {
      if (!req.url?.startsWith('/archive/')) {
        res.writeHead(404).end();
        return;
      }
      req.url = req.url.slice('/archive'.length);
      statics(req, res, () => void res.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/archive/`;
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('response', (r) => r.status() >= 400 && failed.push(r.url()));
    await page.goto(base);
    await page.click('nav >> text=Tags');
    await page.click('text=Vladimir Putin');
    await page.click('.story-list a >> nth=0');
    await page.click('nav >> text=Search');
    await page.getByLabel('Words to find').fill('Kursk');
    await page.locator('#search-results a').first().click();
    await page.waitForURL(/\/archive\/stories\//);
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('Charter');
    expect(failed).toEqual([]);
    await page.close();
    server.close();
  });

  it('searches every shard of a site whose index is split in several, with the filters merged', async () => {
    const site = path.join(work, 'sharded');
    mkdirSync(path.join(site, 'content'), { recursive: true });
    const towns = ['Arden', 'Brill', 'Corfe', 'Dunster', 'Elham', 'Fowey', 'Goring', 'Hythe', 'Ilsley', 'Jevington', 'Kersey', 'Lavenham'];
    towns.forEach((town, i) =>
      writeFileSync(
        path.join(site, 'content', `${town}.md`),
        `---\ntitle: ${town} votes on the new ferry timetable\ndate: 20${10 + (i % 3)}-04-0${(i % 9) + 1}\n---\n\nResidents of ${town} met on Monday to vote on the ferry timetable for summer.\n`,
      ),
    );
    writeFileSync(path.join(site, 'config.json'), JSON.stringify({ searchShardSize: 2 }));
    const { runBuild } = await import('../../src/build.ts');
    const out = path.join(site, 'dist');
    const built = await runBuild({ content: path.join(site, 'content'), out, templates: 'templates', config: path.join(site, 'config.json'), cache: null });
    expect(built.ok).toBe(true);
    const shards = JSON.parse(readFileSync(path.join(out, 'pagefind', 'shards.json'), 'utf8')) as string[];
    expect(shards.length).toBeGreaterThan(2);
    const statics = sirv(out, { dev: true });
    const server = createServer((req, res) => statics(req, res, () => void res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Regression: a search typed while the filters were still loading hit a variable the page
    // had not declared yet. Filters are held back here so that the search below runs then.
    let filterFetched: () => void = () => {};
    const filtersAsked = new Promise<void>((resolve) => (filterFetched = resolve));
    await page.route('**/pagefind/*/filter/**', async (route) => {
      filterFetched();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
    });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/search/`);
    await filtersAsked;
    await page.getByLabel('Words to find').fill('ferry');
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('12 stories found.');
    await page.getByLabel('Words to find').fill('Lavenham');
    await expect.poll(() => page.locator('#search-results li').count()).toBe(1);
    expect(await page.locator('#search-results a').textContent()).toBe('Lavenham votes on the new ferry timetable');
    // The excerpt is the story's text, not the end of its headline run into it.
    expect(await page.locator('#search-results li p:not(.meta)').textContent()).toBe('Residents of Lavenham met on Monday to vote on the ferry timetable for summer.');
    // The year filter counts stories across every shard.
    await expect.poll(() => page.locator('select[name=year] option').allTextContents()).toEqual(['any', '2012 (4)', '2011 (4)', '2010 (4)']);
    expect(errors).toEqual([]);
    await page.close();
    server.close();
  });

  it('says search is unavailable on a site built without its index (--no-search)', async () => {
    const out = path.join(work, 'no-search');
    const { runBuild } = await import('../../src/build.ts');
    await runBuild({ content: 'content', out, templates: 'templates', cache: null, search: false });
    const statics = sirv(out, { dev: true });
    const server = createServer((req, res) => statics(req, res, () => void res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/search/`);
    await expect.poll(() => page.locator('#search-status').textContent()).toContain('Search is not available');
    await page.close();
    server.close();
  });

  it('reads well on a 375 px phone screen without horizontal scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(`${preview.url}stories/north-koreas-kim-seen-draping-coffins-with-flag-at-russia-treaty-anniversary/`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});

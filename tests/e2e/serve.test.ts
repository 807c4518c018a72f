/** The preview server: serves the site, rebuilds on change, sends reload events, stays inside dist/. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { runBuild } from '../../src/build.ts';
import { MemoryCache } from '../../src/cache.ts';
import { listFiles } from '../helpers/site.ts';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type Preview } from '../../src/serve.ts';

let work: string;
let preview: Preview;
const lines: string[] = [];

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'news-archive-serve-'));
  cpSync('content', path.join(work, 'content'), { recursive: true });
  writeFileSync(path.join(work, 'secret.txt'), 'outside');
  preview = await serve({
    content: path.join(work, 'content'),
    out: path.join(work, 'dist'),
    templates: 'templates',
    config: path.join(work, 'news-archive.config.json'),
    port: 0,
    debounceMs: 30,
    log: (line) => lines.push(line),
  });
});
afterAll(async () => {
  await preview?.close();
  rmSync(work, { recursive: true, force: true });
});

/** GET a raw path (no URL normalisation by the client). */
function get(rawPath: string): Promise<{ status: number; body: string; type: string }> {
  const { port } = new URL(preview.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type'] ?? '') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Collects Server-Sent Events until `until` returns true. */
function events(until: (names: string[]) => boolean): Promise<string[]> {
  const { port } = new URL(preview.url);
  return new Promise((resolve, reject) => {
    const names: string[] = [];
    const req = request({ host: '127.0.0.1', port, path: '/__news-archive/events' }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (const m of chunk.matchAll(/^event: (\w+)$/gm)) names.push(m[1]!);
        if (until(names)) {
          req.destroy();
          resolve(names);
        }
      });
    });
    req.on('error', (e) => (names.length ? resolve(names) : reject(e)));
    req.end();
  });
}

describe('preview server', () => {
  it('listens on 127.0.0.1 and serves pages with the live-reload client', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.type).toContain('text/html');
    expect(home.body).toContain('/__news-archive/live.js');
    const css = await get('/assets/style.css');
    expect(css.status).toBe(200);
    expect(css.type).toContain('text/css');
  });

  it('rebuilds after an edit and tells the page to reload', async () => {
    const file = path.join(work, 'content/reuters-kim-coffins-site.txt');
    const heard = events((names) => names.includes('reload'));
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(file, readFileSync(file, 'utf8').replace("North Korea's Kim seen draping coffins", "North Korea's Kim seen draping many coffins"));
    expect(await heard).toContain('reload');
    await preview.idle();
    const home = await get('/');
    expect(home.body).toContain('draping many coffins');
  });

  it('keeps the last good site and reports the error when a template breaks', async () => {
    const templates = path.join(work, 'templates');
    cpSync('templates', templates, { recursive: true });
    await preview.close();
    preview = await serve({ content: path.join(work, 'content'), out: path.join(work, 'dist'), templates, port: 0, debounceMs: 30, log: (l) => lines.push(l) });
    const heard = events((names) => names.includes('failed'));
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(path.join(templates, 'home.hbs'), '{{#if}}');
    expect(await heard).toContain('failed');
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('draping many coffins');
  });

  it('after edits, additions, renames and deletions equals a full build, writing only what changed', async () => {
    const content = path.join(work, 'content');
    const templates = path.join(work, 'templates');
    const step = async (change: () => void): Promise<void> => {
      const heard = events((names) => names.includes('reload') || names.includes('failed'));
      await new Promise((r) => setTimeout(r, 50));
      change();
      await heard;
      await preview.idle();
    };
    writeFileSync(path.join(templates, 'home.hbs'), readFileSync('templates/home.hbs', 'utf8'));
    await step(() => writeFileSync(path.join(content, 'extra.md'), '---\ntitle: Extra story on grain\ndate: 2025-07-01\ntags: [grain]\n---\n\nGrain prices rose in Chicago.\n'));
    await step(() => writeFileSync(path.join(content, 'extra.md'), '---\ntitle: Extra story on grain\ndate: 2025-07-01\ntags: [grain, wheat]\n---\n\nGrain and wheat prices rose in Chicago.\n'));
    await step(() => renameSync(path.join(content, 'extra.md'), path.join(content, 'renamed.md')));
    await step(() => writeFileSync(path.join(content, 'copy.txt'), readFileSync(path.join(content, 'reuters-kim-coffins-aggregator.txt'))));
    await step(() => rmSync(path.join(content, 'reuters-kim-coffins-site.txt')));
    // Last, edits that name nothing new and move no file: the rebuild reuses the tag join and
    // updates dedup candidates in place, and no later step could hide a page they left stale.
    await step(() => writeFileSync(path.join(content, 'renamed.md'), readFileSync(path.join(content, 'renamed.md'), 'utf8').replace('rose', 'fell')));
    await step(() => writeFileSync(path.join(content, 'copy.txt'), readFileSync(path.join(content, 'copy.txt'), 'utf8').replace(/\bthe\b/, 'that')));
    expect(lines.some((l) => /\(\d+ changed\)/.test(l))).toBe(true);

    const full = path.join(work, 'full');
    await runBuild({ content, out: full, templates, config: path.join(work, 'none.json'), cache: null, search: false });
    const served = listFiles(path.join(work, 'dist')).filter((f) => !f.startsWith('pagefind/') && !f.endsWith('link.txt'));
    expect(served).toEqual(listFiles(full));
    for (const f of served) expect(readFileSync(path.join(work, 'dist', f), 'utf8'), f).toBe(readFileSync(path.join(full, f), 'utf8'));
  });

  it('leaves every page as it was when a rebuild in place fails midway', async () => {
    // The preview's rebuild writes into the served folder. A template that fails only on a tag
    // named "explode" breaks the build after the home and story pages it changed were rendered.
    const site = mkdtempSync(path.join(tmpdir(), 'news-archive-in-place-'));
    const templates = path.join(site, 'templates');
    cpSync('templates', templates, { recursive: true });
    writeFileSync(path.join(templates, 'tag.hbs'), `${readFileSync('templates/tag.hbs', 'utf8')}{{#if (eq tag.name "explode")}}{{#each}}{{/each}}{{/if}}`);
    const content = path.join(site, 'content');
    mkdirSync(content);
    const clyde = (month: string) => `---\ntitle: Clyde ferry timetable\ndate: 2025-07-03\n---\n\nThe summer timetable starts in ${month}.\n`;
    writeFileSync(path.join(content, 'clyde.md'), clyde('May'));
    const out = path.join(site, 'dist');
    const options = { content, out, templates, config: path.join(site, 'none.json'), cache: new MemoryCache(), search: false, manifest: true };
    const first = await runBuild(options);
    expect(first.ok).toBe(true);
    const pages = () => Object.fromEntries(listFiles(out).map((f) => [f, readFileSync(path.join(out, f), 'utf8')]));
    const before = pages();
    writeFileSync(path.join(content, 'clyde.md'), clyde('June'));
    writeFileSync(path.join(content, 'boom.md'), '---\ntitle: Old quarry blast\ndate: 1999-01-01\ntags: [explode]\n---\n\nA blast at the old quarry.\n');
    const failed = await runBuild({ ...options, previous: first.manifest!, previousContents: first.contents! });
    expect(failed.ok).toBe(false);
    expect(pages()).toEqual(before);
    // Nor an empty folder for the story that never made it.
    expect(existsSync(path.join(out, 'stories/old-quarry-blast'))).toBe(false);
    rmSync(site, { recursive: true, force: true });
  });

  it('serves the new site and says which files have errors when a build succeeds with them', async () => {
    const broken = path.join(work, 'content', 'broken.md');
    const heard = events((names) => names.includes('reload'));
    await new Promise((r) => setTimeout(r, 50));
    writeFileSync(broken, '---\ntitle: "unclosed\n---\n\nText.\n');
    const names = await heard;
    expect(names).toContain('errors');
    expect(names).not.toContain('failed');
    await preview.idle();
    // A page opened now is told too, as the same kind of event.
    const replayed = await events((seen) => seen.length > 0);
    expect(replayed).toEqual(['errors']);
    const client = await get('/__news-archive/live.js');
    expect(client.body).toContain('Built, but some content has errors');
    const cleared = events((seen) => seen.includes('ok'));
    await new Promise((r) => setTimeout(r, 50));
    rmSync(broken);
    await cleared;
  });

  it('never serves a file outside the output folder', async () => {
    symlinkSync(path.join(work, 'secret.txt'), path.join(work, 'dist', 'link.txt'));
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/index.html%00.txt', '/link.txt', '/..\\secret.txt']) {
      const res = await get(attempt);
      expect([400, 404], attempt).toContain(res.status);
      expect(res.body, attempt).not.toContain('outside');
    }
  });
});

/**
 * The preview server under load while it rebuilds, and a burst of file changes. Bounded: 10,000
 * requests at 50 connections by default (NEWS_ARCHIVE_LOAD=N for more), on 127.0.0.1 only.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/build.ts';
import { serve, type Preview } from '../../src/serve.ts';
import { listFiles } from '../helpers/site.ts';

const REQUESTS = Number(process.env.NEWS_ARCHIVE_LOAD ?? 10_000);
const CONNECTIONS = 50;

let work: string;
let preview: Preview;
const config = (): string => path.join(work, 'none.json');

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'news-archive-load-'));
  cpSync('content', path.join(work, 'content'), { recursive: true });
  preview = await serve({ content: path.join(work, 'content'), out: path.join(work, 'dist'), templates: 'templates', config: config(), port: 0, debounceMs: 50, log: () => {} });
});
afterAll(async () => {
  await preview?.close();
  rmSync(work, { recursive: true, force: true });
});

function get(agent: Agent, url: string): Promise<number> {
  const { port } = new URL(preview.url);
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: url, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(-1));
    req.end();
  });
}

describe('preview server', () => {
  it(`answers ${REQUESTS.toLocaleString('en')} requests at ${CONNECTIONS} connections with no error while rebuilding`, async () => {
    const urls = listFiles(path.join(work, 'dist'))
      .filter((f) => !f.startsWith('pagefind/') || f.endsWith('.js'))
      .map((f) => `/${f.replace(/index\.html$/, '')}`);
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const file = path.join(work, 'content/reuters-kim-coffins-site.txt');
    const original = readFileSync(file, 'utf8');
    let edits = 0;
    let stop = false;
    const editing = (async () => {
      while (!stop) {
        // Edit the body, not the headline: a new headline is a new URL.
        writeFileSync(file, original.replace('It includes a mutual defence pact.', `It includes a mutual defence pact (edit ${++edits}).`));
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
    let next = 0;
    const statuses = new Map<number, number>();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < REQUESTS) {
          const url = urls[next++ % urls.length]!;
          const status = await get(agent, url);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    stop = true;
    await editing;
    agent.destroy();
    await preview.idle();
    const seconds = (performance.now() - started) / 1000;
    console.log(`load: ${REQUESTS} requests in ${seconds.toFixed(1)} s (${Math.round(REQUESTS / seconds)}/s) during ${edits} edits`);
    expect(Object.fromEntries(statuses)).toEqual({ 200: REQUESTS });
    expect(edits).toBeGreaterThan(1);
  }, 180_000);

  it('answers traversal attempts with 400 or 404', async () => {
    const agent = new Agent();
    for (const url of ['/../secret', '/%2e%2e/secret', '/%2e%2e%2f%2e%2e%2fetc/passwd', '/index.html%00', '/..%5c..%5cetc']) {
      expect([400, 404], url).toContain(await get(agent, url));
    }
  });

  it('ends a burst of 1,000 file changes in one consistent site, equal to a full build', async () => {
    for (let i = 0; i < 1000; i++) {
      writeFileSync(path.join(work, 'content', `burst-${String(i).padStart(4, '0')}.md`), `---\ntitle: Burst story number ${i}\ndate: 2024-01-${String((i % 28) + 1).padStart(2, '0')}\n---\n\nBody of burst story ${i} with its own words ${i * 7919}.\n`);
    }
    await new Promise((r) => setTimeout(r, 500));
    await preview.idle();
    const full = path.join(work, 'full');
    await runBuild({ content: path.join(work, 'content'), out: full, templates: 'templates', config: config(), search: false });
    const served = listFiles(path.join(work, 'dist')).filter((f) => !f.startsWith('pagefind/'));
    expect(served).toEqual(listFiles(full));
    for (const f of served) expect(readFileSync(path.join(work, 'dist', f), 'utf8'), f).toBe(readFileSync(path.join(full, f), 'utf8'));
  }, 180_000);
});

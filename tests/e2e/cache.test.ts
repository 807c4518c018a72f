/** The content cache: a warm build skips work, and templates, config or content changes invalidate it. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/site.ts';

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'news-archive-cache-'));
  cpSync('content', path.join(work, 'content'), { recursive: true });
  cpSync('templates', path.join(work, 'templates'), { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const build = async (...args: string[]) => {
  const result = await cli(['build', ...args], work);
  expect(result.code, result.stderr).toBe(0);
  return result.stderr;
};
const home = () => readFileSync(path.join(work, 'dist/index.html'), 'utf8');

describe('content cache', () => {
  it('skips a build when nothing changed, and rebuilds when content, templates or config change', async () => {
    expect(await build()).toMatch(/^Built dist\//m);
    expect(await build()).toMatch(/dist\/ is up to date: nothing changed since the last build/);

    writeFileSync(path.join(work, 'templates/home.hbs'), readFileSync('templates/home.hbs', 'utf8').replace('newest first', 'latest on top'));
    expect(await build()).toMatch(/^Built dist\//m);
    expect(home()).toContain('latest on top');

    writeFileSync(path.join(work, 'news-archive.config.json'), JSON.stringify({ title: 'Renamed archive' }));
    expect(await build()).toMatch(/^Built dist\//m);
    expect(home()).toContain('<title>Renamed archive</title>');

    const file = path.join(work, 'content/reuters-kim-coffins-site.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('draping coffins with flag', 'draping coffins with the flag'));
    expect(await build()).toMatch(/^Built dist\//m);
    expect(home()).toContain('draping coffins with the flag');
  });

  it('rebuilds when the output was deleted or edited', async () => {
    await build();
    rmSync(path.join(work, 'dist'), { recursive: true });
    expect(await build()).toMatch(/^Built dist\//m);
    writeFileSync(path.join(work, 'dist/index.html'), 'edited by hand');
    expect(await build()).toMatch(/^Built dist\//m);
    expect(home()).not.toBe('edited by hand');
  });

  it('gives the same pages with a warm cache as with --no-cache', async () => {
    const file = path.join(work, 'content/reuters-kim-coffins-aggregator.txt');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
    await build();
    const warm = home();
    await build('--no-cache');
    expect(home()).toBe(warm);
  });

  it('ignores a cache written by another version or damaged', async () => {
    writeFileSync(path.join(work, '.cache/parse.json'), '{"version":"0.0.0","entries":{"x":1}}');
    writeFileSync(path.join(work, '.cache/tags.json'), '{ not json');
    writeFileSync(path.join(work, 'content/new.md'), '---\ntitle: New one\ndate: 2025-07-02\n---\n\nFresh text.\n');
    expect(await build()).toMatch(/^Built dist\//m);
    expect(home()).toContain('New one');
  });
});

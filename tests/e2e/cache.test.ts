/** The content cache: a warm build skips work, and templates, config or content changes invalidate it. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, listFiles } from '../helpers/site.ts';

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

  it.each([['2'], ['1']])('renders again a kept page edited or deleted by hand in the output (--threads %s)', async (threads) => {
    await build('--threads', threads);
    // The two newest stories: an older story added below leaves their pages' input as it was.
    const newest = [...new Set([...home().matchAll(/href="stories\/([^/"]+)\//g)].map((m) => m[1]!))].slice(0, 2);
    const page = (slug: string) => path.join(work, 'dist/stories', slug, 'index.html');
    const pages = newest.map((slug) => readFileSync(page(slug), 'utf8'));
    writeFileSync(page(newest[0]!), 'edited by hand');
    rmSync(page(newest[1]!));
    writeFileSync(path.join(work, `content/minutes-${threads}.md`), `---\ntitle: Minutes ${threads}\ndate: 1990-01-0${threads}\n---\n\nThe minutes were read and approved.\n`);
    const stderr = await build('--threads', threads, '--verbose');
    expect(stderr).toMatch(/^Built dist\//m);
    expect(newest.map((slug) => readFileSync(page(slug), 'utf8'))).toEqual(pages);
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
    writeFileSync(path.join(work, '.cache/parse.ndjson'), '{"version":"0.0.0"}\n["x",1]\n');
    writeFileSync(path.join(work, '.cache/tags.ndjson'), '{ not json');
    writeFileSync(path.join(work, 'content/new.md'), '---\ntitle: New one\ndate: 2025-07-02\n---\n\nFresh text.\n');
    expect(await build()).toMatch(/^Built dist\//m);
    expect(home()).toContain('New one');
  });

  it('indexes for search again only the shard of a changed story, and keeps the store to what is used', async () => {
    const site = path.join(work, 'sharded');
    mkdirSync(path.join(site, 'content'), { recursive: true });
    const write = (i: number, body: string) =>
      writeFileSync(path.join(site, 'content', `s${i}.md`), `---\ntitle: Parish council meeting number ${i}\ndate: 2021-0${(i % 9) + 1}-11\n---\n\n${body}\n`);
    for (let i = 0; i < 8; i++) write(i, `The council of parish ${i} agreed a budget for ${i + 3} lamps.`);
    writeFileSync(path.join(site, 'news-archive.config.json'), JSON.stringify({ searchShardSize: 2 }));
    const run = async () => {
      const result = await cli(['build', '--verbose'], site);
      expect(result.code, result.stderr).toBe(0);
      return /search index in (\d+) shards: (\d+) indexed, (\d+) unchanged and kept/.exec(result.stderr)?.slice(1).map(Number);
    };
    const [shards, indexed] = (await run())!;
    expect(shards).toBeGreaterThan(2);
    expect(indexed).toBe(shards);
    write(3, 'The council of parish 3 put off its budget until May.');
    expect(await run()).toEqual([shards, 1, shards! - 1]);
    // A shard deleted from the site by hand is put back (from the store), not left missing.
    rmSync(path.join(site, 'dist', 'pagefind', 's0'), { recursive: true });
    expect(await run()).toEqual([shards, 0, shards]);
    expect(existsSync(path.join(site, 'dist', 'pagefind', 's0', 'pagefind-entry.json'))).toBe(true);
    // The store holds this build's shards, each a folder and its file list.
    expect(readdirSync(path.join(site, '.cache', 'search'))).toHaveLength(2 * shards!);
    const fragments = readdirSync(path.join(site, 'dist', 'pagefind'), { recursive: true }).filter((f) => String(f).includes(`fragment${path.sep}`));
    expect(fragments).toHaveLength(8);
  });

  it('rebuilds into the existing site writing only what changed, with the same site as a build from scratch', async () => {
    const site = path.join(work, 'staged');
    cpSync('content', path.join(site, 'content'), { recursive: true });
    cpSync('templates', path.join(site, 'templates'), { recursive: true });
    const run = async (...args: string[]) => {
      const result = await cli(['build', ...args], site);
      return { ...result, line: /^Built .*$|^Build failed.*$/m.exec(result.stderr)?.[0] ?? result.stderr };
    };
    expect((await run()).code).toBe(0);
    writeFileSync(path.join(site, 'content/new.md'), '---\ntitle: Ferry fares rise on the Clyde\ndate: 2025-07-02\n---\n\nFares on the Clyde ferries rise by a tenth in August.\n');
    const edited = await run();
    expect(edited.code).toBe(0);
    const [, pages, changed] = /([\d,]+) pages \(([\d,]+) changed\)/.exec(edited.line)!.map((n) => Number(n.replace(/,/g, '')));
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThan(pages! / 2);
    // The same pages as a build from scratch, and nothing else.
    expect((await run('--no-cache', '--out', 'scratch')).code).toBe(0);
    const pagesOf = (dir: string) => listFiles(path.join(site, dir)).filter((f) => !f.startsWith('pagefind/'));
    expect(pagesOf('dist')).toEqual(pagesOf('scratch'));
    for (const f of pagesOf('dist')) expect(readFileSync(path.join(site, 'dist', f), 'utf8'), f).toBe(readFileSync(path.join(site, 'scratch', f), 'utf8'));

    // A build that fails leaves the site as it was; the next good one picks up from there.
    const before = Object.fromEntries(pagesOf('dist').map((f) => [f, readFileSync(path.join(site, 'dist', f), 'utf8')]));
    rmSync(path.join(site, 'content/new.md'));
    writeFileSync(path.join(site, 'templates/story.hbs'), '{{#each}}');
    expect((await run()).code).toBe(1);
    expect(Object.fromEntries(pagesOf('dist').map((f) => [f, readFileSync(path.join(site, 'dist', f), 'utf8')]))).toEqual(before);
    cpSync('templates/story.hbs', path.join(site, 'templates/story.hbs'));
    expect((await run()).code).toBe(0);
    expect(existsSync(path.join(site, 'dist/stories/ferry-fares-rise-on-the-clyde'))).toBe(false);

    // Regression: a build that rendered a story's new page and then failed (on a tag page, after
    // the stories) must not let the next build take the old page for the new one. The template
    // stays the same throughout; a tag named "explode" makes it fail (#each with no list throws when it runs).
    writeFileSync(path.join(site, 'templates/tag.hbs'), `${readFileSync('templates/tag.hbs', 'utf8')}{{#if (eq tag.name "explode")}}{{#each}}{{/each}}{{/if}}`);
    const clyde = (month: string) => `---\ntitle: Clyde ferry timetable\ndate: 2025-07-03\n---\n\nThe summer timetable starts in ${month}.\n`;
    writeFileSync(path.join(site, 'content/clyde.md'), clyde('May'));
    expect((await run()).code).toBe(0);
    writeFileSync(path.join(site, 'content/clyde.md'), clyde('June'));
    writeFileSync(path.join(site, 'content/boom.md'), '---\ntitle: Old quarry blast\ndate: 1999-01-01\ntags: [explode]\n---\n\nA blast at the old quarry.\n');
    expect((await run()).code).toBe(1);
    rmSync(path.join(site, 'content/boom.md'));
    const fixed = await run();
    expect(fixed.code).toBe(0);
    expect(readFileSync(path.join(site, 'dist/stories/clyde-ferry-timetable/index.html'), 'utf8')).toContain('starts in June');
  });
});


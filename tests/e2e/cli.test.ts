/** The real CLI on a temp folder: exit codes, files written, messages, links. */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenLinks, CLI, cli, listFiles } from '../helpers/site.ts';

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'news-archive-e2e-'));
  cpSync('content', path.join(work, 'content'), { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('news-archive build on the seed content', () => {
  let result: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    result = await cli(['build'], work);
  });

  it('exits 0 and prints a one-line summary', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Built dist\/: 2 files read \(0 skipped\), 5 articles, 4 stories, \d+ tags, \d+ pages, 0 warnings, 0 errors/);
  });
  it('writes four story pages, the home page, a tag index and a page per tag', () => {
    const files = listFiles(path.join(work, 'dist'));
    expect(files.filter((f) => /^stories\/[^/]+\/index\.html$/.test(f))).toHaveLength(4);
    expect(files).toContain('index.html');
    expect(files).toContain('tags/index.html');
    expect(files).toContain('404.html');
    expect(files).toContain('assets/style.css');
    const tagIndex = readFileSync(path.join(work, 'dist/tags/index.html'), 'utf8');
    const tagLinks = [...tagIndex.matchAll(/href="\.\.\/tags\/([^/]+)\/"/g)].map((m) => m[1]);
    expect(tagLinks.length).toBeGreaterThan(5);
    for (const slug of tagLinks) expect(files).toContain(`tags/${slug}/index.html`);
  });
  it('leaves no internal link unresolved', () => {
    expect(brokenLinks(path.join(work, 'dist'))).toEqual([]);
  });
  it('builds the same pages from its sources through tsx, on one thread', async () => {
    const alone = await cli(['build', '--out', 'dist-tsx', '--threads', '1', '--no-search', '--no-cache'], work, { NEWS_ARCHIVE_NO_BUNDLE: '1' });
    expect(alone.code).toBe(0);
    const pages = listFiles(path.join(work, 'dist')).filter((f) => !f.startsWith('pagefind/'));
    expect(listFiles(path.join(work, 'dist-tsx'))).toEqual(pages);
    for (const f of pages) expect(readFileSync(path.join(work, 'dist-tsx', f), 'utf8'), f).toBe(readFileSync(path.join(work, 'dist', f), 'utf8'));
  });
  it('lists both copies as sources of the merged story', () => {
    const page = readFileSync(path.join(work, 'dist/stories/north-koreas-kim-seen-draping-coffins-with-flag-at-russia-treaty-anniversary/index.html'), 'utf8');
    expect(page).toContain('reuters-kim-coffins-site.txt');
    expect(page).toContain('reuters-kim-coffins-aggregator.txt');
    expect(page).toContain('By Joyce Lee, Jack Kim and Hyun Young Yi');
    expect(page).toContain('SEOUL');
  });
  it('builds byte-identical pages, feeds and sitemaps twice', async () => {
    // Pagefind writes its filter values in hash-map order, so its index files are equivalent but
    // not byte-identical between runs; everything this tool writes itself must be.
    const snapshot = () =>
      listFiles(path.join(work, 'dist'))
        .filter((f) => !f.startsWith('pagefind/'))
        .map((f) => [f, readFileSync(path.join(work, 'dist', f), 'utf8')]);
    const first = snapshot();
    expect((await cli(['build', '--no-cache'], work)).code).toBe(0);
    expect(snapshot()).toEqual(first);
  });
});

describe('a copy of the tool whose node_modules is a link to another\'s', () => {
  it('builds with its own sources and templates, under its own version', async () => {
    // As a scratch worktree for an A/B run has it: the bundle is compiled into the linked
    // node_modules, so the folder above it is the other checkout.
    const tool = path.join(work, 'tool');
    for (const part of ['bin', 'src', 'templates', 'package.json']) cpSync(part, path.join(tool, part), { recursive: true });
    symlinkSync(path.resolve('node_modules'), path.join(tool, 'node_modules'), 'dir');
    writeFileSync(path.join(tool, 'src/memo.ts'), `${readFileSync('src/memo.ts', 'utf8')}// the copy\n`);
    writeFileSync(path.join(tool, 'templates/404.hbs'), `${readFileSync('templates/404.hbs', 'utf8')}<p>from the copy</p>\n`);
    const site = path.join(work, 'linked');
    cpSync('content', path.join(site, 'content'), { recursive: true });
    const run = (bin: string) => cli(['build', '--no-search'], site, {}, bin);
    expect((await run(path.join(tool, 'bin/news-archive.js'))).code).toBe(0);
    expect(readFileSync(path.join(site, 'dist/404.html'), 'utf8')).toContain('from the copy');
    // This checkout is another version: its cache and output are not taken as current.
    const mine = await run(CLI);
    expect(mine.code).toBe(0);
    expect(mine.stderr).toMatch(/Built dist\//);
    expect(readFileSync(path.join(site, 'dist/404.html'), 'utf8')).not.toContain('from the copy');
  });
});

describe('failures', () => {
  it('refuses an unknown option or a missing value with a message and the usage, not a stack trace', async () => {
    for (const [args, message] of [
      [['build', '--cache-dir', 'x'], "Unknown option '--cache-dir'"],
      [['build', '--out'], "Option '--out <value>' argument missing"],
    ] as const) {
      const result = await cli([...args], work);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain('Usage: news-archive');
      expect(result.stderr).not.toContain('internal error');
    }
  });

  it('refuses a --threads that is not a whole number of at least 1, saying why', async () => {
    for (const bad of ['0', 'two', '1.5']) {
      const result = await cli(['build', '--threads', bad], work);
      expect(result.code, bad).toBe(2);
      expect(result.stderr).toContain(`--threads must be a whole number of at least 1, not "${bad}"`);
    }
  });
  it('keeps the previous site when a template is broken, names the template and exits non-zero', async () => {
    expect((await cli(['build'], work)).code).toBe(0);
    const before = readFileSync(path.join(work, 'dist/index.html'), 'utf8');
    cpSync('templates', path.join(work, 'templates'), { recursive: true });
    writeFileSync(path.join(work, 'templates/story.hbs'), '{{#each story.paragraphs}}<p>{{text}}</p>');
    const result = await cli(['build'], work);
    rmSync(path.join(work, 'templates'), { recursive: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('templates/story.hbs');
    expect(result.stderr).toContain('Build failed, previous site kept');
    expect(readFileSync(path.join(work, 'dist/index.html'), 'utf8')).toBe(before);
  });
  it('names a missing template and exits non-zero', async () => {
    cpSync('templates', path.join(work, 'templates'), { recursive: true });
    rmSync(path.join(work, 'templates/tag.hbs'));
    const result = await cli(['build'], work);
    rmSync(path.join(work, 'templates'), { recursive: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^templates\/tag\.hbs: error: cannot render: template is missing/m);
  });

  it('reports a broken file and builds the rest', async () => {
    const content = path.join(work, 'content-bad');
    cpSync('content', content, { recursive: true });
    writeFileSync(path.join(content, 'broken.md'), '---\ntitle: "unclosed\ndate: 2025-06-30\n---\n\nBody.\n');
    writeFileSync(path.join(content, 'empty.txt'), '');
    const result = await cli(['build', '--content', content, '--out', 'dist-bad'], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.md:\d+:\d+: error: front matter is not valid YAML/);
    expect(result.stderr).toMatch(/empty\.txt: warning: empty file/);
    expect(existsSync(path.join(work, 'dist-bad/index.html'))).toBe(true);
  });
});

describe('news-archive records', () => {
  it('prints one JSON record per file, diagnostics on stderr only', async () => {
    const result = await cli(['records', 'content', '--json'], work);
    expect(result.code).toBe(0);
    const records = JSON.parse(result.stdout);
    expect(Object.keys(records)).toEqual(['reuters-kim-coffins-aggregator.txt', 'reuters-kim-coffins-site.txt']);
    expect(records['reuters-kim-coffins-site.txt'].story).toBe(records['reuters-kim-coffins-aggregator.txt'].story);
    expect(records['reuters-kim-coffins-aggregator.txt'].embedded).toHaveLength(3);
  });
});

describe('--strict', () => {
  it('fails the build on a warning', async () => {
    const content = path.join(work, 'content-strict');
    cpSync('content', content, { recursive: true });
    writeFileSync(path.join(content, 'empty.txt'), '');
    expect((await cli(['build', '--content', content, '--out', 'dist-strict'], work)).code).toBe(0);
    const strict = await cli(['build', '--strict', '--content', content, '--out', 'dist-strict'], work);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('empty.txt: warning: empty file');
  });
});

describe('--explain', () => {
  it('writes every cluster and candidate pair with its measurements and the thresholds', async () => {
    writeFileSync(path.join(work, 'news-archive.config.json'), JSON.stringify({ title: 'Kim archive', dedupe: { jaccard: 0.65 } }));
    const result = await cli(['build', '--explain', 'dedupe-report.json'], work);
    rmSync(path.join(work, 'news-archive.config.json'));
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(work, 'dedupe-report.json'), 'utf8'));
    expect(report.thresholds.jaccard).toBe(0.65);
    expect(report.clusters.find((c: { members: string[] }) => c.members.length === 2).members).toEqual([
      'reuters-kim-coffins-site.txt',
      'reuters-kim-coffins-aggregator.txt',
    ]);
    expect(report.pairs[0]).toMatchObject({ merge: true, joined: true, jaccard: expect.any(Number), containment: expect.any(Number), dateGapDays: null });
    expect(readFileSync(path.join(work, 'dist/index.html'), 'utf8')).toContain('<title>Kim archive</title>');
  });
});

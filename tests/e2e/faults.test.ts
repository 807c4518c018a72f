/**
 * Faults: a build killed midway or failing leaves the previous site intact and no temporary
 * folder behind the next time; an unwritable output folder is one readable error; symbolic links
 * out of the content folder are not followed; file order never changes the output; and, for any
 * generated set of files, nothing is lost.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.ts';
import { Collector } from '../../src/diagnostics.ts';
import { readContent, readTemplates, type RawFile } from '../../src/load/read.ts';
import { runBuild } from '../../src/build.ts';
import { analyse } from '../../src/pipeline.ts';
import { renderSite } from '../../src/render/index.ts';
import { escapeHtml } from '../../src/render/feeds.ts';
import { writeMarkdownCorpus } from '../../scripts/bench/synth.ts';
import { CORPUS } from '../helpers/corpus.ts';
import { CLI, cli } from '../helpers/site.ts';

const work = mkdtempSync(path.join(tmpdir(), 'news-archive-faults-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const { templates } = await readTemplates('templates');

/** Folders beside `out` that a build leaves while it runs. */
const leftovers = (): string[] => readdirSync(work).filter((e) => /^\.dist\.(tmp|old)-\d+$/.test(e));

describe('atomic output', () => {
  it('keeps the previous site when the build is killed midway, and cleans up on the next run', async () => {
    mkdirSync(path.join(work, 'content'));
    cpSync('content', path.join(work, 'content'), { recursive: true });
    expect((await cli(['build'], work)).code).toBe(0);
    const before = readFileSync(path.join(work, 'dist/index.html'), 'utf8');

    writeMarkdownCorpus(path.join(work, 'big'), 1500);
    const child = spawn(process.execPath, [CLI, 'build', '--content', 'big'], { cwd: work, stdio: 'ignore' });
    // Kill it once it has started writing its temporary folder.
    const temp = path.join(work, `.dist.tmp-${child.pid}`);
    for (let i = 0; i < 600 && !(existsSync(temp) && readdirSync(temp).length > 0); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(temp)).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    expect(readFileSync(path.join(work, 'dist/index.html'), 'utf8')).toBe(before);
    expect(leftovers()).toContain(`.dist.tmp-${child.pid}`);
    expect((await cli(['build'], work)).code).toBe(0);
    // The next build hands the leftover to a background process, which outlives it.
    await expect.poll(leftovers, { timeout: 20_000, interval: 100 }).toEqual([]);
    expect(readFileSync(path.join(work, 'dist/index.html'), 'utf8')).toBe(before);
  }, 120_000);

  it('reports an unwritable output folder in one readable line and exits non-zero', async () => {
    writeFileSync(path.join(work, 'a-file'), 'not a folder');
    const result = await cli(['build', '--out', 'a-file/dist'], work);
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((l) => l.includes(': error: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^a-file\/dist: error: cannot write the site: .*(ENOTDIR|not a directory)/);
    expect(result.stderr).toContain('Build failed, previous site kept');
  });
});

describe('content folder', () => {
  it('does not follow a symbolic link that leads outside it', async () => {
    const content = path.join(work, 'linked');
    mkdirSync(content);
    writeFileSync(path.join(work, 'secret.txt'), '\nSecret headline\nLONDON, May 1 (Reuters) - Outside text.\n');
    symlinkSync(path.join(work, 'secret.txt'), path.join(content, 'secret.txt'));
    symlinkSync(work, path.join(content, 'up'));
    const reporter = new Collector();
    expect(await readContent(content, reporter)).toEqual([]);
    expect(reporter.messages.map((m) => [m.file, m.rule])).toEqual([
      ['secret.txt', 'load/symlink-outside'],
      ['up', 'load/symlink-outside'],
    ]);
  });
});

describe('determinism', () => {
  it('renders byte-identical pages whatever the order of the input files', async () => {
    const reporter = new Collector();
    const raw = (await readContent(CORPUS, reporter)).filter((_, i) => i % 6 === 0);
    const render = (files: RawFile[]) => {
      const { stories, tags } = analyse(files, new Collector());
      return renderSite({ config: defaultConfig, stories, tags }, templates);
    };
    const reference = render(raw);
    for (const seed of [1, 2]) {
      const shuffled = fc.sample(fc.shuffledSubarray(raw, { minLength: raw.length, maxLength: raw.length }), { seed, numRuns: 1 })[0]!;
      expect(render(shuffled)).toEqual(reference);
    }
  }, 120_000);
});

describe('threads', () => {
  it('builds the same site and messages with parsing and tagging shared with helper threads as on one thread', async () => {
    // Every sixth corpus file, under its own path: enough for batches on both sides.
    const content = path.join(work, 'shared-content');
    for (const file of (await readContent(CORPUS, new Collector())).filter((_, i) => i % 6 === 0)) {
      mkdirSync(path.dirname(path.join(content, file.path)), { recursive: true });
      writeFileSync(path.join(content, file.path), file.bytes);
    }
    const build = (threads: number) =>
      runBuild({ content, out: path.join(work, `shared-${threads}`), templates: 'templates', config: path.join(work, 'none.json'), cache: null, search: false, manifest: true, threads, shareFrom: { parse: 1, tag: 1 } });
    const [alone, shared] = [await build(1), await build(2)];
    expect(shared.ok).toBe(true);
    expect(shared.diagnostics).toEqual(alone.diagnostics.map(({ cause: _c, ...m }) => m));
    const pages = [...alone.contents!.keys()];
    expect([...shared.contents!.keys()].sort()).toEqual([...pages].sort());
    expect(pages.filter((page) => String(shared.contents!.get(page)) !== String(alone.contents!.get(page)))).toEqual([]);
  }, 120_000);
});

describe('nothing is lost', () => {
  const layouts = [
    (t: string, body: string[]) => ` date 2024-03-02 World\n\n${t}\n\n2 March 2024 - 09:00\n\n${body.join('\n\n')}\n\nReuters\n`,
    (t: string, body: string[]) => `\n${t}\nLONDON, March 2 (Reuters) - ${body.join('\n')}\n\nComments\nNo comments yet...\n`,
    (t: string, body: string[]) => `---\ntitle: ${JSON.stringify(t)}\ndate: 2024-03-02\n---\n\n${body.join('\n\n')}\n`,
  ];
  const word = fc.constantFrom(...'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike'.split(' '));
  const paragraph = fc.array(word, { minLength: 8, maxLength: 30 }).map((w) => `${w.join(' ')}.`);
  const article = fc.record({ title: fc.array(word, { minLength: 3, maxLength: 6 }).map((w) => `Title ${w.join(' ')}`), body: fc.array(paragraph, { minLength: 1, maxLength: 5 }) });
  const file = fc.oneof(
    fc.tuple(article, fc.integer({ min: 0, max: 2 })).map(([a, l]) => ({ ext: l === 2 ? 'md' : 'txt', bytes: new TextEncoder().encode(layouts[l]!(a.title, a.body)) })),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ ext: 'txt', bytes })),
    fc.constant({ ext: 'md', bytes: new TextEncoder().encode('---\ntitle: "broken\n---\n\nBody.\n') }),
    fc.constant({ ext: 'txt', bytes: new Uint8Array(0) }),
  );

  it('every file is a source of exactly one story or named in a warning; every paragraph is on its story page', () => {
    fc.assert(
      fc.property(fc.array(file, { minLength: 1, maxLength: 12 }), (generated) => {
        // Copies: every other file is duplicated under a second name.
        const raw: RawFile[] = generated.flatMap((f, i) => [
          { path: `f${i}.${f.ext}`, bytes: f.bytes },
          ...(i % 2 ? [{ path: `copy-${i}.${f.ext}`, bytes: f.bytes }] : []),
        ]);
        const reporter = new Collector();
        const { stories, tags } = analyse(raw, reporter);
        const pages = new Map(renderSite({ config: defaultConfig, stories, tags }, templates).map((p) => [p.path, p.content as string]));
        const sourceOf = new Map<string, number>();
        for (const s of stories) for (const a of s.sources) if (!a.embeddedIn) sourceOf.set(a.file, (sourceOf.get(a.file) ?? 0) + 1);
        const warned = new Set(reporter.messages.filter((m) => m.severity !== 'info').map((m) => m.file));
        for (const f of raw) expect(sourceOf.get(f.path) === 1 || warned.has(f.path), f.path).toBe(true);
        for (const s of stories) {
          const html = pages.get(`stories/${s.id}/index.html`)!;
          for (const p of s.sources[0]!.paragraphs) expect(html).toContain(p.html ?? escapeHtml(p.text).replace(/&#39;/g, '&#x27;'));
          for (const copy of s.sources) expect(html).toContain(escapeHtml(copy.file));
        }
      }),
      { numRuns: Number(process.env.NEWS_ARCHIVE_FUZZ ?? 60) },
    );
  }, 120_000);
});

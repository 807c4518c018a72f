import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirectoryWriter, removeInBackground, removeStale } from '../../../src/write/index.ts';

function files(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      found.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
    }
  }
  return found;
}

describe.each([
  ['in this thread', false],
  ['from a worker thread', true],
])('DirectoryWriter writing %s', (_, thread) => {
  it('writes every page, in batches and folders of any depth, and swaps the folder in', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'writer-'));
    const out = path.join(root, 'dist');
    mkdirSync(out);
    writeFileSync(path.join(out, 'old.html'), 'old');
    const expected = new Map<string, string>();
    const writer = new DirectoryWriter(out, { thread });
    // More pages and bytes than one batch holds, so several are in flight at once.
    for (let i = 0; i < 700; i++) {
      const page = { path: i % 3 ? `stories/s-${i}/index.html` : `tags/t-${i % 7}/page/${i}/index.html`, content: `<p>${i}</p>`.repeat(i % 50 === 0 ? 20_000 : 1) };
      expected.set(page.path, page.content);
      await writer.write(page);
    }
    await writer.write({ path: 'asset.bin', content: new TextEncoder().encode('bytes') });
    expected.set('asset.bin', 'bytes');
    // A page larger than a whole batch, with characters of two and three bytes in UTF-8.
    const large = 'é€ '.repeat(1_000_000);
    await writer.write({ path: 'large/index.html', content: large });
    expected.set('large/index.html', large);
    await writer.commit();
    expect(files(out)).toEqual(expected);
    expect(readdirSync(root)).toEqual(['dist']);
  });

  it('fails the build when a page cannot be written, and leaves the previous site as it was', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'writer-'));
    const out = path.join(root, 'dist');
    mkdirSync(out);
    writeFileSync(path.join(out, 'index.html'), 'previous');
    const writer = new DirectoryWriter(out, { thread });
    // A file where a later page needs a folder: the later write fails with ENOTDIR.
    const failed = (async () => {
      await writer.write({ path: 'a', content: 'file' });
      for (let i = 0; i < 200; i++) await writer.write({ path: `a/${i}/index.html`, content: 'x' });
      await writer.commit();
    })();
    await expect(failed).rejects.toThrow(/ENOTDIR|EEXIST/);
    await writer.abort();
    expect(files(out)).toEqual(new Map([['index.html', 'previous']]));
    expect(readdirSync(root)).toEqual(['dist']);
  });
});

describe('the replaced site', () => {
  it('is handed to removeOld once the new site is in place, and removeInBackground removes it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'writer-'));
    const out = path.join(root, 'dist');
    mkdirSync(path.join(out, 'stories', 'old'), { recursive: true });
    writeFileSync(path.join(out, 'stories', 'old', 'index.html'), 'old');
    const handed: string[] = [];
    const writer = new DirectoryWriter(out, {
      removeOld: async (folder) => {
        handed.push(folder);
        expect(files(out)).toEqual(new Map([['index.html', 'new']])); // the new site is in place already
        expect(files(folder)).toEqual(new Map([['stories/old/index.html', 'old']]));
      },
    });
    await writer.write({ path: 'index.html', content: 'new' });
    await writer.commit();
    expect(handed).toEqual([path.join(root, `.dist.old-${process.pid}`)]);

    await removeInBackground(handed[0]!);
    const until = Date.now() + 20_000;
    while (readdirSync(root).length > 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(root)).toEqual(['dist']);
  });
});

describe('removeStale', () => {
  it('removes leftover temporary and replaced sites, even while another removal of them runs', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'writer-'));
    const out = path.join(root, 'dist');
    mkdirSync(out);
    for (const leftover of ['.dist.tmp-11', '.dist.old-12']) {
      for (let d = 0; d < 20; d++) {
        mkdirSync(path.join(root, leftover, String(d)), { recursive: true });
        for (let f = 0; f < 20; f++) writeFileSync(path.join(root, leftover, String(d), `${f}.html`), 'x');
      }
    }
    writeFileSync(path.join(root, '.dist.notes'), 'not ours'); // not a build's folder: kept
    await Promise.all([removeStale(out), removeStale(out), removeStale(out)]);
    expect(readdirSync(root).sort()).toEqual(['.dist.notes', 'dist']);
  });

  it("hands leftovers to the remover it is given, but never this process's own folders", async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'writer-'));
    const out = path.join(root, 'dist');
    for (const leftover of ['.dist.tmp-11', '.dist.old-12', `.dist.tmp-${process.pid}`]) mkdirSync(path.join(root, leftover), { recursive: true });
    const handed: string[] = [];
    await removeStale(out, async (folder) => void handed.push(path.basename(folder)));
    expect(handed.sort()).toEqual(['.dist.old-12', '.dist.tmp-11']);
  });
});

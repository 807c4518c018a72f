/**
 * StagedWriter: a rebuild into the existing output folder writes only new and changed pages,
 * removes pages no longer made (and the folders they empty), swaps whole folders another tool
 * wrote, and touches nothing before commit, so a failed build leaves the site as it was.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash, DirectoryWriter } from '../../../src/write/index.ts';
import { StagedWriter } from '../../../src/write/staged.ts';

function files(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) found[path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')] = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
  }
  return found;
}

/** A site written whole by a DirectoryWriter, and its manifest. */
async function site(pages: Record<string, string>, thread: boolean): Promise<{ root: string; out: string; manifest: Map<string, string> }> {
  const root = mkdtempSync(path.join(tmpdir(), 'staged-'));
  const out = path.join(root, 'dist');
  const writer = new DirectoryWriter(out, { hash: true, thread });
  for (const [p, content] of Object.entries(pages)) await writer.write({ path: p, content });
  await writer.commit();
  return { root, out, manifest: writer.manifest() };
}

const before = {
  'index.html': 'home',
  'stories/a/index.html': 'story a',
  'stories/b/index.html': 'story b',
  'tags/x/page/2/index.html': 'x, page 2',
};

describe.each([
  ['in this thread', false],
  ['from a worker thread', true],
])('StagedWriter writing %s', (_, thread) => {
  it('writes only what changed, removes what is gone, and records every page', async () => {
    const { root, out, manifest } = await site(before, thread);
    expect([...manifest].map(([p, record]) => [p, record.split(' ')[0]])).toEqual(Object.entries(before).map(([p, c]) => [p, contentHash(c)]));
    const untouched = statSync(path.join(out, 'stories/a/index.html')).mtimeMs;
    const writer = new StagedWriter(out, manifest, { thread });
    const after = { 'index.html': 'home, changed', 'stories/a/index.html': 'story a', 'stories/c/index.html': 'story c' };
    for (const [p, content] of Object.entries(after)) await writer.write({ path: p, content });
    // Nothing shows before commit.
    expect(files(out)).toEqual(before);
    await writer.commit();
    expect(files(out)).toEqual(after);
    expect(writer.written).toBe(2);
    expect([...writer.manifest].map(([p, record]) => [p, record.split(' ')[0]]).sort()).toEqual(Object.entries(after).map(([p, c]) => [p, contentHash(c)]).sort());
    expect(statSync(path.join(out, 'stories/a/index.html')).mtimeMs).toBe(untouched);
    // Folders emptied by removed pages go; nothing is left beside the output.
    expect(readdirSync(path.join(out, 'stories')).sort()).toEqual(['a', 'c']);
    expect(readdirSync(out).sort()).toEqual(['index.html', 'stories']);
    expect(readdirSync(root)).toEqual(['dist']);
  });

  it('swaps a folder written whole into the staging folder, and keeps a folder left alone', async () => {
    const { out, manifest } = await site(
      { ...before, 'pagefind/s0/a.pf': 'old s0', 'pagefind/s0/gone.pf': 'old', 'pagefind/s1/b.pf': 's1', 'pagefind/s1/fragment/c.pf': 'c', 'pagefind/s10/d.pf': 'gone' },
      thread,
    );
    const writer = new StagedWriter(out, manifest, { thread });
    for (const [p, content] of Object.entries(before)) await writer.write({ path: p, content });
    const folder = await writer.folder();
    mkdirSync(path.join(folder, 'pagefind', 's0'), { recursive: true });
    writeFileSync(path.join(folder, 'pagefind', 's0', 'a.pf'), 'new s0');
    writer.adoptFolder('pagefind/s0/', new Map([['pagefind/s0/a.pf', 'shard:k2']]));
    writer.keepFolder('pagefind/s1/');
    await writer.commit();
    // The kept folder keeps its nested files, and only its own: s10 is another folder, made by no one.
    expect(files(out)).toEqual({ ...before, 'pagefind/s0/a.pf': 'new s0', 'pagefind/s1/b.pf': 's1', 'pagefind/s1/fragment/c.pf': 'c' });
    expect(writer.manifest.get('pagefind/s0/a.pf')).toBe('shard:k2');
    expect(writer.manifest.get('pagefind/s1/b.pf')).toBe(manifest.get('pagefind/s1/b.pf'));
    expect(writer.manifest.get('pagefind/s1/fragment/c.pf')).toBe(manifest.get('pagefind/s1/fragment/c.pf'));
    expect(writer.manifest.has('pagefind/s10/d.pf')).toBe(false);
    expect(writer.manifest.has('pagefind/s0/gone.pf')).toBe(false);
  });

  it('writes again an unchanged page deleted or edited by hand in the output', async () => {
    const { out, manifest } = await site(before, thread);
    rmSync(path.join(out, 'stories/b/index.html'));
    writeFileSync(path.join(out, 'stories/a/index.html'), 'story A, edited by hand');
    const writer = new StagedWriter(out, manifest, { thread });
    for (const [p, content] of Object.entries(before)) await writer.write({ path: p, content });
    await writer.commit();
    expect(files(out)).toEqual(before);
  });

  it('clears a staging folder of its own name left by a killed build before using it', async () => {
    const { root, out, manifest } = await site(before, thread);
    const leftover = path.join(root, `.dist.tmp-${process.pid}`, 'pagefind', 's9');
    mkdirSync(leftover, { recursive: true });
    writeFileSync(path.join(leftover, 'stale.pf'), 'from a killed build');
    const writer = new StagedWriter(out, manifest, { thread });
    const folder = await writer.folder();
    expect(readdirSync(folder)).toEqual([]);
    for (const [p, content] of Object.entries(before)) await writer.write({ path: p, content });
    await writer.commit();
    expect(files(out)).toEqual(before);
  });

  it('leaves the site as it was when the build fails before commit', async () => {
    const { root, out, manifest } = await site(before, thread);
    const writer = new StagedWriter(out, manifest, { thread });
    await writer.write({ path: 'index.html', content: 'half a build' });
    await expect(writer.write({ path: 'INDEX.html', content: 'again' })).rejects.toThrow(/two pages want/);
    await writer.abort();
    expect(files(out)).toEqual(before);
    expect(readdirSync(root)).toEqual(['dist']);
  });
});

/** readContent: every article file, in order; no waiting on a pipe; in the preview, files read before are reused. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Collector } from '../../../src/diagnostics.ts';
import { readContent, type KnownFile } from '../../../src/load/read.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'news-archive-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const text = (files: Awaited<ReturnType<typeof readContent>>, name: string): string => Buffer.from(files.find((f) => f.path === name)!.bytes).toString('utf8');

describe('readContent with known files', () => {
  it('re-reads a changed file by its size and time, or only the files the watcher named', async () => {
    writeFileSync(path.join(dir, 'a.md'), 'one');
    writeFileSync(path.join(dir, 'b.md'), 'two');
    const known = new Map<string, KnownFile>();
    await readContent(dir, new Collector(), known);

    writeFileSync(path.join(dir, 'a.md'), 'one, edited');
    utimesSync(path.join(dir, 'a.md'), new Date(), new Date(Date.now() + 5000));
    // Told that nothing changed, the known bytes stand without a look at the disk.
    expect(text(await readContent(dir, new Collector(), known, new Set()), 'a.md')).toBe('one');
    // Told that a.md changed, it is read again; without `changed` the size and time tell.
    expect(text(await readContent(dir, new Collector(), known, new Set(['a.md'])), 'a.md')).toBe('one, edited');
    writeFileSync(path.join(dir, 'b.md'), 'two, edited');
    expect(text(await readContent(dir, new Collector(), known), 'b.md')).toBe('two, edited');

    // A new file is read whatever `changed` says; a removed one is gone from the list and from known.
    writeFileSync(path.join(dir, 'c.md'), 'three');
    rmSync(path.join(dir, 'b.md'));
    const files = await readContent(dir, new Collector(), known, new Set());
    expect(files.map((f) => f.path)).toEqual(['a.md', 'c.md']);
    expect([...known.keys()].sort()).toEqual(['a.md', 'c.md']);
  });
});

describe('readContent', () => {
  it('reads every article file in listing order, each in bytes of its own', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'news-archive-read-'));
    const names = Array.from({ length: 300 }, (_, i) => `${String(i).padStart(3, '0')}.md`);
    for (const name of names) writeFileSync(path.join(folder, name), `file ${name}`);
    const files = await readContent(folder, new Collector());
    expect(files.map((f) => f.path)).toEqual(names);
    for (const f of files) {
      expect(Buffer.from(f.bytes).toString('utf8')).toBe(`file ${f.path}`);
      expect(f.bytes.buffer.byteLength).toBe(f.bytes.length); // not a view into a shared pool
    }
    rmSync(folder, { recursive: true, force: true });
  });

  it.skipIf(process.platform === 'win32')('skips a named pipe, directly or through a link, with a warning instead of waiting on it', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'news-archive-read-'));
    writeFileSync(path.join(folder, 'ok.md'), 'ok');
    execFileSync('mkfifo', [path.join(folder, 'pipe.md')]);
    symlinkSync('pipe.md', path.join(folder, 'link.md'));
    const reporter = new Collector();
    const files = await readContent(folder, reporter);
    expect(files.map((f) => f.path)).toEqual(['ok.md']);
    expect(reporter.messages.map((m) => [m.file, m.rule])).toEqual([
      ['link.md', 'load/not-a-file'],
      ['pipe.md', 'load/not-a-file'],
    ]);
    rmSync(folder, { recursive: true, force: true });
  });
});

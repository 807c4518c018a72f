/**
 * DiskCache: what a pass used survives to the next, what it did not use is dropped once it is a
 * tenth of the file, what a pass adds is appended, a namespace only read is not written again,
 * and one never loaded is never written (its file goes).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskCache } from '../../src/cache.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'disk-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = path.join(dir, 'parse.ndjson');
/** The keys in the namespace's file: a line per entry after the version's. */
const entries = () =>
  readFileSync(file, 'utf8')
    .split('\n')
    .slice(1, -1)
    .map((line) => (JSON.parse(line) as [string, unknown])[0])
    .sort();

describe('DiskCache', () => {
  it('keeps what a pass used, drops the rest, and leaves a namespace only read whole as it is', async () => {
    const first = new DiskCache(dir, 'v1');
    await first.load(['parse']);
    first.set('parse', 'a', 1);
    first.set('parse', 'b', 2);
    await first.save();
    expect(entries()).toEqual(['a', 'b']);

    // Both read, nothing set: the file is not written again.
    const before = statSync(file).mtimeMs;
    const second = new DiskCache(dir, 'v1');
    await second.load(['parse']);
    expect(second.get('parse', 'a')).toBe(1);
    expect(second.get('parse', 'b')).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await second.save();
    expect(statSync(file).mtimeMs).toBe(before);

    // One read: the other is dropped, so the file is written.
    const third = new DiskCache(dir, 'v1');
    await third.load(['parse']);
    expect(third.get('parse', 'b')).toBe(2);
    await third.save();
    expect(entries()).toEqual(['b']);

    // Another version reads nothing.
    const other = new DiskCache(dir, 'v2');
    await other.load(['parse']);
    expect(other.get('parse', 'b')).toBeUndefined();
  });

  it('writes only the namespaces it loaded, and removes the files of others', async () => {
    // A namespace an earlier version kept, and no build loads any more.
    writeFileSync(path.join(dir, 'retired.ndjson'), `${JSON.stringify({ version: 'v0' })}\n["a",1]\n`);
    const cache = new DiskCache(dir, 'v1');
    await cache.load(['parse', 'fresh']);
    cache.set('fresh', 'a', 1);
    cache.set('memo', 'a', 1);
    expect(cache.get('memo', 'a')).toBe(1);
    await cache.save();
    expect(readdirSync(dir).sort()).toEqual(['fresh.ndjson', 'parse.ndjson']);
  });

  it('appends what a pass adds, a later line standing over an earlier one, and rewrites once a tenth of the lines are unused', async () => {
    const log = path.join(dir, 'log');
    const logFile = path.join(log, 'parse.ndjson');
    const pass = async (use: (cache: DiskCache) => void) => {
      const cache = new DiskCache(log, 'v1');
      await cache.load(['parse']);
      use(cache);
      await cache.save();
      const reread = new DiskCache(log, 'v1');
      await reread.load(['parse']);
      return reread;
    };
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
    await pass((c) => keys.forEach((k, i) => c.set('parse', k, i)));
    const first = readFileSync(logFile, 'utf8');
    // All read, one added and one changed: two lines appended, the rest as it was.
    const second = await pass((c) => {
      keys.forEach((k) => c.get('parse', k));
      c.set('parse', 'k20', 20);
      c.set('parse', 'k0', 'changed');
    });
    const text = readFileSync(logFile, 'utf8');
    expect(text.startsWith(first)).toBe(true);
    expect(text.slice(first.length)).toBe('["k20",20]\n["k0","changed"]\n');
    expect(second.get('parse', 'k0')).toBe('changed');
    expect(second.get('parse', 'k20')).toBe(20);
    // Two of 21 unused (with the old k0 line, 22 lines for 19 entries): rewritten, without them.
    await pass((c) => {
      for (const k of [...keys.slice(2), 'k20']) c.get('parse', k);
    });
    const rewritten = readFileSync(logFile, 'utf8').split('\n').slice(1, -1).map((l) => (JSON.parse(l) as [string])[0]);
    expect(rewritten.sort()).toEqual([...keys.slice(2), 'k20'].sort());
  });

  it('remembers which keys to append only for namespaces it keeps on disk, and only while their entries are held', async () => {
    // The preview sweeps after every rebuild and never saves: what it remembers to append must
    // not grow with every page its memo namespaces ever rendered. (Private state: the growth is
    // otherwise seen only in the memory of a long preview.)
    const cache = new DiskCache(path.join(dir, 'bounded'), 'v1');
    await cache.load(['parse']);
    const added = () => Object.fromEntries([...(Reflect.get(cache, 'added') as Map<string, Set<string>>)].map(([n, keys]) => [n, [...keys].sort()]));
    for (let pass = 0; pass < 3; pass++) {
      cache.set('render', `page ${pass}`, 'html');
      cache.set('parse', `file ${pass}`, 1);
      if (pass > 0) cache.get('parse', `file ${pass - 1}`);
      cache.sweep();
    }
    expect(added()).toEqual({ parse: ['file 1', 'file 2'] });
  });

  it('skips a line cut short (a disk that filled up while appending) and keeps the others', async () => {
    const cut = path.join(dir, 'cut');
    const cache = new DiskCache(cut, 'v1');
    await cache.load(['parse']);
    cache.set('parse', 'a', 1);
    cache.set('parse', 'b', 2);
    await cache.save();
    writeFileSync(path.join(cut, 'parse.ndjson'), `${readFileSync(path.join(cut, 'parse.ndjson'), 'utf8')}["c",{"half`);
    const reread = new DiskCache(cut, 'v1');
    await reread.load(['parse']);
    expect([reread.get('parse', 'a'), reread.get('parse', 'b'), reread.get('parse', 'c')]).toEqual([1, 2, undefined]);
  });

  it('leaves no half-written file and keeps the last good one when a save fails', async () => {
    const before = readFileSync(file, 'utf8');
    const cache = new DiskCache(dir, 'v1');
    await cache.load(['parse']);
    cache.set('parse', 'bad', 10n); // JSON cannot write a BigInt: the save fails midway
    await expect(cache.save()).rejects.toThrow(/BigInt/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('writes a namespace early, as the save would, and lets go of it; the save leaves its file as written', async () => {
    const early = mkdtempSync(path.join(dir, 'early-'));
    const seed = new DiskCache(early, 'v1');
    await seed.load(['tags', 'parse']);
    seed.set('tags', 'unused', 0);
    await seed.save();

    const cache = new DiskCache(early, 'v1');
    await cache.load(['tags', 'parse']);
    cache.set('tags', 'a', ['kept']);
    cache.set('parse', 'p', 1);
    await cache.saveEarly(['tags']);
    const written = readFileSync(path.join(early, 'tags.ndjson'), 'utf8');
    expect(cache.get('tags', 'a')).toBeUndefined();
    expect(() => cache.set('tags', 'late', 1)).toThrow(/saved early/);
    await cache.save();
    expect(readFileSync(path.join(early, 'tags.ndjson'), 'utf8')).toBe(written);

    const next = new DiskCache(early, 'v1');
    await next.load(['tags', 'parse']);
    expect([next.get('tags', 'a'), next.get('tags', 'unused'), next.get('parse', 'p')]).toEqual([['kept'], undefined, 1]);
  });

  it('writes a namespace at the end when writing it early failed', async () => {
    const early = mkdtempSync(path.join(dir, 'early-'));
    const cache = new DiskCache(early, 'v1');
    await cache.load(['tags']);
    cache.set('tags', 'bad', 10n);
    await expect(cache.saveEarly(['tags'])).rejects.toThrow(/BigInt/);
    cache.set('tags', 'bad', 'mended');
    await cache.save();
    const next = new DiskCache(early, 'v1');
    await next.load(['tags']);
    expect(next.get('tags', 'bad')).toBe('mended');
  });
});


describe('DiskCache tables of rows', () => {
  const rowsDir = path.join(dir, 'rows');
  const row = (...values: number[]) => Uint32Array.from(values);
  const open = async (version = 'v1', tables = ['prints']) => {
    const cache = new DiskCache(rowsDir, version);
    await cache.load([], tables);
    return cache;
  };

  it('keeps the rows a pass used or set, and gives them back to a cache of the same version, salt and width', async () => {
    const first = await open();
    const table = first.rows('prints', 3, 'salt')!;
    table.set('a', row(1, 2, 3));
    table.set('b\u0000x', row(4, 5, 0xffffffff));
    await first.save();

    const second = await open();
    const again = second.rows('prints', 3, 'salt')!;
    expect([...again.get('a')!]).toEqual([1, 2, 3]);
    expect(again.get('missing')).toBeUndefined();
    await second.save(); // b was not used: it goes

    const third = await open();
    const kept = third.rows('prints', 3, 'salt')!;
    expect([...kept.get('a')!]).toEqual([1, 2, 3]);
    expect(kept.get('b\u0000x')).toBeUndefined();
  });

  it('starts empty for another version, salt or width, or a damaged file, and refuses a row of the wrong width', async () => {
    const cache = await open();
    cache.rows('prints', 3, 'salt')!.set('a', row(1, 2, 3));
    await cache.save();
    expect((await open('v2')).rows('prints', 3, 'salt')!.get('a')).toBeUndefined();
    expect((await open()).rows('prints', 3, 'other')!.get('a')).toBeUndefined();
    expect((await open()).rows('prints', 2, 'salt')!.get('a')).toBeUndefined();
    const file = path.join(rowsDir, 'prints.rows');
    writeFileSync(file, readFileSync(file).subarray(0, -2)); // cut short
    const damaged = await open();
    expect(damaged.rows('prints', 3, 'salt')!.get('a')).toBeUndefined();
    expect(() => damaged.rows('prints', 3, 'salt')!.set('b', row(1, 2))).toThrow(/3 numbers/);
  });

  it('hands out no table it did not load, and removes the file of one no build loads', async () => {
    const cache = await open('v1', []);
    expect(cache.rows('prints', 3, 'salt')).toBeUndefined();
    await cache.save();
    expect(readdirSync(rowsDir).filter((f) => f.endsWith('.rows'))).toEqual([]);
  });

  it('writes its tables once, when asked before the end of the build, and then lets go of them', async () => {
    const cache = await open();
    cache.rows('prints', 3, 'salt')!.set('a', row(7, 8, 9));
    await cache.saveTables();
    expect(cache.rows('prints', 3, 'salt')).toBeUndefined();
    await cache.save();
    expect([...(await open()).rows('prints', 3, 'salt')!.get('a')!]).toEqual([7, 8, 9]);
  });
});

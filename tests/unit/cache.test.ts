/**
 * DiskCache: what a pass used survives to the next, what it did not use is dropped, a namespace
 * only read, whole, is not written again, and one never loaded is never written (its file goes).
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

  it('leaves no half-written file and keeps the last good one when a save fails', async () => {
    const before = readFileSync(file, 'utf8');
    const cache = new DiskCache(dir, 'v1');
    await cache.load(['parse']);
    cache.set('parse', 'bad', 10n); // JSON cannot write a BigInt: the save fails midway
    await expect(cache.save()).rejects.toThrow(/BigInt/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});


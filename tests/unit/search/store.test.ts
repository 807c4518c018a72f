/**
 * Shard stores: a saved shard comes back with the same files, into a folder or as pages; a shard
 * not used since the last prune is forgotten; a half-saved shard is never served.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskShardStore, MemoryShardStore, type ShardFiles, type ShardStore } from '../../../src/search/store.ts';

const work = mkdtempSync(path.join(tmpdir(), 'shard-store-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const pages = [
  { path: 'pagefind-entry.json', content: '{"version":"x"}' },
  { path: 'fragment/en_1.pf_fragment', content: new Uint8Array([1, 2, 3]) },
];

/** The files as text by path, whichever way they came back. */
function texts(files: ShardFiles | null, folder?: string): Record<string, string> {
  if (!files) throw new Error('shard not restored');
  if ('pages' in files) return Object.fromEntries(files.pages.map((p) => [p.path, Buffer.from(p.content).toString('latin1')]));
  return Object.fromEntries(files.paths.map((p) => [p, readFileSync(path.join(folder!, p)).toString('latin1')]));
}

const expected = texts({ pages });

let n = 0;
const fresh = (): string => path.join(work, `f${n++}`);

for (const [name, make] of [
  ['DiskShardStore', () => new DiskShardStore(fresh())],
  ['MemoryShardStore', () => new MemoryShardStore()],
] as const) {
  describe(name, () => {
    it('gives back a shard saved as pages, as pages and into a folder', async () => {
      const store: ShardStore = make();
      expect(await store.restore('k1', undefined)).toBeNull();
      await store.save('k1', { pages }, undefined);
      expect(texts(await store.restore('k1', undefined))).toEqual(expected);
      const into = fresh();
      expect(texts(await store.restore('k1', into), into)).toEqual(expected);
    });

    it('keeps a shard saved from a folder, and forgets shards unused since the last prune', async () => {
      const store: ShardStore = make();
      const from = fresh();
      mkdirSync(path.join(from, 'fragment'), { recursive: true });
      for (const p of pages) writeFileSync(path.join(from, p.path), p.content);
      await store.save('a', { paths: pages.map((p) => p.path) }, from);
      await store.save('b', { pages }, undefined);
      await store.prune();
      // The next build uses `a` alone.
      expect(texts(await store.restore('a', undefined))).toEqual(expected);
      await store.prune();
      expect(await store.restore('b', undefined)).toBeNull();
      expect(texts(await store.restore('a', undefined))).toEqual(expected);
    });
  });
}

describe('DiskShardStore', () => {
  it('does not serve a shard whose file list was never written (a save cut short)', async () => {
    const dir = fresh();
    mkdirSync(path.join(dir, 'k'), { recursive: true });
    writeFileSync(path.join(dir, 'k', 'pagefind-entry.json'), '{}');
    expect(await new DiskShardStore(dir).restore('k', undefined)).toBeNull();
  });

  it('indexes again when a listed file has gone', async () => {
    const dir = fresh();
    const store = new DiskShardStore(dir);
    await store.save('k', { pages }, undefined);
    rmSync(path.join(dir, 'k', 'fragment'), { recursive: true });
    expect(await store.restore('k', fresh())).toBeNull();
  });
});

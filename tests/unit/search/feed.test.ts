/**
 * The search thread is fed records a batch at a time, as it asks for them: on a site of more
 * records than it may hold, every story still reaches the index, once, with nobody but the
 * thread's own requests driving the feed.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config.ts';
import { Collector } from '../../../src/diagnostics.ts';
import { analyse } from '../../../src/pipeline.ts';
import { paths } from '../../../src/render/urls.ts';
import { BATCH, feedSearch, QUEUED } from '../../../src/search/index.ts';
import { shardOf } from '../../../src/search/shards.ts';
import { MemoryShardStore } from '../../../src/search/store.ts';

/** Stories enough for the thread to ask for more several times over. */
const COUNT = 3 * QUEUED + 17;

const files = Array.from({ length: COUNT }, (_, i) => ({
  path: `story-${i}.md`,
  bytes: new TextEncoder().encode(`---\ntitle: Report number ${i} on harvest ${i % 7}\ndate: 2024-03-${String((i % 28) + 1).padStart(2, '0')}\n---\n\nFarmers in district ${i} counted ${i * 3} tonnes of grain.\n`),
}));
const { stories } = analyse(files, new Collector());

/** The URL each fragment file of the index stands for. */
function fragmentUrls(files: ReadonlyArray<{ path: string; content: string | Uint8Array }>): string[] {
  return files
    .filter((f) => /^pagefind\/s\d+\/fragment\//.test(f.path))
    .map((f) => {
      const text = gunzipSync(f.content as Uint8Array).toString('utf8');
      return (JSON.parse(text.slice(text.indexOf('{'))) as { url: string }).url;
    });
}

describe('feedSearch', () => {
  it('indexes every story once when the thread can hold only some of them', async () => {
    expect(stories).toHaveLength(COUNT);
    const { files: index, shards, held } = await feedSearch(stories, defaultConfig).done;
    expect(shards.flatMap((s) => s.paths)).toEqual([]);
    // The thread never held the whole site: at most its queue and the batch that topped it up.
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(QUEUED + BATCH);
    const urls = fragmentUrls(index);
    expect(urls).toHaveLength(COUNT);
    expect(new Set(urls)).toEqual(new Set(stories.map((s) => `/${paths.story(s)}`)));
  }, 60_000);

  it('builds an empty index for a site without stories', async () => {
    const { files: index } = await feedSearch([], defaultConfig).done;
    expect(fragmentUrls(index)).toEqual([]);
    expect(index.some((f) => f.path === 'pagefind/s0/pagefind-entry.json')).toBe(true);
    expect(index.find((f) => f.path === 'pagefind/shards.json')?.content).toBe('["s0"]\n');
  });

  it('indexes again only the shard of a story that changed, and keeps the others as they were', async () => {
    const config = { ...defaultConfig, searchShardSize: 10 };
    const some = (edit: string | null) =>
      analyse(
        files.slice(0, 35).map((f, i) => (i === 5 && edit ? { ...f, bytes: new TextEncoder().encode(`---\ntitle: Report number 5 on harvest 5\ndate: 2024-03-06\n---\n\n${edit}\n`) } : f)),
        new Collector(),
      ).stories;
    const store = new MemoryShardStore();
    const first = await feedSearch(some(null), config, { store }).done;
    expect(first.shards.map((s) => s.name)).toEqual(['s0', 's1', 's2', 's3']);
    expect(first.shards.every((s) => s.source === 'indexed')).toBe(true);

    const edited = some('Farmers in district 5 lost the harvest to hail.');
    const second = await feedSearch(edited, config, { store }).done;
    const home = `s${shardOf(edited.find((s) => s.title === 'Report number 5 on harvest 5')!.id, 4)}`;
    expect(second.shards.filter((s) => s.source === 'indexed').map((s) => s.name)).toEqual([home]);
    expect(second.shards.filter((s) => s.source === 'stored')).toHaveLength(3);
    expect(new Set(fragmentUrls(second.files))).toEqual(new Set(edited.map((s) => `/${paths.story(s)}`)));
    // The kept shards are the very files the first build made.
    const kept = (out: typeof first) => out.files.filter((f) => !f.path.startsWith(`pagefind/${home}/`));
    expect(kept(second)).toEqual(kept(first));

    // Shards the output folder already holds with the same key are left there: no files at all.
    const present = new Map(second.shards.map((s) => [s.name, s.key]));
    const third = await feedSearch(edited, config, { store, present }).done;
    expect(third.shards.map((s) => s.source)).toEqual(['in place', 'in place', 'in place', 'in place']);
    expect(third.files.map((f) => f.path)).toEqual(['pagefind/shards.json']);
  }, 60_000);

  it('deals the shards to several threads, each story still indexed once', async () => {
    const config = { ...defaultConfig, searchShardSize: 500 };
    const { files: index, shards, held } = await feedSearch(stories, config, { threads: 3 }).done;
    expect(shards.length).toBeGreaterThan(3);
    expect(shards.every((s) => s.source === 'indexed')).toBe(true);
    expect(held).toBeLessThanOrEqual(QUEUED + BATCH);
    const urls = fragmentUrls(index);
    expect(urls).toHaveLength(COUNT);
    expect(new Set(urls)).toEqual(new Set(stories.map((s) => `/${paths.story(s)}`)));
    // Each shard's files are under its own folder, with its own entry file.
    for (const shard of shards) expect(index.some((f) => f.path === `pagefind/${shard.name}/pagefind-entry.json`)).toBe(true);
  }, 60_000);
});


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
    .filter((f) => f.path.startsWith('pagefind/fragment/'))
    .map((f) => {
      const text = gunzipSync(f.content as Uint8Array).toString('utf8');
      return (JSON.parse(text.slice(text.indexOf('{'))) as { url: string }).url;
    });
}

describe('feedSearch', () => {
  it('indexes every story once when the thread can hold only some of them', async () => {
    expect(stories).toHaveLength(COUNT);
    const { files: index, paths: written, held } = await feedSearch(stories, defaultConfig).done;
    expect(written).toEqual([]);
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
    expect(index.some((f) => f.path === 'pagefind/pagefind-entry.json')).toBe(true);
  });
});

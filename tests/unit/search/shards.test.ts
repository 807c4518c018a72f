/**
 * Search shards: every story in exactly one shard, chosen by its id alone, and a shard's key
 * changes when (and only when) one of its own records does.
 */
import { describe, expect, it } from 'vitest';
import { Collector } from '../../../src/diagnostics.ts';
import { analyse } from '../../../src/pipeline.ts';
import { recordKey } from '../../../src/search/index.ts';
import { MAX_SHARDS, planShards, shardCount, shardOf } from '../../../src/search/shards.ts';

function site(count: number, edit?: { index: number; text: string }) {
  const files = Array.from({ length: count }, (_, i) => ({
    path: `story-${i}.md`,
    bytes: new TextEncoder().encode(
      `---\ntitle: Dispatch number ${i} from province ${i % 9}\ndate: 2024-02-${String((i % 28) + 1).padStart(2, '0')}\n---\n\n${edit?.index === i ? edit.text : `Officials in town ${i} reported ${i * 7} new wells.`}\n`,
    ),
  }));
  return analyse(files, new Collector()).stories;
}

const keyed = { key: recordKey, salt: 'test' };

describe('shardCount', () => {
  it('is a power of two giving about `size` stories a shard, and at most MAX_SHARDS', () => {
    expect(shardCount(0, 10)).toBe(1);
    expect(shardCount(10, 10)).toBe(1);
    expect(shardCount(11, 10)).toBe(2);
    expect(shardCount(40, 10)).toBe(4);
    expect(shardCount(41, 10)).toBe(8);
    expect(shardCount(1_000_000, 10)).toBe(MAX_SHARDS);
  });
});

describe('shardOf', () => {
  it('depends on the id alone and stays in range', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `story-${i}`);
    const first = ids.map((id) => shardOf(id, 8));
    expect(ids.map((id) => shardOf(id, 8))).toEqual(first);
    expect(first.every((s) => s >= 0 && s < 8)).toBe(true);
    // Spread over every shard, none with more than twice its share.
    const counts = Array.from({ length: 8 }, (_, s) => first.filter((x) => x === s).length);
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThan((2 * 500) / 8);
  });
});

describe('planShards', () => {
  const stories = site(60);

  it('puts every story in exactly one shard, in the site order', () => {
    const shards = planShards(stories, 10, keyed);
    expect(shards.map((s) => s.name)).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7']);
    const all = shards.flatMap((s) => s.stories.map((story) => story.id));
    expect(all.sort()).toEqual(stories.map((s) => s.id).sort());
    for (const shard of shards) expect(shard.stories).toEqual(stories.filter((s) => shard.stories.includes(s)));
  });

  it("changes the key of the edited story's shard alone", () => {
    const before = planShards(stories, 10, keyed);
    const edited = site(60, { index: 17, text: 'Officials in town 17 found oil instead.' });
    const after = planShards(edited, 10, keyed);
    const id = edited[edited.findIndex((s) => s.title.startsWith('Dispatch number 17 '))]!.id;
    const home = `s${shardOf(id, 8)}`;
    for (const [i, shard] of after.entries()) {
      if (shard.name === home) expect(shard.key).not.toBe(before[i]!.key);
      else expect(shard.key).toBe(before[i]!.key);
    }
  });

  it('leaves out shards no story fell into, but always has one', () => {
    const three = stories.slice(0, 3);
    const shards = planShards(three, 1); // four shards, at most three of them with a story
    expect(shards.map((s) => s.name)).toEqual([...new Set(three.map((s) => `s${shardOf(s.id, 4)}`))].sort());
    expect(shards.every((s) => s.stories.length > 0)).toBe(true);
    expect(planShards([], 1)).toEqual([{ name: 's0', stories: [], key: '' }]);
  });

  it('keys by the salt too, and leaves keys out when not asked', () => {
    expect(planShards(stories, 10, { ...keyed, salt: 'other' })[0]!.key).not.toBe(planShards(stories, 10, keyed)[0]!.key);
    expect(planShards(stories, 10).every((s) => s.key === '')).toBe(true);
  });
});

/**
 * Stories → search shards: the index is split into a few indexes by a hash of each story's id, so
 * adding or editing a story re-indexes only its shard, and a shard whose records are unchanged
 * is taken from the last build. Pagefind's search merges the shards in the browser; as each shard
 * draws stories at random, their word statistics (and so their scores) stay comparable.
 */
import { createHash, hash } from 'node:crypto';
import type { Story } from '../types.ts';

/** Shards at most: each is one more index the search page loads. */
export const MAX_SHARDS = 16;

/** One index of the site's search, and the stories it holds (in the site's order). */
export interface Shard {
  /** Its folder under the search folder, e.g. `s0`. */
  readonly name: string;
  readonly stories: readonly Story[];
  /** Hash of everything its index is made from (empty when not asked for). */
  readonly key: string;
}

/**
 * How many shards a site of `stories` is split into, for about `size` stories each: a power of
 * two, so the count (and every story's shard with it) changes only when the site doubles or halves.
 */
export function shardCount(stories: number, size: number): number {
  let count = 1;
  while (count < MAX_SHARDS && stories > count * size) count *= 2;
  return count;
}

/** The shard a story belongs to, from its id alone: stable while the shard count is. */
export function shardOf(id: string, count: number): number {
  return count === 1 ? 0 : hash('sha1', id, 'buffer').readUInt32BE(0) % count;
}

/**
 * Splits the stories into shards of about `size`. With `key` and `salt`, each shard's key hashes
 * the salt and, for every story, what stands for the record it will index (`key`), so a shard
 * with the same key has the very same index.
 */
export function planShards(stories: readonly Story[], size: number, keyed?: { key: (story: Story) => string; salt: string }): Shard[] {
  const count = shardCount(stories.length, size);
  const members: Story[][] = Array.from({ length: count }, () => []);
  for (const story of stories) members[shardOf(story.id, count)]!.push(story);
  // A shard no story fell into is left out (the search page loads one index less), unless the
  // site has no stories: the page still needs an index to say so.
  return members.flatMap((list, i) => {
    if (list.length === 0 && !(i === 0 && stories.length === 0)) return [];
    const name = `s${i}`;
    if (!keyed) return [{ name, stories: list, key: '' }];
    const digest = createHash('sha1').update(`${keyed.salt}\u0000${name}/${count}\u0000`);
    for (const story of list) digest.update(keyed.key(story)).update('\u0000');
    return [{ name, stories: list, key: digest.digest('hex') }];
  });
}

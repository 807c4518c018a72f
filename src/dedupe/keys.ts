/**
 * Keys for what dedup makes, for caches. Kept apart from merge.ts, which imports the date rules
 * (and chrono-node with them): the search threads need a key, not the merging.
 */
import type { Article, Story } from '../types.ts';

/**
 * The very same copies, in the same order: what the in-process memos key a story by, as the
 * preview's cache hands back the same Article objects for unchanged files.
 */
export function sameCopies(a: readonly Article[], b: readonly Article[]): boolean {
  return a.length === b.length && a.every((copy, i) => copy === b[i]);
}

/**
 * A key for a story's paragraphs that hashes none of their text: its copies' ids and their
 * files' hashes. mergeStory (merge.ts) makes the paragraphs from the copies alone, each copy is
 * made from its file alone (parseFile), and no later step changes them (later steps do change
 * other fields: a related article's year comes from its page's story). A key kept between runs
 * must also name the tool's version, which stands for the code that parses and merges.
 */
export function paragraphsKey(story: Story): string {
  let key = '';
  for (const copy of story.sources) key += `${copy.id}\u0000${copy.fileHash}\u0001`;
  return key;
}

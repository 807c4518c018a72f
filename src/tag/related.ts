/**
 * Related, not merged: stories that name the same people, places, organisations and topics,
 * ranked by the IDF-weighted cosine of their tag sets. Candidates come from an inverted index of
 * tags, skipping tags too common to say anything, so the cost grows with the stories, not pairs.
 */
import type { Story, TagKind } from '../types.ts';

export interface Options {
  /** Related stories listed per story. */
  readonly max: number;
  /** Least cosine similarity to be listed. */
  readonly minScore: number;
  /** Least number of shared tags. */
  readonly minShared: number;
  /** Tags on more stories than this are ignored (as stop words are). */
  readonly maxPosting: number;
}

export const defaultOptions: Options = { max: 5, minScore: 0.25, minShared: 2, maxPosting: 400 };

const SUBJECT: ReadonlySet<TagKind> = new Set(['person', 'place', 'organisation', 'topic']);

/** Sets `related` on every story: ids of up to `max` other stories, best first. */
export function relateStories(stories: readonly Story[], options: Options = defaultOptions): Story[] {
  const n = stories.length;
  const postings = new Map<string, number[]>();
  stories.forEach((story, i) => {
    for (const tag of story.tags) {
      if (!SUBJECT.has(tag.kind)) continue;
      const list = postings.get(tag.slug);
      if (list) list.push(i);
      else postings.set(tag.slug, [i]);
    }
  });
  const idf = new Map<string, number>();
  for (const [slug, list] of postings) idf.set(slug, Math.log(1 + n / list.length));
  const norms = stories.map((s) => Math.sqrt(s.tags.reduce((sum, t) => sum + (idf.get(t.slug) ?? 0) ** 2, 0)));

  // Scores accumulate in flat arrays reset after each story: no allocation per pair.
  const dot = new Float64Array(n);
  const shared = new Int32Array(n);
  const touched: number[] = [];
  return stories.map((story, i) => {
    for (const tag of story.tags) {
      const list = postings.get(tag.slug);
      if (!list || list.length > options.maxPosting) continue;
      const w = idf.get(tag.slug)! ** 2;
      for (const j of list) {
        if (j === i) continue;
        if (shared[j] === 0) touched.push(j);
        dot[j] = dot[j]! + w;
        shared[j] = shared[j]! + 1;
      }
    }
    const ranked: Array<{ j: number; cosine: number }> = [];
    for (const j of touched) {
      const cosine = norms[i]! && norms[j]! ? dot[j]! / (norms[i]! * norms[j]!) : 0;
      if (shared[j]! >= options.minShared && cosine >= options.minScore) ranked.push({ j, cosine });
      dot[j] = 0;
      shared[j] = 0;
    }
    touched.length = 0;
    ranked.sort((a, b) => b.cosine - a.cosine || (stories[a.j]!.id < stories[b.j]!.id ? -1 : 1));
    return { ...story, related: ranked.slice(0, options.max).map((c) => stories[c.j]!.id) };
  });
}

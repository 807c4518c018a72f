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
    for (const tag of story.tags) if (SUBJECT.has(tag.kind)) postings.set(tag.slug, [...(postings.get(tag.slug) ?? []), i]);
  });
  const idf = new Map<string, number>();
  for (const [slug, list] of postings) idf.set(slug, Math.log(1 + n / list.length));
  const norms = stories.map((s) => Math.sqrt(s.tags.reduce((sum, t) => sum + (idf.get(t.slug) ?? 0) ** 2, 0)));

  return stories.map((story, i) => {
    const score = new Map<number, { dot: number; shared: number }>();
    for (const tag of story.tags) {
      const list = postings.get(tag.slug);
      if (!list || list.length > options.maxPosting) continue;
      const w = idf.get(tag.slug)! ** 2;
      for (const j of list) {
        if (j === i) continue;
        const s = score.get(j) ?? { dot: 0, shared: 0 };
        s.dot += w;
        s.shared += 1;
        score.set(j, s);
      }
    }
    const ranked = [...score]
      .map(([j, s]) => ({ j, shared: s.shared, cosine: norms[i]! && norms[j]! ? s.dot / (norms[i]! * norms[j]!) : 0 }))
      .filter((c) => c.shared >= options.minShared && c.cosine >= options.minScore)
      .sort((a, b) => b.cosine - a.cosine || (stories[a.j]!.id < stories[b.j]!.id ? -1 : 1))
      .slice(0, options.max);
    return { ...story, related: ranked.map((c) => stories[c.j]!.id) };
  });
}

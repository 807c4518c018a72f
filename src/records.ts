/** Stories → the per-file prediction records that `news-archive records --json` prints. */
import type { Article, Story } from './types.ts';
import { formatIsoDate } from './load/rules/dates.ts';

export interface FileRecord {
  readonly story: string;
  readonly title: string;
  readonly date: string | null;
  readonly date_has_year: boolean;
  readonly time: string | null;
  readonly section: string | null;
  readonly authors: readonly string[];
  readonly agency: string | null;
  readonly dateline: string | null;
  readonly dateline_region: string | null;
  readonly image_caption: string | null;
  readonly image_credit: string | null;
  readonly paragraphs: number;
  readonly first_words: string;
  readonly tags: readonly string[];
  readonly embedded: ReadonlyArray<{ title: string; story: string; outlet: string | null; age: string | null }>;
}

/**
 * One record per input file, keyed by its path: what the loader extracted from that file (not the
 * merged story's values) and which story it went into; embedded articles are listed under the
 * file that carries them, with the story they joined.
 */
export function fileRecords(stories: readonly Story[]): Record<string, FileRecord> {
  const storyOf = new Map<string, string>();
  const articles: Article[] = [];
  for (const story of stories) {
    for (const copy of story.sources) {
      storyOf.set(copy.id, story.id);
      articles.push(copy);
    }
  }
  const embedded = new Map<string, Article[]>();
  for (const a of articles) {
    if (!a.embeddedIn) continue;
    const list = embedded.get(a.embeddedIn);
    if (list) list.push(a);
    else embedded.set(a.embeddedIn, [a]);
  }
  const out: Record<string, FileRecord> = {};
  for (const a of articles.filter((x) => !x.embeddedIn).sort((x, y) => (x.id < y.id ? -1 : 1))) {
    // A year that only a merged copy knows is not what this file shows: print month and day.
    out[a.file] = {
      story: storyOf.get(a.id)!,
      title: a.title,
      date: a.date ? formatIsoDate(a.date) : null,
      date_has_year: a.date?.year != null,
      time: a.date?.time ?? null,
      section: a.section,
      authors: a.authors,
      agency: a.agency,
      dateline: a.dateline?.city ?? null,
      dateline_region: a.dateline?.region ?? null,
      image_caption: a.image?.caption || null,
      image_credit: a.image?.credit ?? null,
      paragraphs: a.paragraphs.length,
      first_words: (a.paragraphs[0]?.text ?? '').split(/\s+/).slice(0, 12).join(' '),
      tags: a.tags,
      embedded: (embedded.get(a.id) ?? [])
        .sort((x, y) => (x.id < y.id ? -1 : 1))
        .map((e) => ({ title: e.title, story: storyOf.get(e.id)!, outlet: e.outlet, age: e.age })),
    };
  }
  return out;
}

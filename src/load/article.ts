/** Small helpers shared by the parsers: building an Article, folding white space, combining dates. */
import type { Article, ArticleDate } from '../types.ts';

type Required = Pick<Article, 'id' | 'file' | 'fileHash' | 'layout' | 'title' | 'paragraphs'>;

/** An Article with every optional field empty unless given. */
export function newArticle(fields: Required & Partial<Article>): Article {
  return {
    date: null,
    section: null,
    authors: [],
    agency: null,
    outlet: null,
    dateline: null,
    image: null,
    tags: [],
    embeddedIn: null,
    age: null,
    spans: {},
    ...fields,
  };
}

/** Collapses runs of white space (including no-break spaces) to one space and trims. */
export function foldSpace(text: string): string {
  // Only runs that are not already one plain space are replaced: most text comes back as it was.
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/**
 * Combines two readings of one article's date (a header line and a byline line, say): the first
 * wins where they disagree; a missing year or time is taken from the other when the day agrees.
 */
export function completeDate(first: ArticleDate | null, second: ArticleDate | null): ArticleDate | null {
  if (!first) return second;
  if (!second) return first;
  if (first.month !== second.month || first.day !== second.day) return first;
  if (first.year !== null && second.year !== null && first.year !== second.year) return first;
  return { year: first.year ?? second.year, month: first.month, day: first.day, time: first.time ?? second.time };
}

/** Where each page kind lives, relative to the site root. Directory URLs end in `/`. */
import type { Story, Tag } from '../types.ts';

export const paths = {
  home: (page: number): string => (page <= 1 ? '' : `page/${page}/`),
  story: (story: Story): string => `stories/${story.id}/`,
  tags: (): string => 'tags/',
  tag: (tag: Tag, page = 1): string => (page <= 1 ? `tags/${tag.slug}/` : `tags/${tag.slug}/page/${page}/`),
  tagFeed: (tag: Tag): string => `tags/${tag.slug}/feed.xml`,
  sources: (): string => 'sources/',
  archive: (): string => 'archive/',
  year: (year: number | null): string => `archive/${year ?? 'undated'}/`,
  month: (year: number | null, month: number, page = 1): string =>
    `archive/${year ?? 'undated'}/${String(month).padStart(2, '0')}/${page > 1 ? `page/${page}/` : ''}`,
  search: (): string => 'search/',
  feed: (kind: 'atom' | 'json'): string => (kind === 'atom' ? 'feed.xml' : 'feed.json'),
};

/** An absolute URL for a site path. */
export function absolute(baseUrl: string, path: string): string {
  // Slugs are plain: joined by hand, as URL parsing for every sitemap entry showed in profiles.
  // Anything else (dot segments, characters URL would escape) goes through URL.
  if (baseUrl.endsWith('/') && PLAIN_PATH.test(path)) return baseUrl + path;
  return new URL(path, baseUrl).href;
}

/** Relative paths of unreserved characters with no `.` or `..` segment: resolving them is appending. */
const PLAIN_PATH = /^(?!\.{1,2}(?:\/|$))(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*\/?)*$/;

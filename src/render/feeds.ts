/** Atom and JSON Feed documents (with the `feed` package), dated from content, never from the clock. */
import { Feed } from 'feed';
import type { Page, SiteConfig, Story } from '../types.ts';
import { isoDateTime } from './meta.ts';
import { absolute, paths } from './urls.ts';

/** Items per feed. */
const FEED_SIZE = 20;

/** The stories a feed lists: the newest that have a full date. */
export function feedStories(stories: readonly Story[]): Story[] {
  const out: Story[] = [];
  for (const s of stories) {
    if (out.length === FEED_SIZE) break;
    if (isoDateTime(s) !== null) out.push(s);
  }
  return out;
}

/** Where a feed lives and what it carries. */
export interface FeedPlace {
  readonly title: string;
  readonly atom: string;
  readonly json: string;
  readonly page: string;
  /** Full story text in each item (the site feed); otherwise the first paragraph as summary. */
  readonly fullText?: boolean;
}

/**
 * Feed pages for a list of stories (newest first). Stories without a full date are left out.
 * The site feed carries whole stories; per-tag feeds carry summaries linking to them, which keeps
 * thousands of tag feeds from repeating every story's text twenty times over.
 */
export function renderFeeds(config: SiteConfig, stories: readonly Story[], where: FeedPlace): Page[] {
  const dated = feedStories(stories);
  return [
    { path: where.atom, content: buildFeed(config, dated, where, 'atom').atom1() },
    { path: where.json, content: buildFeed(config, dated, where, 'json').json1() },
  ];
}

/**
 * One Feed per format, because the two need text escaped differently: Atom's titles and
 * summaries are written as `type="html"` and its category labels as attributes the package does
 * not escape, so plain text is escaped here for Atom; JSON Feed's fields are plain text.
 */
function buildFeed(config: SiteConfig, dated: readonly Story[], where: FeedPlace, format: 'atom' | 'json'): Feed {
  const text = format === 'atom' ? escapeHtml : (s: string): string => s;
  const feed = new Feed({
    title: where.title,
    description: config.description,
    id: absolute(config.baseUrl, where.page),
    link: absolute(config.baseUrl, where.page),
    language: config.language,
    updated: dated.length ? toDate(dated[0]!) : new Date(0),
    generator: 'news-archive',
    copyright: '',
    feedLinks: { atom: absolute(config.baseUrl, where.atom), json: absolute(config.baseUrl, where.json) },
  });
  for (const story of dated) {
    const url = absolute(config.baseUrl, paths.story(story));
    // The feed package reads author[0] unguarded: give it authors only when there are some.
    const authors = story.authors.length ? story.authors.map((name) => ({ name })) : story.agency ? [{ name: story.agency }] : null;
    feed.addItem({
      title: text(story.title),
      id: url,
      link: url,
      date: toDate(story),
      published: toDate(story),
      description: text(story.paragraphs[0]?.text ?? ''),
      // JSON Feed reads a missing content as content_html from the plain summary: give it escaped HTML.
      ...(where.fullText
        ? { content: story.paragraphs.map((p) => p.html ?? `<p>${escapeHtml(p.text)}</p>`).join('\n') }
        : format === 'json'
          ? { content: `<p>${escapeHtml(story.paragraphs[0]?.text ?? '')}</p>` }
          : {}),
      category: story.tags.filter((t) => t.kind !== 'source').map((t) => ({ name: text(t.name), term: t.slug })),
      ...(authors ? { author: authors } : {}),
    });
  }
  return feed;
}

function toDate(story: Story): Date {
  const d = story.date!;
  const [hh, mm] = d.time ? d.time.split(':').map(Number) : [0, 0];
  return new Date(Date.UTC(d.year!, d.month - 1, d.day, hh, mm));
}

/** Text → HTML text: the five characters that matter escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

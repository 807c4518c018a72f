/**
 * Atom 1.0 and JSON Feed 1.1 documents, dated from content, never from the clock. Written here
 * rather than with a feed package: thousands of tag feeds made a generic XML serialiser a third
 * of render time, and both formats are small. Every text goes through `xmlText` or JSON.stringify.
 */
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
  /** The JSON Feed's path; tag feeds are Atom only. */
  readonly json?: string;
  readonly page: string;
  /** Full story text in each item (the site feed); otherwise the first paragraph as summary. */
  readonly fullText?: boolean;
}

/**
 * Feed pages for a list of stories (newest first). Stories without a full date are left out.
 * The site feed carries whole stories; tag feeds carry summaries linking to them, which keeps
 * thousands of tag feeds from repeating every story's text twenty times over.
 */
export function renderFeeds(config: SiteConfig, stories: readonly Story[], where: FeedPlace): Page[] {
  const items = feedStories(stories).map((story) => feedItem(config, story, where.fullText === true));
  const pages = [{ path: where.atom, content: atom(config, items, where) }];
  if (where.json) pages.push({ path: where.json, content: jsonFeed(config, items, where, where.json) });
  return pages;
}

/** What both formats say of one story. */
interface FeedItem {
  readonly url: string;
  readonly title: string;
  readonly date: string;
  readonly summary: string;
  /** The story as HTML: all of it in a full-text feed, else its first paragraph. */
  readonly html: string;
  readonly full: boolean;
  readonly authors: readonly string[];
  readonly categories: readonly { readonly term: string; readonly label: string }[];
}

function feedItem(config: SiteConfig, story: Story, full: boolean): FeedItem {
  const summary = story.paragraphs[0]?.text ?? '';
  return {
    url: absolute(config.baseUrl, paths.story(story)),
    title: story.title,
    date: rfc3339(story),
    summary,
    html: full ? story.paragraphs.map((p) => p.html ?? `<p>${escapeHtml(p.text)}</p>`).join('\n') : `<p>${escapeHtml(summary)}</p>`,
    full,
    authors: story.authors.length ? story.authors : story.agency ? [story.agency] : [],
    categories: story.tags.filter((t) => t.kind !== 'source').map((t) => ({ term: t.slug, label: t.name })),
  };
}

function atom(config: SiteConfig, items: readonly FeedItem[], where: FeedPlace): string {
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(config.language)}">`,
    `  <id>${xmlText(absolute(config.baseUrl, where.page))}</id>`,
    `  <title>${xmlText(where.title)}</title>`,
  ];
  if (config.description) out.push(`  <subtitle>${xmlText(config.description)}</subtitle>`);
  out.push(
    `  <updated>${items[0]?.date ?? '1970-01-01T00:00:00Z'}</updated>`,
    // Entries without an author of their own are the site's.
    `  <author><name>${xmlText(config.title)}</name></author>`,
    '  <generator>news-archive</generator>',
    `  <link rel="alternate" type="text/html" href="${xmlText(absolute(config.baseUrl, where.page))}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(absolute(config.baseUrl, where.atom))}"/>`,
  );
  for (const item of items) {
    out.push(
      '  <entry>',
      `    <title type="text">${xmlText(item.title)}</title>`,
      `    <id>${xmlText(item.url)}</id>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(item.url)}"/>`,
      `    <published>${item.date}</published>`,
      `    <updated>${item.date}</updated>`,
      ...item.authors.map((name) => `    <author><name>${xmlText(name)}</name></author>`),
      ...item.categories.map((c) => `    <category term="${xmlText(c.term)}" label="${xmlText(c.label)}"/>`),
      `    <summary type="text">${xmlText(item.summary)}</summary>`,
      ...(item.full ? [`    <content type="html">${xmlText(item.html)}</content>`] : []),
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}

function jsonFeed(config: SiteConfig, items: readonly FeedItem[], where: FeedPlace, self: string): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: where.title,
    home_page_url: absolute(config.baseUrl, where.page),
    feed_url: absolute(config.baseUrl, self),
    ...(config.description ? { description: config.description } : {}),
    language: config.language,
    items: items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      content_html: item.html,
      summary: item.summary,
      date_published: item.date,
      ...(item.authors.length ? { authors: item.authors.map((name) => ({ name })) } : {}),
      tags: item.categories.map((c) => c.label),
    })),
  };
  return JSON.stringify(feed, null, 2) + '\n';
}

/** A story's date as an RFC 3339 instant (midnight UTC when the time is not known). */
function rfc3339(story: Story): string {
  const d = story.date!;
  const day = `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  return `${day}T${d.time ?? '00:00'}:00Z`;
}

/** Characters XML 1.0 does not allow at all (the loader removes them; a feed must never carry one). */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text → XML character data or attribute value. */
export function xmlText(text: string): string {
  return escapeHtml(text.replace(NOT_XML, ''));
}

/** Text → HTML text: the five characters that matter escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

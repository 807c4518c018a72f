/** Machine-readable metadata of a story page: canonical link, Open Graph, schema.org NewsArticle. */
import type { SiteConfig, Story } from '../types.ts';
import { excerpt } from './format.ts';
import { absolute, paths } from './urls.ts';

/** ISO 8601 date-time of a story when its year is known, else null. */
export function isoDateTime(story: Story): string | null {
  const d = story.date;
  if (!d || d.year === null) return null;
  const day = `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  return d.time ? `${day}T${d.time}:00Z` : day;
}

export interface StoryMeta {
  readonly canonical: string;
  readonly description: string;
  readonly published: string | null;
  readonly jsonld: object;
}

export function storyMeta(story: Story, config: SiteConfig): StoryMeta {
  const canonical = absolute(config.baseUrl, paths.story(story));
  const published = isoDateTime(story);
  const description = excerpt(story.paragraphs[0]?.text ?? '', 200);
  const jsonld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: story.title,
    url: canonical,
    mainEntityOfPage: canonical,
    ...(published ? { datePublished: published } : {}),
    ...(story.authors.length ? { author: story.authors.map((name) => ({ '@type': 'Person', name })) } : {}),
    ...(story.agency ? { sourceOrganization: { '@type': 'Organization', name: story.agency } } : {}),
    ...(story.dateline ? { dateline: story.dateline.region ? `${story.dateline.city}, ${story.dateline.region}` : story.dateline.city } : {}),
    ...(story.section ? { articleSection: story.section } : {}),
    ...(story.tags.length ? { keywords: story.tags.filter((t) => t.kind !== 'source').map((t) => t.name) } : {}),
    description,
    isAccessibleForFree: true,
  };
  return { canonical, description, published, jsonld };
}

/**
 * Stories → the Pagefind search index, as pages to write: one record per story with its headline,
 * body, and filters for tag, source and year. Works on any static host; the search page loads it.
 */
import * as pagefind from 'pagefind';
import { paths } from '../render/urls.ts';
import { displayDate } from '../render/format.ts';
import type { Page, SiteConfig, Story } from '../types.ts';

/** The folder the index is written to, under the site root. */
export const SEARCH_DIR = 'pagefind';

/** Builds the index in memory; throws with Pagefind's own messages when it cannot. */
export async function buildSearchIndex(stories: readonly Story[], config: SiteConfig): Promise<Page[]> {
  const language = config.language.slice(0, 2).toLowerCase() || 'en';
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    // Records go to Pagefind's service concurrently; one round trip each in turn is the slow part.
    const results = await Promise.all(stories.map((story) => index.addCustomRecord({
        url: `/${paths.story(story)}`,
        content: [story.title, ...story.paragraphs.map((p) => p.text)].join('\n'),
        language,
        meta: { title: story.title, date: displayDate(story.date) },
        filters: {
          tag: story.tags.filter((t) => t.kind !== 'source' && t.kind !== 'section').map((t) => t.name),
          source: [...new Set(story.tags.filter((t) => t.kind === 'source').map((t) => t.name))],
          ...(story.date?.year != null ? { year: [String(story.date.year)] } : {}),
        },
        sort: story.date?.year != null ? { date: `${story.date.year}-${String(story.date.month).padStart(2, '0')}-${String(story.date.day).padStart(2, '0')}` } : {},
      })));
    results.forEach((added, i) => {
      if (added.errors.length) throw new Error(`Pagefind rejected ${stories[i]!.id}: ${added.errors.join('; ')}`);
    });
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length) throw new Error(`Pagefind could not write its index: ${fileErrors.join('; ')}`);
    return files
      .filter((f) => !f.path.startsWith('playground'))
      .map((f) => ({ path: `${SEARCH_DIR}/${f.path.replace(/\\/g, '/')}`, content: f.content }))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
  } finally {
    await index.deleteIndex();
  }
}

/** Stops Pagefind's background process so the CLI can exit. */
export async function closeSearch(): Promise<void> {
  await pagefind.close();
}

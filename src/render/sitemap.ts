/** sitemap.xml (an index of numbered sitemaps past 50,000 URLs) and robots.txt. */
import type { Page, SiteConfig } from '../types.ts';
import { escapeHtml } from './feeds.ts';
import { absolute } from './urls.ts';

/** The sitemap protocol's limit of URLs per file. */
export const SITEMAP_LIMIT = 50_000;

export interface SitemapEntry {
  readonly path: string;
  /** `YYYY-MM-DD` when the page's content has a date. */
  readonly lastmod: string | null;
}

export function renderSitemaps(config: SiteConfig, entries: readonly SitemapEntry[], limit = SITEMAP_LIMIT): Page[] {
  const urlset = (list: readonly SitemapEntry[]): string =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${list
      .map((e) => `<url><loc>${escapeHtml(absolute(config.baseUrl, e.path))}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`)
      .join('\n')}\n</urlset>\n`;
  const robots = (sitemap: string): Page => ({
    path: 'robots.txt',
    content: `User-agent: *\nAllow: /\n\nSitemap: ${absolute(config.baseUrl, sitemap)}\n`,
  });
  if (entries.length <= limit) return [{ path: 'sitemap.xml', content: urlset(entries) }, robots('sitemap.xml')];
  const parts: Page[] = [];
  for (let i = 0; i * limit < entries.length; i++) {
    parts.push({ path: `sitemap-${i + 1}.xml`, content: urlset(entries.slice(i * limit, (i + 1) * limit)) });
  }
  const index = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${parts
    .map((p) => `<sitemap><loc>${escapeHtml(absolute(config.baseUrl, p.path))}</loc></sitemap>`)
    .join('\n')}\n</sitemapindex>\n`;
  return [{ path: 'sitemap.xml', content: index }, ...parts, robots('sitemap.xml')];
}

/** Site → Page[]: one function per page kind, all through the templates compiled once. */
import type { Article, Page, Site, Story, Tag, TagKind } from '../types.ts';
import { TAG_KINDS } from '../tag/index.ts';
import { byline, datelineText, displayDate, excerpt, machineDate } from './format.ts';
import { compileTemplates, type Template, type TemplateSources } from './handlebars.ts';

export { TemplateError, type TemplateSources } from './handlebars.ts';

/** The templates every site needs. */
export const REQUIRED_TEMPLATES = ['layout', 'home', 'story', 'tags', 'tag', '404'] as const;

const KIND_LABELS: Readonly<Record<TagKind, string>> = {
  person: 'People',
  place: 'Places',
  organisation: 'Organisations',
  topic: 'Topics',
  section: 'Sections',
  source: 'Sources',
};

/** Paths of each page kind, relative to the site root. Directory URLs end in `/`. */
export const paths = {
  home: (page: number): string => (page <= 1 ? '' : `page/${page}/`),
  story: (story: Story): string => `stories/${story.id}/`,
  tags: (): string => 'tags/',
  tag: (tag: Tag, page = 1): string => (page <= 1 ? `tags/${tag.slug}/` : `tags/${tag.slug}/page/${page}/`),
};

/** Renders every page of the site. Throws a TemplateError naming the template that failed. */
export function renderSite(site: Site, sources: TemplateSources): Page[] {
  const templates = compileTemplates(sources, REQUIRED_TEMPLATES);
  const page = (name: string, path: string, title: string, context: object, absolute = false): Page => {
    const file = path === '' || path.endsWith('/') ? `${path}index.html` : path;
    // Relative links work from any folder on any host; a 404 page is served at any URL, so it links absolutely.
    const root = absolute ? site.config.basePath : '../'.repeat(file.split('/').length - 1);
    const body = get(templates, name)({ ...context, site: site.config, root, pageTitle: title });
    const html = get(templates, 'layout')({ site: site.config, root, pageTitle: title, body, path });
    return { path: file, content: html };
  };

  const stories = site.stories;
  const byId = new Map(stories.map((s) => [s.id, s]));
  const storiesByTag = new Map<string, Story[]>();
  for (const story of stories) for (const tag of story.tags) storiesByTag.set(tag.slug, [...(storiesByTag.get(tag.slug) ?? []), story]);

  const pages: Page[] = [];
  const size = Math.max(1, site.config.pageSize);
  // Home, newest first, paginated.
  const homePages = Math.max(1, Math.ceil(stories.length / size));
  for (let n = 1; n <= homePages; n++) {
    pages.push(
      page('home', paths.home(n), n === 1 ? site.config.title : `${site.config.title} — page ${n}`, {
        stories: stories.slice((n - 1) * size, n * size).map(storySummary),
        pagination: pagination(n, homePages, paths.home),
        total: stories.length,
      }),
    );
  }
  // Story pages with previous (newer) and next (older) links.
  stories.forEach((story, i) => {
    pages.push(
      page('story', paths.story(story), story.title, {
        story: storyView(story),
        related: story.related.flatMap((id) => (byId.has(id) ? [storySummary(byId.get(id)!)] : [])),
        newer: i > 0 ? storySummary(stories[i - 1]!) : null,
        older: i + 1 < stories.length ? storySummary(stories[i + 1]!) : null,
      }),
    );
  });
  // Tag index grouped by kind, and one paginated page per tag.
  pages.push(
    page('tags', paths.tags(), 'Tags', {
      groups: groupTags(site.tags).map(({ kind, label, tags }) => ({
        kind,
        label,
        tags: tags.map((t) => ({ ...t, url: paths.tag(t), count: storiesByTag.get(t.slug)?.length ?? 0 })),
      })),
    }),
  );
  for (const tag of site.tags) {
    const tagged = storiesByTag.get(tag.slug) ?? [];
    const count = Math.max(1, Math.ceil(tagged.length / size));
    for (let n = 1; n <= count; n++) {
      pages.push(
        page('tag', paths.tag(tag, n), `${tag.name} — ${KIND_LABELS[tag.kind]}`, {
          tag: { ...tag, label: KIND_LABELS[tag.kind] },
          stories: tagged.slice((n - 1) * size, n * size).map(storySummary),
          pagination: pagination(n, count, (p) => paths.tag(tag, p)),
          total: tagged.length,
        }),
      );
    }
  }
  pages.push(page('404', '404.html', 'Page not found', {}, true));
  return pages;
}

function get(templates: Map<string, Template>, name: string): Template {
  const template = templates.get(name);
  if (!template) throw new Error(`template "${name}" was expected after compiling`);
  return template;
}

/** What a list entry shows of a story. */
function storySummary(story: Story): object {
  return {
    url: paths.story(story),
    title: story.title,
    date: displayDate(story.date),
    datetime: machineDate(story.date),
    dateline: datelineText(story.dateline),
    source: story.agency ?? story.sources[0]?.outlet ?? null,
    excerpt: excerpt(story.paragraphs[0]?.text ?? ''),
    copies: story.sources.length,
  };
}

function storyView(story: Story): object {
  return {
    ...storySummary(story),
    byline: byline(story.authors),
    section: story.section,
    image: story.image,
    paragraphs: story.paragraphs.map((p) => ({ text: p.text, html: p.html })),
    tagGroups: groupTags(story.tags).map((g) => ({ ...g, tags: g.tags.map((t) => ({ ...t, url: paths.tag(t) })) })),
    sources: story.sources.map(sourceView),
  };
}

function sourceView(copy: Article): object {
  return {
    label: copy.outlet ?? copy.agency ?? copy.section ?? layoutLabel(copy),
    file: copy.file,
    title: copy.title,
    date: displayDate(copy.date) || copy.age || '',
    embedded: copy.embeddedIn !== null,
  };
}

function layoutLabel(copy: Article): string {
  return copy.layout === 'markdown' ? 'Markdown file' : 'saved page';
}

function groupTags(tags: readonly Tag[]): Array<{ kind: TagKind; label: string; tags: Tag[] }> {
  return TAG_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind], tags: tags.filter((t) => t.kind === kind) })).filter(
    (g) => g.tags.length > 0,
  );
}

function pagination(current: number, total: number, path: (n: number) => string): object | null {
  if (total <= 1) return null;
  return {
    current,
    total,
    newer: current > 1 ? path(current - 1) : null,
    older: current < total ? path(current + 1) : null,
  };
}

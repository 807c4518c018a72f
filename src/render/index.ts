/** Site → Page[]: one function per page kind, all through the templates compiled once. */
import type { Article, Page, Paragraph, Site, Story, Tag, TagKind } from '../types.ts';
import { TAG_KINDS } from '../tag/index.ts';
import { feedStories, renderFeeds } from './feeds.ts';
import { byline, datelineText, displayDate, excerpt, machineDate, monthName } from './format.ts';
import { compileTemplates, type Template, type TemplateSources } from './handlebars.ts';
import { isoDateTime, storyMeta, type StoryMeta } from './meta.ts';
import { renderSitemaps, type SitemapEntry } from './sitemap.ts';
import { paths } from './urls.ts';
import { hashKey, type Cache } from '../cache.ts';
import { paragraphsKey } from '../dedupe/keys.ts';

export { TemplateError, type TemplateSources } from './handlebars.ts';
export { paths } from './urls.ts';

/** The templates every site needs. */
export const REQUIRED_TEMPLATES = ['layout', 'home', 'story', 'tags', 'tag', 'archive', 'list', 'search', '404'] as const;

export const KIND_LABELS: Readonly<Record<TagKind, string>> = {
  person: 'People',
  place: 'Places',
  organisation: 'Organisations',
  topic: 'Topics',
  section: 'Sections',
  source: 'Sources',
};

/** What a page template gets besides its own context. */
interface PageOptions {
  /** The 404 page is served at any URL, so it links from the base path instead of relatively. */
  readonly absolute?: boolean;
  /** Head metadata for story pages. */
  readonly meta?: object;
  /** Feeds to advertise in the head. */
  readonly feeds?: { readonly atom: string; readonly json?: string; readonly title: string };
  /** Listed in the sitemap with this date. */
  readonly lastmod?: string | null;
  readonly noindex?: boolean;
}

/**
 * Renders every page of the site. Throws a TemplateError naming the template that failed. With a
 * memo (the preview's cache), a page whose template input is unchanged is not rendered again.
 */
export function renderSite(site: Site, sources: TemplateSources, memo?: Cache): Page[] {
  return [...renderPages(site, sources, memo)] as Page[];
}

/** A page the last build wrote with the very same input, left as it is in the output. */
export interface KeptPage {
  readonly path: string;
  readonly kept: true;
}

/** Groups of pages (a story's page, a tag's pages, a feed) as the last build made them. */
export interface RenderReuse {
  /** The group's files and sitemap entries, when the last build made it and its files are intact. */
  get(key: string): RenderedGroup | undefined;
  /** Records a group this build made. */
  set(key: string, group: RenderedGroup): void;
}

export interface RenderedGroup {
  readonly paths: readonly string[];
  readonly sitemap: readonly SitemapEntry[];
}

/**
 * The site's pages one at a time, so a caller can write each as it comes and never hold the
 * whole site in memory. Templates are compiled before the first page. With `reuse` (the CLI's
 * disk cache), a group of pages whose input is the same as the last build's comes as KeptPages,
 * not rendered.
 */
export function renderPages(site: Site, sources: TemplateSources, memo?: Cache): Generator<Page>;
export function renderPages(site: Site, sources: TemplateSources, memo: Cache | undefined, reuse: RenderReuse): Generator<Page | KeptPage>;
export function renderPages(site: Site, sources: TemplateSources, memo?: Cache, reuse?: RenderReuse): Generator<Page | KeptPage> {
  // The preview compiles its templates once per version of them, not once per rebuild.
  const key = memo ? hashKey('templates-1', JSON.stringify(sources)) : '';
  let templates = memo?.get<Map<string, Template>>('templates', key);
  if (!templates) {
    templates = compileTemplates(sources, REQUIRED_TEMPLATES);
    memo?.set('templates', key, templates);
  }
  return generatePages(site, templates, sources, memo, reuse);
}

function* generatePages(site: Site, templates: Map<string, Template>, sources: TemplateSources, memo?: Cache, reuse?: RenderReuse): Generator<Page | KeptPage> {
  const config = site.config;
  const inputs = memo || reuse ? hashKey('render-1', JSON.stringify(sources), JSON.stringify(config)) : '';
  const siteFeeds = { atom: paths.feed('atom'), json: paths.feed('json'), title: config.title };
  const sitemap: SitemapEntry[] = [];

  // With a memo (the preview), a story's views are made once per version of the story and stand
  // for it, as that version, in the keys of the pages that show it.
  const views = new StoryViews(memo, inputs);
  const summary = (story: Story): object => views.get('summary', story, storySummary);
  const page = (name: string, path: string, title: string, context: object, options: PageOptions = {}): Page => {
    const file = path === '' || path.endsWith('/') ? `${path}index.html` : path;
    if (!options.noindex) sitemap.push({ path, lastmod: options.lastmod ?? null });
    const key = memo ? `${inputs}\u0000${name}\u0000${path}\u0000${title}\u0000${views.json(context)}\u0000${views.json(options)}` : '';
    const remembered = memo?.get<string>('render', key);
    if (remembered !== undefined) return { path: file, content: remembered };
    // Relative links work from any folder on any host.
    const root = options.absolute ? config.basePath : '../'.repeat(file.split('/').length - 1);
    const shared = { site: config, root, pageTitle: title, path };
    const body = get(templates, name)({ ...context, ...shared });
    const content = get(templates, 'layout')({ ...shared, body, meta: options.meta, feeds: options.feeds ?? siteFeeds, noindex: options.noindex });
    memo?.set('render', key, content);
    return { path: file, content };
  };
  /**
   * Pages made together from inputs that `key()` spells out whole (the render inputs, and each
   * story by its version): with a memo, a group whose key is unchanged is handed back as it was,
   * sitemap entries included, without building a single context.
   */
  function* group(key: () => string, make: () => Generator<Page | KeptPage>): Generator<Page | KeptPage> {
    if (reuse && !memo) return yield* reused(hashKey(inputs, key()), make);
    if (!memo) return yield* make();
    const fullKey = `${inputs}\u0000${key()}`;
    const hit = memo.get<{ pages: Page[]; sitemap: SitemapEntry[] }>('render-group', fullKey);
    if (hit) {
      sitemap.push(...hit.sitemap);
      return yield* hit.pages;
    }
    const from = sitemap.length;
    const pages: Page[] = [];
    for (const made of make()) {
      pages.push(made as Page); // without reuse, nothing is kept
      yield made;
    }
    memo.set('render-group', fullKey, { pages, sitemap: sitemap.slice(from) });
  }
  /** A group from the last build, its pages kept, when `reuse` has it; else made and recorded. */
  function* reused(fullKey: string, make: () => Generator<Page | KeptPage>): Generator<Page | KeptPage> {
    const hit = reuse!.get(fullKey);
    if (hit) {
      sitemap.push(...hit.sitemap);
      for (const path of hit.paths) yield { path, kept: true };
      return;
    }
    const from = sitemap.length;
    const paths: string[] = [];
    for (const made of make()) {
      paths.push(made.path);
      yield made;
    }
    reuse!.set(fullKey, { paths, sitemap: sitemap.slice(from) });
  }
  // Versions stand for stories in group keys: short names within a process (the preview's memo),
  // content hashes where keys outlive it (reuse).
  const versionOf = memo ? storyVersion : rememberedHash;
  const versionsOf = (list: readonly (Story | undefined)[]): string => list.map((s) => (s ? versionOf(s) : '-')).join(',');
  // A story shown in a list (a neighbour, a related story, a tag page or a summary feed) stands
  // for what lists show of it: an edit further down its body leaves those pages as they were.
  const listVersionOf = memo ? (s: Story) => internVersion(listHash(s)) : listHash;
  const listVersionsOf = (list: readonly (Story | undefined)[]): string => list.map((s) => (s ? listVersionOf(s) : '-')).join(',');
  // A feed is a group of its own: keyed by where it lives and the versions of the stories it lists.
  const feedsFor = (list: readonly Story[], where: Parameters<typeof renderFeeds>[2]): Generator<Page | KeptPage> =>
    group(
      () => `feed\u0000${JSON.stringify(where)}\u0000${(where.fullText ? versionsOf : listVersionsOf)(feedStories(list))}`,
      function* () {
        yield* renderFeeds(config, list, where);
      },
    );

  const stories = site.stories;
  const size = Math.max(1, config.pageSize);
  const byId = new Map(stories.map((s) => [s.id, s]));
  const storiesByTag = new Map<string, Story[]>();
  for (const story of stories) {
    for (const tag of story.tags) {
      const list = storiesByTag.get(tag.slug);
      if (list) list.push(story);
      else storiesByTag.set(tag.slug, [story]);
    }
  }
  const newest = stories.find((s) => isoDateTime(s) !== null);
  const lastmod = (list: readonly Story[]): string | null => {
    const s = list.find((x) => isoDateTime(x) !== null);
    return s ? isoDateTime(s)!.slice(0, 10) : null;
  };

  // Home, newest first, paginated.
  for (const [slice, pagination] of paginate(stories, size)) {
    yield page('home', paths.home(pagination?.current ?? 1), pagination && pagination.current > 1 ? `${config.title} — page ${pagination.current}` : config.title, {
      stories: slice.map(summary),
      pagination: pagination && { ...pagination, newer: pagination.newer && paths.home(pagination.newer), older: pagination.older && paths.home(pagination.older) },
      total: stories.length,
    }, { lastmod: newest ? lastmod([newest]) : null });
  }

  // Story pages with previous (newer) and next (older) links.
  for (const [i, story] of stories.entries()) {
    const related = story.related.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    const newer = stories[i - 1];
    const older = stories[i + 1];
    yield* group(() => `story\u0000${versionOf(story)}\u0000${listVersionsOf([newer, older])}\u0000${listVersionsOf(related)}`, function* () {
      const meta = views.get('meta', story, (s) => ({ ...storyMeta(s, config), title: s.title }), true) as StoryMeta & { title: string };
      yield page(
        'story',
        paths.story(story),
        story.title,
        {
          story: views.get('story', story, storyView, true),
          related: related.map(summary),
          newer: newer ? summary(newer) : null,
          older: older ? summary(older) : null,
        },
        { meta, lastmod: meta.published?.slice(0, 10) ?? null },
      );
    });
  }

  // Tag index grouped by kind, sources index, and one paginated page (and feeds) per tag.
  const tagGroups = groupTags(site.tags).map(({ kind, label, tags }) => ({
    kind,
    label,
    tags: tags.map((t) => ({ ...t, url: paths.tag(t), count: storiesByTag.get(t.slug)?.length ?? 0 })),
  }));
  yield page('tags', paths.tags(), 'Tags', { heading: 'Tags', groups: tagGroups });
  yield page('tags', paths.sources(), 'Sources', { heading: 'Sources', groups: tagGroups.filter((g) => g.kind === 'source') });
  for (const tag of site.tags) {
    const tagged = storiesByTag.get(tag.slug) ?? [];
    yield* group(() => `tag\u0000${tag.kind}\u0000${tag.name}\u0000${tag.slug}\u0000${listVersionsOf(tagged)}`, () => tagPages(tag, tagged));
  }
  function* tagPages(tag: Tag, tagged: readonly Story[]): Generator<Page | KeptPage> {
    const tagFeeds = { atom: paths.tagFeed(tag), title: `${config.title}: ${tag.name}` };
    for (const [slice, pagination] of paginate(tagged, size)) {
      yield page(
        'tag',
        paths.tag(tag, pagination?.current ?? 1),
        `${tag.name} — ${KIND_LABELS[tag.kind]}`,
        {
          tag: { ...tag, label: KIND_LABELS[tag.kind], feed: tagFeeds.atom },
          stories: slice.map(summary),
          pagination: pagination && {
            ...pagination,
            newer: pagination.newer && paths.tag(tag, pagination.newer),
            older: pagination.older && paths.tag(tag, pagination.older),
          },
          total: tagged.length,
        },
        { feeds: tagFeeds, lastmod: lastmod(tagged) },
      );
    }
    yield* feedsFor(tagged, { ...tagFeeds, page: paths.tag(tag) });
  }

  yield* renderArchives(stories, size, page, summary, lastmod);
  yield page('search', paths.search(), 'Search', {});
  yield page('404', '404.html', 'Page not found', {}, { absolute: true, noindex: true });
  yield* feedsFor(stories, { ...siteFeeds, page: '', fullText: true });
  // Last: the sitemap lists every page rendered before it.
  const entries = [...sitemap];
  yield* group(
    () => `sitemap\u0000${entries.map((e) => `${e.path}\u0001${e.lastmod ?? ''}`).join('\u0002')}`,
    function* () {
      yield* renderSitemaps(config, entries);
    },
  );
}

type PageFn = (name: string, path: string, title: string, context: object, options?: PageOptions) => Page;

/** Archive index (years with their months), a page per year, and a paginated page per month. */
function* renderArchives(
  stories: readonly Story[],
  size: number,
  page: PageFn,
  summary: (story: Story) => object,
  lastmod: (list: readonly Story[]) => string | null,
): Generator<Page> {
  const years = new Map<number | null, Map<number, Story[]>>();
  for (const story of stories) {
    if (!story.date) continue;
    const year = story.date.year;
    const months = years.get(year) ?? new Map<number, Story[]>();
    years.set(year, months);
    const list = months.get(story.date.month);
    if (list) list.push(story);
    else months.set(story.date.month, [story]);
  }
  // Newest year first; stories whose year no copy shows come last, under "Year not given".
  const yearKeys = [...years.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : b - a));
  const yearView = (year: number | null) => {
    const months = years.get(year)!;
    const monthKeys = [...months.keys()].sort((a, b) => b - a);
    return {
      year: year ?? 'Year not given',
      url: paths.year(year),
      count: monthKeys.reduce((n, m) => n + months.get(m)!.length, 0),
      months: monthKeys.map((m) => ({ name: monthName(m), url: paths.month(year, m), count: months.get(m)!.length })),
    };
  };
  const undated = stories.filter((s) => !s.date).length;
  yield page('archive', paths.archive(), 'Archive', { heading: 'Archive', years: yearKeys.map(yearView), undated });
  for (const year of yearKeys) {
    const view = yearView(year);
    yield page('archive', paths.year(year), `${view.year}`, { heading: `${view.year}`, years: [view], up: paths.archive() });
    for (const [month, list] of years.get(year)!) {
      const title = `${monthName(month)}${year === null ? '' : ` ${year}`}`;
      for (const [slice, pagination] of paginate(list, size)) {
        yield page(
          'list',
          paths.month(year, month, pagination?.current ?? 1),
          pagination && pagination.current > 1 ? `${title} — page ${pagination.current}` : title,
          {
            heading: title,
            up: { url: paths.year(year), label: `${view.year}` },
            stories: slice.map(summary),
            total: list.length,
            pagination: pagination && {
              ...pagination,
              newer: pagination.newer && paths.month(year, month, pagination.newer),
              older: pagination.older && paths.month(year, month, pagination.older),
            },
          },
          { lastmod: lastmod(list) },
        );
      }
    }
  }
}

interface Pagination {
  readonly current: number;
  readonly total: number;
  readonly newer: number | null;
  readonly older: number | null;
}

/** Each page of `size` items with its place among the pages; pagination is null when one page is enough. */
function* paginate<T>(items: readonly T[], size: number): Generator<[readonly T[], Pagination | null]> {
  const total = Math.max(1, Math.ceil(items.length / size));
  for (let n = 1; n <= total; n++) {
    yield [items.slice((n - 1) * size, n * size), total === 1 ? null : { current: n, total, newer: n > 1 ? n - 1 : null, older: n < total ? n + 1 : null }];
  }
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
    label: copy.outlet ?? copy.agency ?? copy.section ?? 'Unknown source',
    kind: copy.embeddedIn ? 'related article on an aggregator page' : copy.layout === 'markdown' ? 'Markdown file' : copy.layout === 'aggregator' ? 'aggregator page' : 'saved page',
    file: copy.file,
    title: copy.title,
    date: displayDate(copy.date) || copy.age || '',
  };
}

function groupTags(tags: readonly Tag[]): Array<{ kind: TagKind; label: string; tags: Tag[] }> {
  return TAG_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind], tags: tags.filter((t) => t.kind === kind) })).filter(
    (g) => g.tags.length > 0,
  );
}


/**
 * A story's views (list entry, page, head metadata): made once per build (a story is listed on
 * many pages) and, with a memo, remembered across builds by the story's version and the render
 * inputs. In a page's key each view is written as its own key, so keying a page costs a few
 * short strings however long its stories are.
 */
class StoryViews {
  private readonly keyOf = new WeakMap<object, string>();
  /** This build's views of each story object, by kind: a story is listed on many pages. */
  private readonly made = new Map<string, WeakMap<Story, object>>();

  constructor(
    private readonly memo: Cache | undefined,
    private readonly inputs: string,
  ) {}

  /**
   * The story's `kind` of view. A view shown `once` per build (a story's own page) is not kept
   * without a memo: holding every story's page view until the last page doubles the heap.
   */
  get(kind: string, story: Story, make: (story: Story) => object, once = false): object {
    if (once && !this.memo) return make(story);
    let made = this.made.get(kind);
    if (!made) this.made.set(kind, (made = new WeakMap()));
    let view = made.get(story);
    if (view) return view;
    if (!this.memo) {
      made.set(story, (view = make(story)));
      return view;
    }
    const key = `${kind}:${this.inputs}:${storyVersion(story)}`;
    view = this.memo.get<object>('render-view', key);
    if (!view) this.memo.set('render-view', key, (view = make(story)));
    this.keyOf.set(view, key);
    made.set(story, view);
    return view;
  }

  /** JSON of a page's context with each remembered view replaced by its key. */
  json(value: unknown): string {
    return JSON.stringify(value, (_name, v: unknown) => (typeof v === 'object' && v !== null && this.keyOf.get(v)) || v) ?? '';
  }
}

/**
 * A short, process-wide name for everything a view of the story can show (its fields, tags,
 * related ids, and what the page says of each copy): equal names, equal views. Names are
 * numbers handed out once per distinct content hash and never reused, so a page key built from
 * them stays short and can never match a different story.
 */
export function storyVersion(story: Story): string {
  let version = versions.get(story);
  if (!version) versions.set(story, (version = internVersion(rememberedHash(story))));
  return version;
}

const versions = new WeakMap<Story, string>();

function internVersion(hash: string): string {
  let name = versionNames.get(hash);
  if (!name) {
    if (versionNames.size >= VERSION_NAMES_SIZE) versionNames.clear();
    versionNames.set(hash, (name = `v${++lastVersion}`));
  }
  return name;
}

/**
 * A hash of what lists show of a story: its summary (storySummary) and its entry in a summary
 * feed (feedItem without the full text): the first paragraph, never the rest of the body.
 */
function listHash(story: Story): string {
  let hash = listHashes.get(story);
  if (!hash) {
    const first = story.paragraphs[0];
    const tags = story.tags.map((t) => [t.kind, t.slug, t.name]);
    const fields = [story.id, story.title, story.date, story.dateline, story.agency, story.sources[0]?.outlet ?? null, story.sources.length, first?.text, first?.html, story.authors, tags];
    listHashes.set(story, (hash = hashKey('list-1', JSON.stringify(fields))));
  }
  return hash;
}

const listHashes = new WeakMap<Story, string>();

const VERSION_NAMES_SIZE = 1_000_000;
const versionNames = new Map<string, string>();
let lastVersion = 0;

/**
 * The content hash, remembered across rebuilds while the story keeps the same tag list, copies,
 * paragraphs and related list (the preview's caches hand back the very same arrays) and its
 * other fields are the same (the date, dateline, image and authors objects by identity).
 */
function rememberedHash(story: Story): string {
  const seen = hashes.get(story.tags);
  if (
    seen &&
    seen.sources === story.sources &&
    seen.paragraphs === story.paragraphs &&
    seen.related === story.related &&
    sameScalars(seen.story, story)
  ) {
    return seen.hash;
  }
  const hash = computeVersion(story);
  hashes.set(story.tags, { sources: story.sources, paragraphs: story.paragraphs, related: story.related, story, hash });
  return hash;
}

/** Same values, the objects among them compared by identity (merged stories keep theirs). */
function sameScalars(a: Story, b: Story): boolean {
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.section === b.section &&
    a.agency === b.agency &&
    a.date === b.date &&
    a.dateline === b.dateline &&
    a.image === b.image &&
    a.authors === b.authors
  );
}

const hashes = new WeakMap<
  readonly Tag[],
  { sources: readonly Article[]; paragraphs: readonly Paragraph[]; related: readonly string[]; story: Story; hash: string }
>();

/** A hash of everything the story's page shows, its paragraphs by their key (paragraphsKey). */
function computeVersion(story: Story): string {
  let copies = copyKeys.get(story.sources);
  if (!copies) {
    const fields = story.sources.map((c) => [c.id, c.file, c.layout, c.title, c.date, c.age, c.outlet, c.agency, c.section, c.embeddedIn]);
    copyKeys.set(story.sources, (copies = JSON.stringify(fields)));
  }
  return hashKey(
    JSON.stringify([story.id, story.title, story.date, story.section, story.authors, story.agency, story.dateline, story.image]),
    JSON.stringify(story.related),
    story.tags.map(tagText).join('\u0001'),
    copies,
    paragraphsKey(story),
  );
}

/** What the page says of each story's copies, remembered by the copies list (merged stories keep it). */
const copyKeys = new WeakMap<readonly Article[], string>();

/** A tag as a page shows it; tags are shared between the stories of a build. */
function tagText(tag: Tag): string {
  let text = tagTexts.get(tag);
  if (!text) tagTexts.set(tag, (text = `${tag.kind}\u0000${tag.name}\u0000${tag.slug}`));
  return text;
}

const tagTexts = new WeakMap<Tag, string>();

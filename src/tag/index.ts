/**
 * Story[] → Story[] with tags: section, source (agency and outlets), front-matter topics, and the
 * people, places and organisations named in the headline and body. One entity is one tag: names
 * are keyed without case, accents or hyphens ("Kim Jong Un" / "Kim Jong-un"), shown in their most
 * frequent spelling, and given unique slugs.
 */
import { hashKey, type Cache } from '../cache.ts';
import { paragraphsKey, sameCopies } from '../dedupe/keys.ts';
import { BoundedMemo } from '../memo.ts';
import { uniqueSlugs } from '../slug.ts';
import type { Article, Paragraph, Story, Tag, TagKind } from '../types.ts';
import { findNames } from './names.ts';
import { capitalisedRuns, datelinePlaces, findPlacesInRuns, placeFromTag, type Runs } from './places.ts';
import { relateStories } from './related.ts';

/** The order kinds are listed in. */
export const TAG_KINDS: readonly TagKind[] = ['person', 'place', 'organisation', 'topic', 'section', 'source'];

/** A story's own tags (before names are joined across the site), with its runs of two capitalised words or more. */
export interface OwnTags {
  readonly tags: Named;
  readonly runs: readonly string[];
}

/** What an article's own tags are read from: all that tagging reads of a story of that one copy. */
export type TagInput = Pick<Article, 'title' | 'section' | 'agency' | 'dateline' | 'outlet' | 'tags'> & {
  readonly paragraphs: ReadonlyArray<Pick<Paragraph, 'text'>>;
};

/** What ownTags reads of an article, and no more: what is sent to a tagging thread. */
export function tagInputOf(article: Article): TagInput {
  const { title, section, agency, dateline, outlet, tags } = article;
  return { title, section, agency, dateline, outlet, tags, paragraphs: article.paragraphs.map(({ text }) => ({ text })) };
}

/**
 * The own tags of an article standing alone: those of the story merging it alone would make (its
 * title, section, agency, dateline and paragraphs, itself the only source). Pure, so another
 * thread can find them while this one dedupes.
 */
export function ownTags(article: TagInput): OwnTags {
  const { title, section, agency, dateline, paragraphs } = article;
  let runs: readonly string[] = [];
  const tags = namedTags({ title, section, agency, dateline, paragraphs, sources: [article] }, (found) => (runs = longRuns(found)));
  return { tags, runs };
}

/**
 * Tags every story and returns the site's tags, sorted by kind and name. `given(article)`: that
 * article's ownTags when already found (another thread's), for the stories it is the only copy of.
 */
export function deriveTags(stories: readonly Story[], cache?: Cache, given?: (article: Article) => OwnTags | undefined): { stories: Story[]; tags: Tag[] } {
  // The runs of two words or more that naming a story found, kept for the known-people pass so
  // its text is not split into runs twice (one short string per run, and only during tagging).
  const nameRuns = new Array<readonly string[] | undefined>(stories.length);
  // Each story's key in the content cache, made when first needed: a story the identity memos
  // below know needs none.
  const keys = new Array<string | undefined>(stories.length);
  const keyOf = (i: number): string => (keys[i] ??= namedTagsKey(stories[i]!));
  // Only a process that builds again remembers by identity; a one-off build lets each story's
  // lists go once the site's tags are joined (at 100,000 stories, over a million small objects).
  const remember = cache?.rebuilds === true;
  const found = stories.map((story, i) => {
    // A story merged from the very same copies (the preview's cache keeps Article objects) names
    // the same entities: remember by identity before hashing any text.
    const first = story.sources[0]!;
    const seen = remember ? named.get(first) : undefined;
    if (seen && sameCopies(seen.sources, story.sources)) return seen.tags;
    const tags = cachedNamedTags(cache && { cache, key: keyOf(i) }, () => {
      const own = story.sources.length === 1 ? given?.(first) : undefined;
      if (!own) return namedTags(story, (runs) => (nameRuns[i] = longRuns(runs)));
      nameRuns[i] = own.runs;
      return own.tags;
    });
    if (remember) named.set(first, { sources: story.sources, tags });
    return tags;
  });
  // A person named by a pattern in one story ("leader Kim Jong Un") is recognised in others by name alone.
  const known = new Map<string, string>();
  for (const list of found) for (const t of list) if (t.kind === 'person') known.set(tagKey('person', t.name), t.name);
  const signature = hashKey(...[...known.keys()].sort());
  const perStory = stories.map((story, i) => {
    const recognisedHere = rememberedKnownPeople(story, known, signature, nameRuns[i], cache && { cache, key: () => hashKey('known-people-1', keyOf(i), signature) }, remember);
    return [...withoutPlacesInNames(story, found[i]!, recognisedHere, remember), ...recognisedHere];
  });
  // Everything below depends only on each story's id and named tags, in order: a rebuild in the
  // same process whose edits named nothing new (most edits) takes the joined tags and related
  // stories as they were.
  const joinKey = cache?.rebuilds ? hashKey('tag-join-1', ...stories.map((s, i) => `${s.id}\u0001${perStory[i]!.map((t) => `${t.kind}:${t.name}`).join('\u0002')}`)) : '';
  const joined = joinKey ? cache?.get<Joined>('tag-join', joinKey) : undefined;
  if (joined) return { stories: stories.map((s, i) => ({ ...s, tags: joined.tags[i]!, related: joined.related[i]! })), tags: joined.all };
  const result = joinTags(stories, perStory);
  if (joinKey) cache?.set<Joined>('tag-join', joinKey, { tags: result.stories.map((s) => s.tags), related: result.stories.map((s) => s.related), all: result.tags });
  return result;
}

/** What the site-wide join made of each story's named tags. */
interface Joined {
  readonly tags: ReadonlyArray<readonly Tag[]>;
  readonly related: ReadonlyArray<readonly string[]>;
  readonly all: Tag[];
}

/** One tag per entity across the site (display spelling, unique slug), then related stories. */
function joinTags(stories: readonly Story[], perStory: readonly Named[]): { stories: Story[]; tags: Tag[] } {
  // Spellings seen for each entity key, with counts, to pick the display name.
  const spellings = new Map<string, Map<string, number>>();
  for (const list of perStory) {
    for (const { kind, name } of list) {
      const key = tagKey(kind, name);
      const seen = spellings.get(key) ?? new Map<string, number>();
      seen.set(name, (seen.get(name) ?? 0) + 1);
      spellings.set(key, seen);
    }
  }
  const display = new Map<string, { kind: TagKind; name: string }>();
  for (const [key, seen] of spellings) {
    const name = [...seen].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    display.set(key, { kind: key.slice(0, key.indexOf(':')) as TagKind, name });
  }
  const ordered = [...display.entries()].sort(([, a], [, b]) => compareTags(a, b));
  const slugs = uniqueSlugs(ordered.map(([key, t]) => ({ key, text: t.name })), 'tag');
  const tagByKey = new Map<string, Tag>(ordered.map(([key, t]) => [key, { ...t, slug: slugs.get(key)! }]));
  // Each story's tags in the site's order (compareTags), by their place in it.
  const place = new Map(ordered.map(([key], i) => [key, i]));
  const tagged = stories.map((story, i) => {
    const keys = [...new Set(perStory[i]!.map((t) => tagKey(t.kind, t.name)))].sort((a, b) => place.get(a)! - place.get(b)!);
    return { ...story, tags: keys.map((k) => tagByKey.get(k)!) };
  });
  return { stories: relateStories(tagged), tags: [...tagByKey.values()] };
}

type Named = Array<{ kind: TagKind; name: string }>;

const named = new WeakMap<Article, { sources: readonly Article[]; tags: Named }>();

/** The key of a story's own tags in the content cache: all that namedTags reads of it. */
function namedTagsKey(story: Story): string {
  return hashKey('tags-2', JSON.stringify([story.title, story.section, story.agency, story.dateline, story.sources.map((c) => [c.outlet, c.agency, c.tags])]), paragraphsKey(story));
}

/** The story's own tags, from the content cache (under `cached.key`) when its text was tagged before, else made. */
function cachedNamedTags(cached: { cache: Cache; key: string } | undefined, make: () => Named): Named {
  if (!cached) return make();
  let list = cached.cache.get<Named>('tags', cached.key);
  if (!list) cached.cache.set('tags', cached.key, (list = make()));
  return list;
}

/** The runs of two words or more, each as one string. */
function longRuns(runs: readonly Runs[]): string[] {
  const out: string[] = [];
  for (const list of runs) for (const run of list) if (run.length >= 2) out.push(run.join(' '));
  return out;
}

/** What a story's own tags are read from: a Story, or an article standing alone (see ownTags). */
type Taggable = Pick<Story, 'title' | 'section' | 'agency' | 'dateline'> & {
  readonly sources: ReadonlyArray<Pick<Article, 'outlet' | 'agency' | 'tags'>>;
  readonly paragraphs: ReadonlyArray<Pick<Paragraph, 'text'>>;
};

/** The tags one story earns, before names are joined across the site. */
function namedTags(story: Taggable, keepRuns?: (runs: readonly Runs[]) => void): Array<{ kind: TagKind; name: string }> {
  const out: Array<{ kind: TagKind; name: string }> = [];
  if (story.section) out.push({ kind: 'section', name: story.section });
  if (story.agency) out.push({ kind: 'source', name: story.agency });
  for (const copy of story.sources) {
    if (copy.outlet) out.push({ kind: 'source', name: copy.outlet });
    if (copy.agency && copy.agency !== story.agency) out.push({ kind: 'source', name: copy.agency });
    for (const tag of copy.tags) if (!placeFromTag(tag)) out.push({ kind: 'topic', name: tag });
  }
  for (const place of statedPlaces(story)) out.push({ kind: 'place', name: place });
  // Names only from the body, one paragraph at a time: headlines are often in title case.
  const texts = story.paragraphs.map((p) => p.text);
  const runs = texts.map(capitalisedRuns);
  keepRuns?.(runs);
  const { people, organisations } = findNames(texts, runs);
  for (const place of textPlaces(story, people, runs)) out.push({ kind: 'place', name: place });
  for (const person of people) out.push({ kind: 'person', name: person });
  for (const org of organisations) out.push({ kind: 'organisation', name: org });
  return out;
}

/** Places the story states outright: front-matter tags that name places, and its dateline. */
function statedPlaces(story: Taggable): string[] {
  const out: string[] = [];
  for (const copy of story.sources) {
    for (const tag of copy.tags) {
      const place = placeFromTag(tag);
      if (place) out.push(place);
    }
  }
  if (story.dateline) {
    const places = datelinePlaces(titleCase(story.dateline.city), story.dateline.region);
    out.push(...(places.length ? places : [titleCase(story.dateline.city)]));
  }
  return out;
}

/** Places named in the headline and body (whose runs the caller may have), outside the names of `people`. */
function textPlaces(story: Taggable, people: readonly string[], runs: readonly Runs[] = story.paragraphs.map((p) => capitalisedRuns(p.text))): string[] {
  return findPlacesInRuns([...capitalisedRuns(story.title), ...runs.flat()], new Set(people.map((p) => p.toLowerCase())));
}

/**
 * A story's own tags once people known from other stories are found in it by name: a place
 * read from the words of such a name ("Vladimir" in "Vladimir Putin") goes, unless the story
 * states it or names it elsewhere.
 */
function withoutPlacesInNames(story: Story, own: Named, found: Named, remember: boolean): Named {
  if (found.length === 0) return own;
  if (!remember) return checkPlacesInNames(story, own, found);
  // Both lists are remembered per story between rebuilds: so is the result.
  const seen = placesChecked.get(own);
  if (seen && seen.found === found) return seen.result;
  const result = checkPlacesInNames(story, own, found);
  placesChecked.set(own, { found, result });
  return result;
}

const placesChecked = new WeakMap<Named, { found: Named; result: Named }>();

function checkPlacesInNames(story: Story, own: Named, found: Named): Named {
  const inName = (place: string): boolean => found.some((p) => ` ${p.name.toLowerCase()} `.includes(` ${place.toLowerCase()} `));
  if (!own.some((t) => t.kind === 'place' && inName(t.name))) return own;
  const people = [...own, ...found].filter((t) => t.kind === 'person').map((t) => t.name);
  const keep = new Set([...statedPlaces(story), ...textPlaces(story, people)]);
  return own.filter((t) => t.kind !== 'place' || keep.has(t.name));
}

const recognised = new WeakMap<Article, { sources: readonly Article[]; signature: string; people: Named }>();

/**
 * knownPeople, remembered for the same copies and the same set of known people: by identity
 * within a process that builds again (`remember`), and across builds in the content cache,
 * under a key (made by `cached.key`) naming the story's text and that set. A story whose own
 * tags came from the cache would otherwise be split into runs again.
 */
function rememberedKnownPeople(
  story: Story,
  known: ReadonlyMap<string, string>,
  signature: string,
  runs: readonly string[] | undefined,
  cached: { cache: Cache; key: () => string } | undefined,
  remember: boolean,
): Named {
  const first = story.sources[0]!;
  const seen = remember ? recognised.get(first) : undefined;
  if (seen && seen.signature === signature && sameCopies(seen.sources, story.sources)) return seen.people;
  const stored = cached && { cache: cached.cache, key: cached.key() };
  let people = stored?.cache.get<Named>('tags', stored.key);
  if (!people) {
    people = knownPeople(story, known, runs);
    stored?.cache.set('tags', stored.key, people);
  }
  if (remember) recognised.set(first, { sources: story.sources, signature, people });
  return people;
}

/** People already known from other stories, found here by name alone (in `runs`, its longRuns, when known). */
function knownPeople(story: Story, known: ReadonlyMap<string, string>, runs?: readonly string[]): Array<{ kind: TagKind; name: string }> {
  if (known.size === 0) return [];
  const out: Array<{ kind: TagKind; name: string }> = [];
  for (const joined of runs ?? longRuns(story.paragraphs.map((p) => capitalisedRuns(p.text)))) {
    const run = joined.split(' ');
    for (let i = 0; i < run.length; i++) {
      for (let len = Math.min(4, run.length - i); len >= 2; len--) {
        const name = run.slice(i, i + len).join(' ');
        if (known.has(tagKey('person', name))) {
          out.push({ kind: 'person', name });
          i += len - 1;
          break;
        }
      }
    }
  }
  return out;
}

/** `kind:name` without case, accents or hyphens; remembered (each name recurs across stories and rebuilds). */
function tagKey(kind: TagKind, name: string): string {
  return tagKeys.get(`${kind}:${name}`, () => foldTagKey(kind, name));
}

const tagKeys = new BoundedMemo<string>(500_000);

function foldTagKey(kind: TagKind, name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-‐‑–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${kind}:${folded}`;
}

/** By kind (in TAG_KINDS order), then name. */
export function compareTags(a: { kind: TagKind; name: string }, b: { kind: TagKind; name: string }): number {
  const k = TAG_KINDS.indexOf(a.kind) - TAG_KINDS.indexOf(b.kind);
  if (k) return k;
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** `NEW YORK` → `New York`. */
function titleCase(city: string): string {
  return city.toLowerCase().replace(/(^|[\s'’-])\p{L}/gu, (m) => m.toUpperCase());
}

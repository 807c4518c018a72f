/** Article[] → Story[]: find copies of one story without comparing all pairs, verify, cluster, merge. */
import type { Cache } from '../cache.ts';
import { sortableDate } from '../load/rules/dates.ts';
import type { Article, Reporter, Story } from '../types.ts';
import { Clusters } from './cluster.ts';
import { mergeStory, rankCopies, storyIds } from './merge.ts';
import { minhash } from './minhash.ts';
import { bandCandidates, bandKeys, lshCandidates, type LshResult } from './lsh.ts';
import { paragraphWords } from './normalise.ts';
import { defaultOptions, type Options } from './options.ts';
import { shingles } from './shingle.ts';
import { verifyPair, type Fingerprint, type Verdict } from './verify.ts';

export { defaultOptions, type Options } from './options.ts';

/** One verified candidate pair and what became of it, for `--explain`. */
export interface PairDecision extends Verdict {
  readonly a: string;
  readonly b: string;
  /** False when the pair matched but one side's cluster representative did not match the other's. */
  readonly joined: boolean;
}

export interface DedupReport {
  readonly clusters: ReadonlyArray<{ readonly story: string; readonly members: readonly string[] }>;
  readonly pairs: readonly PairDecision[];
}

export interface Deduped {
  readonly stories: readonly Story[];
  readonly report: DedupReport;
}

/** Builds the comparison fingerprint of an article's body (never its headline). */
export function fingerprint(article: Article, options: Options, cache?: Cache): Fingerprint {
  // The preview's cache hands back the same Article objects between rebuilds: remember by
  // identity. A one-off build remembers nothing, so shingles go once dedup is done.
  if (!cache?.rebuilds) return computeFingerprint(article, options);
  const seen = printed.get(article);
  if (seen && seen.size === options.shingleSize) return seen.print;
  // Without its words, which would double what the preview keeps (merging reads them again).
  const { words: _words, ...print } = computeFingerprint(article, options);
  printed.set(article, { size: options.shingleSize, print });
  return print;
}

const printed = new WeakMap<Article, { size: number; print: Fingerprint }>();

/** The MinHash signature of a fingerprint, remembered with it (fingerprints are remembered by article). */
function signature(print: Fingerprint, length: number): Uint32Array {
  const seen = signed.get(print);
  if (seen && seen.length === length) return seen;
  const made = minhash(print.shingles, length);
  signed.set(print, made);
  return made;
}

const signed = new WeakMap<Fingerprint, Uint32Array>();

/** verifyPair, remembered for the same two fingerprints and options (the preview re-verifies every pair). */
function verifyRemembered(a: Fingerprint, b: Fingerprint, options: Options, optionsKey: string): Verdict {
  let row = verdicts.get(a);
  if (!row) verdicts.set(a, (row = new WeakMap()));
  const seen = row.get(b);
  if (seen && seen.options === optionsKey) return seen.verdict;
  const verdict = verifyPair(a, b, options);
  row.set(b, { options: optionsKey, verdict });
  return verdict;
}

const verdicts = new WeakMap<Fingerprint, WeakMap<Fingerprint, { options: string; verdict: Verdict }>>();

/**
 * The fingerprint itself. Never kept on disk (its shingle sets were hundreds of MB at 100,000
 * articles): what a later build needs of it is kept instead (see candidates).
 */
function computeFingerprint(article: Article, options: Options): Fingerprint {
  const words = paragraphWords(article.paragraphs.map((p) => p.text));
  return { article, wordCount: words.hashes.length, shingles: shingles(words.hashes, options.shingleSize), numbers: words.numbers, words };
}

/** Merges copies of the same story; every article ends up in exactly one story. */
export function dedupe(input: readonly Article[], reporter: Reporter, options: Options = defaultOptions, cache?: Cache): Deduped {
  const articles = [...input].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // When this process builds again with the cache (the preview), signatures, band keys and
  // verdicts are remembered for the next run; a one-off run skips that bookkeeping.
  const remember = cache?.rebuilds === true;
  const { ranked, printOf, pairs, oversized } = remember ? rememberedCandidates(articles, options, cache!) : candidates(articles, options, cache);
  for (const bucket of oversized) {
    reporter.report({
      file: articles[bucket[0]!]!.file,
      severity: 'warning',
      rule: 'dedupe/oversized-bucket',
      reason: `${bucket.length} articles share one LSH band (shared boilerplate?); that band was not used to find duplicates for them`,
    });
  }

  const order = rankCopies(ranked);
  const rank = new Int32Array(articles.length);
  order.forEach((index, position) => (rank[index] = position));
  const clusters = new Clusters(articles.length, (i, j) => rank[i]! < rank[j]!);

  const optionsKey = JSON.stringify(options);
  const verify = (i: number, j: number): Verdict =>
    remember ? verifyRemembered(printOf(i), printOf(j), options, optionsKey) : verifyPair(printOf(i), printOf(j), options);
  const matched = pairs
    .map(([i, j]) => ({ i, j, verdict: verify(i, j) }))
    .sort((p, q) => q.verdict.jaccard - p.verdict.jaccard || q.verdict.containment - p.verdict.containment || p.i - q.i || p.j - q.j);
  const decisions: PairDecision[] = [];
  for (const { i, j, verdict } of matched) {
    let joined = false;
    if (verdict.merge && clusters.find(i) !== clusters.find(j)) {
      const ri = clusters.representative(i);
      const rj = clusters.representative(j);
      // Guard against chaining: the two clusters' representatives must match each other too.
      joined = (ri === i && rj === j) || verify(ri, rj).merge;
      if (joined) clusters.union(i, j);
    }
    decisions.push({ a: articles[i]!.id, b: articles[j]!.id, ...verdict, joined });
  }

  const groups = clusters.groups().map((members) => members.sort((x, y) => rank[x]! - rank[y]!));
  // Merging reads the copies' words again: a story of several copies takes them from their
  // fingerprints (each copy was in a candidate pair, so has one).
  const merged = completeYearsFromPages(
    groups.map((members) => mergeStory(members.map((m) => articles[m]!), { wordsOf: (k) => printOf(members[k]!).words, remember })),
  );
  const ids = storyIds(merged);
  const stories = merged.map((s) => ({ ...s, id: ids.get(s.sources[0]!.id)! }));
  sortStories(stories);
  for (const story of stories) {
    for (const copy of story.sources.slice(1)) {
      reporter.report({
        file: copy.file,
        severity: 'info',
        rule: 'dedupe/merged',
        reason: `${copy.embeddedIn ? `related article "${copy.title}"` : 'article'} merged into story "${story.id}" (canonical copy ${story.sources[0]!.id})`,
      });
    }
  }
  return {
    stories,
    report: {
      clusters: stories.map((s) => ({ story: s.id, members: s.sources.map((a) => a.id) })),
      pairs: decisions.sort((p, q) => (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0)),
    },
  };
}

/** What dedup needs of every article before verifying: its rank and the candidate pairs. */
interface Candidates extends LshResult {
  /** Each article and its word count, for rankCopies. */
  readonly ranked: ReadonlyArray<Pick<Fingerprint, 'article' | 'wordCount'>>;
  /** The fingerprint of the i-th article, for verifying a candidate pair. */
  readonly printOf: (i: number) => Fingerprint;
}

/** Part of the salt of the table of band keys: bump when fingerprints or band keys change meaning. */
const PRINTS_SALT = 'prints-1';

/**
 * Candidates from every article's band keys. With a table of rows (the disk cache), an article
 * whose file is unchanged since a build that kept its word count and band keys is not
 * fingerprinted again unless it is in a candidate pair: at 100,000 articles that spares most
 * of dedup's time, and the table is a fraction of the shingle sets' size (43 numbers an article).
 */
function candidates(articles: readonly Article[], options: Options, cache?: Cache): Candidates {
  const { bands, rows } = options;
  const length = bands * rows;
  const table = cache?.rows?.('prints', 1 + bands, `${PRINTS_SALT}:${options.shingleSize}:${bands}x${rows}`);
  const keys = new Uint32Array(articles.length * bands);
  const prints: Array<Fingerprint | undefined> = [];
  /** A fingerprinted article's row: its word count and band keys (the table keeps a copy). */
  const fresh = new Uint32Array(1 + bands);
  const ranked = articles.map((article, i) => {
    // An article is its file's: the same id in a file with the same bytes is the same text.
    const key = table ? `${article.id}\u0000${article.fileHash}` : '';
    const row = table?.get(key);
    if (row) {
      keys.set(row.subarray(1), i * bands);
      return { article, wordCount: row[0]! };
    }
    const print = (prints[i] = computeFingerprint(article, options));
    fresh[0] = print.wordCount;
    bandKeys(minhash(print.shingles, length), bands, rows, fresh, 1);
    keys.set(fresh.subarray(1), i * bands);
    table?.set(key, fresh);
    return { article, wordCount: print.wordCount };
  });
  const printOf = (i: number): Fingerprint => (prints[i] ??= computeFingerprint(articles[i]!, options));
  return { ranked, printOf, ...bandCandidates(keys, bands, options.maxBucket) };
}

/** Candidates with every fingerprint, signature and band key remembered for the next rebuild (the preview). */
function rememberedCandidates(articles: readonly Article[], options: Options, cache: Cache): Candidates {
  const prints = articles.map((a) => fingerprint(a, options, cache));
  const signatures = prints.map((p) => signature(p, options.bands * options.rows));
  return { ranked: prints, printOf: (i) => prints[i]!, ...lshCandidates(signatures, options.bands, options.rows, options.maxBucket, true) };
}

/**
 * A related article dated only by its relative age ("3 hours ago") on a page without a year
 * takes its year from the page's story once that story has one from a merged copy: the page
 * context, not a guess. A date after the page's own is not completed.
 */
function completeYearsFromPages(stories: Story[]): Story[] {
  const storyOf = new Map<string, Story>();
  for (const s of stories) for (const a of s.sources) storyOf.set(a.id, s);
  return stories.map((story) => {
    if (!story.date || story.date.year !== null) return story;
    for (const copy of story.sources) {
      const page = copy.embeddedIn ? storyOf.get(copy.embeddedIn) : undefined;
      const pageDate = page?.date;
      if (!pageDate || pageDate.year === null) continue;
      const after = story.date.month > pageDate.month || (story.date.month === pageDate.month && story.date.day > pageDate.day);
      const year = after ? pageDate.year - 1 : pageDate.year;
      return { ...story, date: { ...story.date, year }, provenance: { ...story.provenance, date: `${copy.id} (year from ${page!.sources[0]!.id})` } };
    }
    return story;
  });
}

/** Sorts in place: newest first, undated last, then by id. */
export function sortStories(stories: Story[]): Story[] {
  const keys = new Map(stories.map((s) => [s, sortableDate(s.date)]));
  return stories.sort((a, b) => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    if (ka !== kb) return ka < kb ? 1 : -1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}


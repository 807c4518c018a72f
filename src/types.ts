/** The records that pass between stages. Every record is read-only once made. */

/** Where a piece of text came from: a file and a 1-based, inclusive line range. */
export interface Span {
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
}

/** One problem, tied to a file (and a line where it applies). Same shape as a vfile message. */
export interface Diagnostic {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly severity: 'error' | 'warning' | 'info';
  /** `stage/rule`, e.g. `load/no-date`. */
  readonly rule: string;
  readonly reason: string;
  readonly cause?: unknown;
}

/** Stages report problems through this and carry on. */
export interface Reporter {
  report(diagnostic: Diagnostic): void;
}

/** An input file after decoding: the only thing the parsers see. */
export interface SourceFile {
  /** Path relative to the content folder, with `/` separators. */
  readonly path: string;
  /** sha256 of the raw bytes, hex. */
  readonly hash: string;
  /** Decoded text with `\n` line endings and no byte-order mark. */
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

/** A calendar date as a page shows it; `year` is null when the page gives only month and day. */
export interface ArticleDate {
  readonly year: number | null;
  readonly month: number;
  readonly day: number;
  /** `HH:MM` when the page shows a time. */
  readonly time: string | null;
}

export type Layout = 'site' | 'aggregator' | 'markdown' | 'embedded' | 'text';

export interface Dateline {
  readonly city: string;
  readonly region: string | null;
}

export interface Image {
  readonly caption: string;
  readonly credit: string | null;
}

export interface Paragraph {
  /** Plain text of the paragraph, whitespace folded. */
  readonly text: string;
  /** Sanitised HTML for Markdown sources; text sources are escaped at render time. */
  readonly html: string | null;
  readonly span: Span;
}

export type ArticleField =
  | 'title'
  | 'date'
  | 'section'
  | 'authors'
  | 'agency'
  | 'outlet'
  | 'dateline'
  | 'image'
  | 'paragraphs'
  | 'tags';

/** One article as one file (or one embedded block of a file) shows it. */
export interface Article {
  /** `path` for a file's own article, `path#related-N` for embedded ones. */
  readonly id: string;
  readonly file: string;
  /** sha256 of the source file this came from. */
  readonly fileHash: string;
  readonly layout: Layout;
  readonly title: string;
  readonly date: ArticleDate | null;
  readonly section: string | null;
  readonly authors: readonly string[];
  readonly agency: string | null;
  /** The outlet or site the article was published by, when the file names one. */
  readonly outlet: string | null;
  readonly dateline: Dateline | null;
  readonly image: Image | null;
  readonly paragraphs: readonly Paragraph[];
  /** Front-matter tags, as written. */
  readonly tags: readonly string[];
  /** For an embedded article, the id of the article whose page carried it. */
  readonly embeddedIn: string | null;
  /** Relative age as the page shows it (`3 hours ago`), for embedded articles. */
  readonly age: string | null;
  /** The line range each field was taken from. */
  readonly spans: Readonly<Partial<Record<ArticleField, Span>>>;
}

export type TagKind = 'person' | 'place' | 'organisation' | 'section' | 'source' | 'topic';

export interface Tag {
  readonly kind: TagKind;
  readonly name: string;
  /** Unique across the site; safe as a path segment. */
  readonly slug: string;
}

/** One or more copies of the same story, merged, with the value chosen for each field. */
export interface Story {
  /** Unique across the site; safe as a path segment. */
  readonly id: string;
  readonly title: string;
  readonly date: ArticleDate | null;
  readonly section: string | null;
  readonly authors: readonly string[];
  readonly agency: string | null;
  readonly dateline: Dateline | null;
  readonly image: Image | null;
  readonly paragraphs: readonly Paragraph[];
  /** Every copy this story was merged from, canonical copy first. */
  readonly sources: readonly Article[];
  /** Which copy (article id) each chosen field came from. */
  readonly provenance: Readonly<Partial<Record<ArticleField, string>>>;
  readonly tags: readonly Tag[];
  /** Ids of stories on the same subject that were not merged. */
  readonly related: readonly string[];
}

/** An output file, path relative to the output folder with `/` separators. */
export interface Page {
  readonly path: string;
  readonly content: string | Uint8Array;
}

/** Everything the renderer needs. */
export interface Site {
  readonly config: SiteConfig;
  readonly stories: readonly Story[];
  readonly tags: readonly Tag[];
}

export interface SiteConfig {
  readonly title: string;
  readonly description: string;
  readonly language: string;
  /** Stories per list page. */
  readonly pageSize: number;
  /** Absolute URL of the site's root (`https://example.org/archive/`), for feeds, sitemaps and canonical links. */
  readonly baseUrl: string;
  /** URL path the site is served under (`/`, `/archive/`); used where relative links cannot be (the 404 page). */
  readonly basePath: string;
  /**
   * Stories per search shard, about: a changed story re-indexes its shard alone, and the search
   * page loads one index per shard (at most 16).
   */
  readonly searchShardSize: number;
}

/**
 * Markdown with optional YAML front matter. Front matter wins over anything found in the body;
 * without it the first heading is the title. The body is parsed by remark-parse (see blocks.ts) and rendered by remark-html with
 * sanitising on, one paragraph (top-level block) at a time so dedup sees the same units as for text.
 */
import matter from 'gray-matter';
import yaml from 'js-yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkHtml from 'remark-html';
import { unified } from 'unified';
import type { Article, ArticleDate, ArticleField, Image, Paragraph, Reporter, SourceFile, Span } from '../types.ts';
import { completeDate, foldSpace, newArticle } from './article.ts';
import { parseMarkdown } from './blocks.ts';
import { parseByline } from './rules/byline.ts';
import { parseDateline } from './rules/dateline.ts';
import { withoutVersionLabel } from './rules/lead.ts';
import { parseIsoDate, parseLeadingDate } from './rules/dates.ts';
import { knownAgency, normaliseAgency, parseSignoff } from './rules/signoff.ts';

const compiler = unified().use(remarkHtml, { sanitize: true });

/**
 * YAML with the core schema: timestamps stay the strings the author wrote, so a date is read as
 * written (`1987-03-02T14:05:00+01:00` is 2 March, 14:05) rather than shifted to UTC.
 */
const engines = { yaml: (text: string): object => (yaml.load(text, { schema: yaml.CORE_SCHEMA }) ?? {}) as object, toml: parseToml };

/** Front matter in TOML between `+++` lines, as Hugo writes it; its dates keep the offset as written. */
const TOML_OPENING = /^\uFEFF?\+\+\+[ \t]*\r?\n/;

/** Parses a Markdown file; a front-matter error is reported with its line and the file is skipped. */
export function parseMarkdownFile(source: SourceFile, reporter: Reporter): Article[] {
  const file = source.path;
  let data: Record<string, unknown>;
  let content: string;
  try {
    // Always pass an options object: without one gray-matter caches by content and identical
    // files would share one mutable `data` object.
    const toml = TOML_OPENING.test(source.text);
    const parsed = matter(source.text, toml ? { engines, language: 'toml', delimiters: '+++' } : { engines });
    data = isRecord(parsed.data) ? parsed.data : {};
    content = parsed.content;
  } catch (cause) {
    // Lines within the front matter as gray-matter hands it over, which starts with the opening
    // line's newline: js-yaml's are 0-based, smol-toml's 1-based (so already the file's).
    const yamlMark = (cause as { mark?: { line?: number; column?: number } }).mark;
    const at = cause instanceof TomlError ? { line: cause.line, column: cause.column } : yamlMark && { line: (yamlMark.line ?? 0) + 2, column: (yamlMark.column ?? 0) + 1 };
    reporter.report({
      file,
      line: at?.line ?? 1,
      column: at?.column ?? 1,
      severity: 'error',
      rule: 'load/front-matter',
      reason: `front matter is not valid ${cause instanceof TomlError ? 'TOML' : 'YAML'}: ${((cause as Error).message.split('\n')[0] ?? '').trim()}; skipped`,
      cause,
    });
    return [];
  }
  const offset = source.text.length - content.length;
  const bodyStartLine = source.text.slice(0, offset).split('\n').length;
  const line = (n: number | undefined): number => bodyStartLine + (n ?? 1) - 1;
  const spans: Partial<Record<ArticleField, Span>> = {};
  const front = (field: ArticleField): void => {
    spans[field] = { file, startLine: 1, endLine: Math.max(1, bodyStartLine - 1) };
  };

  const tree = parseMarkdown(content);
  const blocks = tree.children.filter((n) => n.type !== 'definition' && n.type !== 'thematicBreak');
  // A wire service's version label (`UPDATE 1-`) is not part of the headline (rules/lead.ts).
  const given = text(data.title ?? data.headline);
  let title = given && withoutVersionLabel(given);
  if (title) front('title');
  const firstHeading = blocks[0]?.type === 'heading' ? blocks[0] : null;
  const heading = firstHeading && foldSpace(toString(firstHeading, { includeHtml: false }));
  if (firstHeading && heading !== null && (!title || heading === given || heading === title)) {
    if (!title) {
      title = withoutVersionLabel(heading);
      spans.title = nodeSpan(firstHeading, file, line);
    }
    blocks.shift();
  }

  let agency = agencyOf(data.agency ?? data.source ?? data.publisher);
  if (agency) front('agency');
  const lastBlock = blocks.at(-1);
  if (lastBlock?.type === 'paragraph' && parseSignoff(toString(lastBlock, { includeHtml: false }))) {
    agency ??= parseSignoff(toString(lastBlock, { includeHtml: false }));
    spans.agency ??= nodeSpan(lastBlock, file, line);
    blocks.pop();
  }

  let date = frontDate(data.date ?? data.published ?? data.pubDate);
  if (date) front('date');
  if (data.date !== undefined && !date) {
    reporter.report({ file, line: 1, severity: 'warning', rule: 'load/bad-date', reason: `front matter date ${JSON.stringify(String(data.date))} is not a date` });
  }

  let dateline: Article['dateline'] = null;
  const first = blocks[0];
  if (first?.type === 'paragraph' && first.children[0]?.type === 'text') {
    const lead = first.children[0];
    const found = parseDateline(lead.value);
    if (found) {
      dateline = found.dateline;
      spans.dateline = nodeSpan(first, file, line);
      if (found.agency && !agency) agency = normaliseAgency(found.agency);
      if (found.date) date = completeDate(date, found.date);
      lead.value = found.rest;
    }
  }

  const paragraphs: Paragraph[] = [];
  for (const node of blocks) {
    const plain = foldSpace(toString(node, { includeHtml: false }));
    if (node.type === 'html') {
      // Raw HTML is never published; say so rather than drop it silently.
      reporter.report({ file, line: line(node.position?.start.line), severity: 'info', rule: 'load/raw-html', reason: 'raw HTML block removed (Markdown is sanitised)' });
    }
    if (!plain) continue;
    paragraphs.push({ text: plain, html: htmlUnlessPlain(renderBlock(node), plain), span: nodeSpan(node, file, line) });
  }
  if (!title) {
    reporter.report({ file, severity: 'warning', rule: 'load/no-title', reason: 'no title in front matter and no heading; skipped' });
    return [];
  }
  if (paragraphs.length === 0) {
    reporter.report({ file, line: bodyStartLine, severity: 'warning', rule: 'load/no-body', reason: 'front matter without body text; skipped' });
    return [];
  }
  spans.paragraphs = { file, startLine: paragraphs[0]!.span.startLine, endLine: paragraphs.at(-1)!.span.endLine };
  if (!date) reporter.report({ file, severity: 'warning', rule: 'load/no-date', reason: 'no date in front matter or dateline' });

  const authors = authorsOf(data);
  if (authors.length) front('authors');
  // Tags, keywords and categories are all the author's own labels for the story.
  const tags = [...new Set([...list(data.tags), ...list(data.keywords), ...list(data.categories)])];
  if (tags.length) front('tags');
  const image = imageOf(data);
  if (image) front('image');
  const section = text(data.section ?? data.category);
  if (section) front('section');
  const outlet = text(data.outlet ?? data.site ?? data.publication);
  if (outlet) front('outlet');
  return [
    newArticle({
      id: file,
      file,
      fileHash: source.hash,
      layout: 'markdown',
      title,
      date,
      section,
      authors,
      agency,
      outlet,
      dateline,
      image,
      paragraphs,
      tags,
      spans,
    }),
  ];
}

/**
 * Sanitised HTML of one top-level Markdown block. A paragraph of one text that remark-html would
 * pass through as it is (nothing to escape, no spaces at line edges) is wrapped without it.
 */
export function renderBlock(node: RootContent): string {
  const only = node.type === 'paragraph' && node.children.length === 1 ? node.children[0]! : null;
  if (only?.type === 'text' && passesThrough(only.value)) return `<p>${only.value}</p>`;
  const root: Root = { type: 'root', children: [node] };
  return String(compiler.stringify(compiler.runSync(root) as Root)).trim();
}

/** Text remark-html writes as it is: nothing to escape, no space or tab at either end or beside a line break. */
function passesThrough(value: string): boolean {
  return value.length > 0 && !/[&<\r]|^[ \t]|[ \t]$|[ \t]\n|\n[ \t]/.test(value);
}

/**
 * A block's HTML, or null when it is only its text in a paragraph (as in most news copy): pages
 * and feeds make that from the text, the same bytes, and memory holds the text once.
 */
function htmlUnlessPlain(html: string, text: string): string | null {
  return html.length === text.length + 7 && html === `<p>${text}</p>` && !/[&<>"']/.test(text) ? null : html;
}

/**
 * The agency front matter names (`source: Reuters`). A source that is the page's address names
 * the agency only by its host (`https://www.reuters.com/…` → Reuters); any other address is none.
 */
function agencyOf(value: unknown): string | null {
  const written = text(value);
  if (!written) return null;
  if (!/^https?:\/\//i.test(written)) return normaliseAgency(written);
  try {
    const labels = new URL(written).hostname.split('.');
    return knownAgency(labels.at(-2) ?? '');
  } catch {
    return null;
  }
}

/**
 * The authors: a `byline` read as one (`By Jane Doe, Reuters`), or `authors`/`author` as a list
 * (each as written, or an object's `name`), or one string naming several (`Jane Doe and John Roe`).
 */
function authorsOf(data: Record<string, unknown>): string[] {
  const byline = text(data.byline);
  if (byline) return (parseByline(byline) ?? parseByline(`By ${byline}`))?.authors ?? [];
  const given = data.authors ?? data.author;
  if (Array.isArray(given)) return given.map((a) => text(isRecord(a) ? a.name : a)).filter((a): a is string => a !== null);
  const one = text(isRecord(given) ? given.name : given);
  if (!one) return [];
  const named = parseByline(`By ${one}`)?.authors ?? [];
  return named.length ? named : list(one);
}

/** The picture's caption and credit (`caption:`, `credit:`, or under `image:`); the picture itself is not copied. */
function imageOf(data: Record<string, unknown>): Image | null {
  const under = isRecord(data.image) ? data.image : {};
  const caption = text(under.caption ?? data.image_caption ?? data.caption);
  const credit = text(under.credit ?? data.image_credit ?? data.photo_credit ?? data.credit);
  return caption || credit ? { caption: caption ?? '', credit } : null;
}

function frontDate(value: unknown): ArticleDate | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const iso = value.toISOString();
    return parseIsoDate(iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16));
  }
  const written = text(value);
  if (!written) return null;
  return parseIsoDate(written) ?? parseLeadingDate(written)?.date ?? null;
}

function nodeSpan(node: RootContent, file: string, line: (n: number | undefined) => number): Span {
  return { file, startLine: line(node.position?.start.line), endLine: line(node.position?.end.line) };
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return foldSpace(value) || null;
  if (typeof value === 'number') return String(value);
  return null;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text).filter((v): v is string => v !== null);
  const single = text(value);
  return single ? single.split(/\s*,\s*/).filter(Boolean) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

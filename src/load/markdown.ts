/**
 * Markdown with optional YAML front matter. Front matter wins over anything found in the body;
 * without it the first heading is the title. The body is parsed by remark-parse (see blocks.ts) and rendered by remark-html with
 * sanitising on, one paragraph (top-level block) at a time so dedup sees the same units as for text.
 */
import matter from 'gray-matter';
import yaml from 'js-yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { Paragraph as MdParagraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkHtml from 'remark-html';
import { unified } from 'unified';
import type { Article, ArticleDate, ArticleField, Image, Paragraph, Reporter, SourceFile, Span } from '../types.ts';
import { completeDate, foldSpace, newArticle } from './article.ts';
import { parseMarkdown } from './blocks.ts';
import { parseByline, parseDateByline, readClosing } from './rules/byline.ts';
import { parseCaptionWithCredit, parseCredit } from './rules/caption.ts';
import { parseDateline } from './rules/dateline.ts';
import { withoutVersionLabel } from './rules/lead.ts';
import { parseIsoDate, parseLeadingDate } from './rules/dates.ts';
import { knownAgency, normaliseAgency } from './rules/signoff.ts';

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

  // What a page clipped to Markdown keeps above the text: its picture with the caption and credit,
  // a byline, a date line. Front matter wins where it names the same.
  const head: { authors: string[]; authorsSpan?: Span; date: ArticleDate | null; dateSpan?: Span; image: Image | null } = { authors: [], date: null, image: null };
  for (let guard = 0; guard < 4 && blocks[0]?.type === 'paragraph'; guard++) {
    const block = blocks[0];
    const picture = pictureOf(block);
    const plain = foldSpace(toString(block, { includeHtml: false }));
    // A date line is short and has a figure: only such a block is read for a date.
    const dated = picture || plain.length > 160 || !/\d/.test(plain) ? null : parseDateByline(plain);
    const byline = picture || dated ? null : parseByline(plain);
    if (picture) {
      head.image ??= picture;
      spans.image ??= nodeSpan(block, file, line);
    } else if (dated) {
      head.date ??= dated.date;
      head.dateSpan ??= nodeSpan(block, file, line);
      if (dated.authors.length) {
        head.authors = dated.authors;
        head.authorsSpan = nodeSpan(block, file, line);
      }
      agency ??= dated.agency;
    } else if (byline) {
      head.authors = byline.authors;
      head.authorsSpan = nodeSpan(block, file, line);
      agency ??= byline.agency;
    } else break;
    blocks.shift();
  }

  // The closing lines: an agency sign-off, and a wire story's bracketed credits.
  const ends = blocks.slice(-2).reverse();
  const closing = readClosing(ends.map((b) => (b.type === 'paragraph' ? foldSpace(toString(b, { includeHtml: false })) : '')));
  if (closing.agency) {
    agency ??= closing.agency.name;
    spans.agency ??= nodeSpan(ends[closing.agency.at]!, file, line);
  }
  if (closing.reporters && head.authors.length === 0) {
    head.authors = closing.reporters.names;
    head.authorsSpan = nodeSpan(ends[closing.reporters.at]!, file, line);
  }
  blocks.splice(blocks.length - closing.taken);

  let date = frontDate(data.date ?? data.published ?? data.pubDate);
  if (date) front('date');
  else if (head.date) {
    date = head.date;
    spans.date = head.dateSpan;
  }
  if (data.date !== undefined && !date) {
    reporter.report({ file, line: 1, severity: 'warning', rule: 'load/bad-date', reason: `front matter date ${JSON.stringify(String(data.date))} is not a date` });
  }

  let dateline: Article['dateline'] = null;
  const first = blocks[0];
  if (first?.type === 'paragraph') {
    // Read from the paragraph's text, so a dateline set in bold (`**WASHINGTON (AP) —**`) is one too.
    const plain = foldSpace(toString(first, { includeHtml: false }));
    const found = parseDateline(plain);
    if (found) {
      dateline = found.dateline;
      spans.dateline = nodeSpan(first, file, line);
      if (found.agency && !agency) agency = normaliseAgency(found.agency);
      if (found.date) date = completeDate(date, found.date);
      dropLeadingText(first, plain.slice(0, plain.length - found.rest.length).replace(/\s/g, '').length);
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

  const fromFront = authorsOf(data);
  if (fromFront.length) front('authors');
  const authors = fromFront.length ? fromFront : head.authors;
  if (!fromFront.length && head.authors.length) spans.authors = head.authorsSpan;
  // Tags, keywords and categories are all the author's own labels for the story.
  const tags = [...new Set([...list(data.tags), ...list(data.keywords), ...list(data.categories)])];
  if (tags.length) front('tags');
  const pictured = imageOf(data);
  if (pictured) front('image');
  const image = pictured ?? head.image;
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
 * The picture a paragraph is, when it holds only images and a caption (`![alt](src)` then
 * `*A tanker at sea. Photograph: John Roe/Reuters*`): the caption and credit, or the image's
 * description when no caption is written. Null for a paragraph of text.
 */
function pictureOf(block: MdParagraph): Image | null {
  const parts = block.children.filter((c) => c.type !== 'break' && !(c.type === 'text' && c.value.trim() === ''));
  const isImage = (c: (typeof parts)[number]): boolean => c.type === 'image' || c.type === 'imageReference';
  const images = parts.filter(isImage);
  if (images.length === 0) return null;
  const caption = foldSpace(parts.filter((c) => !isImage(c)).map((c) => toString(c, { includeHtml: false })).join(' '));
  if (caption) {
    const found = parseCaptionWithCredit(caption);
    if (found) return found;
    const credit = parseCredit(caption);
    return credit ? { caption: '', credit } : { caption, credit: null };
  }
  const alt = foldSpace(images.map((c) => ('alt' in c ? (c.alt ?? '') : '')).join(' '));
  return { caption: alt, credit: null };
}

/**
 * Takes `count` characters of text (white space not counted) off the start of a paragraph, from
 * its text and through its inline markup (a dateline set in bold), and the white space after them.
 */
function dropLeadingText(parent: { children: RootContent[] }, count: number): number {
  let left = count;
  while (left > 0 && parent.children.length > 0) {
    const child = parent.children[0]!;
    if (child.type === 'text' || child.type === 'inlineCode') {
      let i = 0;
      for (; i < child.value.length && left > 0; i++) if (!/\s/.test(child.value[i]!)) left--;
      child.value = child.value.slice(i);
      if (child.value.trim() !== '') break;
      parent.children.shift();
    } else if ('children' in child) {
      left = dropLeadingText(child as { children: RootContent[] }, left);
      if (child.children.length > 0) break;
      parent.children.shift();
    } else parent.children.shift();
  }
  // The white space after what was taken.
  const next = parent.children[0];
  if (next?.type === 'text') next.value = next.value.trimStart();
  return left;
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

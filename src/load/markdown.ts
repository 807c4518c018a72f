/**
 * Markdown with optional YAML front matter. Front matter wins over anything found in the body;
 * without it the first heading is the title. The body is parsed by remark-parse (see blocks.ts) and rendered by remark-html with
 * sanitising on, one paragraph (top-level block) at a time so dedup sees the same units as for text.
 */
import matter from 'gray-matter';
import yaml from 'js-yaml';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkHtml from 'remark-html';
import { unified } from 'unified';
import type { Article, ArticleDate, ArticleField, Paragraph, Reporter, SourceFile, Span } from '../types.ts';
import { completeDate, foldSpace, newArticle } from './article.ts';
import { parseMarkdown } from './blocks.ts';
import { parseByline } from './rules/byline.ts';
import { parseDateline } from './rules/dateline.ts';
import { parseIsoDate, parseLeadingDate } from './rules/dates.ts';
import { normaliseAgency, parseSignoff } from './rules/signoff.ts';

const compiler = unified().use(remarkHtml, { sanitize: true });

/**
 * YAML with the core schema: timestamps stay the strings the author wrote, so a date is read as
 * written (`1987-03-02T14:05:00+01:00` is 2 March, 14:05) rather than shifted to UTC.
 */
const engines = { yaml: (text: string): object => (yaml.load(text, { schema: yaml.CORE_SCHEMA }) ?? {}) as object };

/** Parses a Markdown file; a front-matter error is reported with its line and the file is skipped. */
export function parseMarkdownFile(source: SourceFile, reporter: Reporter): Article[] {
  const file = source.path;
  let data: Record<string, unknown>;
  let content: string;
  try {
    // Always pass an options object: without one gray-matter caches by content and identical
    // files would share one mutable `data` object.
    const parsed = matter(source.text, { engines });
    data = isRecord(parsed.data) ? parsed.data : {};
    content = parsed.content;
  } catch (cause) {
    const mark = (cause as { mark?: { line?: number; column?: number } }).mark;
    reporter.report({
      file,
      line: mark?.line !== undefined ? mark.line + 2 : 1,
      column: mark?.column !== undefined ? mark.column + 1 : 1,
      severity: 'error',
      rule: 'load/front-matter',
      reason: `front matter is not valid YAML: ${((cause as Error).message.split('\n')[0] ?? '').trim()}; skipped`,
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
  let title = text(data.title ?? data.headline);
  if (title) front('title');
  const firstHeading = blocks[0]?.type === 'heading' ? blocks[0] : null;
  if (firstHeading && (!title || foldSpace(toString(firstHeading, { includeHtml: false })) === title)) {
    if (!title) {
      title = foldSpace(toString(firstHeading, { includeHtml: false }));
      spans.title = nodeSpan(firstHeading, file, line);
    }
    blocks.shift();
  }

  let agency = text(data.agency ?? data.source ?? data.publisher);
  if (agency) {
    agency = normaliseAgency(agency);
    front('agency');
  }
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

  const byline = text(data.byline);
  const authors = (byline ? (parseByline(/^by\s/i.test(byline) ? byline : `By ${byline}`)?.authors ?? []) : list(data.authors ?? data.author)).filter(
    (a) => a.length > 0,
  );
  if (authors.length) front('authors');
  const tags = list(data.tags ?? data.keywords ?? data.categories);
  if (tags.length) front('tags');
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

/**
 * Plain text as saved from a news page: an optional header line, the headline, a date/byline line,
 * an image caption and credit, the paragraphs, an agency sign-off, and page furniture with
 * related articles after the story. Each step is one named rule from ./rules.
 */
import { decodeHTMLStrict } from 'entities';
import type { Article, ArticleDate, ArticleField, Dateline, Image, Paragraph, Reporter, SourceFile, Span } from '../types.ts';
import { isBoilerplate, isNotice, isRelatedHeading, isWidget } from './rules/boilerplate.ts';
import { parseByline, parseDateByline, readClosing } from './rules/byline.ts';
import { parseCaptionLine, parseCaptionWithCredit, parseCredit } from './rules/caption.ts';
import { parseDateline } from './rules/dateline.ts';
import { parseAgeLine, resolveRelativeAge } from './rules/dates.ts';
import { parseHeaderLine } from './rules/header.ts';
import { isEditorsNote, parseLead, withoutVersionLabel } from './rules/lead.ts';
import { normaliseAgency } from './rules/signoff.ts';
import { parseTopics } from './rules/topics.ts';
import { completeDate, foldSpace, newArticle } from './article.ts';

/** A line of the file with its 1-based number. */
export interface Line {
  readonly text: string;
  readonly n: number;
}

/** Longest line we treat as text someone saved; longer ones are a scrape gone wrong. */
export const MAX_LINE = 100_000;
/** A headline is a line, not a paragraph. */
const MAX_TITLE = 300;

/**
 * Splits a decoded file into numbered lines with trailing white space removed. Character
 * references a page's source leaves in text copied from it (`AT&amp;T`, `&#8220;`, `&nbsp;`) are
 * read as the characters they stand for; pages escape what they show, so nothing is lost.
 */
export function toLines(text: string): Line[] {
  return text.split('\n').map((t, i) => ({ text: t.includes('&') ? decodeHTMLStrict(t.trimEnd()) : t.trimEnd(), n: i + 1 }));
}

/** Parses a plain-text article file into its article and the related articles embedded in it. */
export function parseTextFile(source: SourceFile, reporter: Reporter): Article[] {
  const lines = toLines(source.text);
  const long = lines.find((l) => l.text.length > MAX_LINE);
  if (long) {
    reporter.report({
      file: source.path,
      line: long.n,
      severity: 'warning',
      rule: 'load/line-too-long',
      reason: `line is ${long.text.length.toLocaleString('en')} characters long: not an article as saved from a page; skipped`,
    });
    return [];
  }
  const related = findRelatedHeading(lines);
  const page = related === -1 ? lines : lines.slice(0, related);
  // A widget or a related-articles list marks an aggregator's page (a publisher's notice does not).
  let furnished = related !== -1;
  const own = page.filter((l) => {
    if (!isWidget(l.text)) return !isNotice(l.text);
    furnished = true;
    return false;
  });
  const article = parseArticleLines(own, source, reporter, furnished);
  if (!article) return [];
  const embedded = related === -1 ? [] : parseEmbedded(lines.slice(related + 1), article, source);
  return [article, ...embedded];
}

/** The related-articles heading that is followed by at least one listed article, or -1. */
function findRelatedHeading(lines: readonly Line[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (!isRelatedHeading(lines[i]!.text)) continue;
    const ahead = lines.slice(i + 1, i + 12);
    if (ahead.some((l) => parseAgeLine(l.text)) || ahead.every((l) => l.text === '')) return i;
  }
  return -1;
}

function parseArticleLines(lines: readonly Line[], source: SourceFile, reporter: Reporter, furnished: boolean): Article | null {
  const file = source.path;
  const spans: Partial<Record<ArticleField, Span>> = {};
  const at = (l: Line): Span => ({ file, startLine: l.n, endLine: l.n });
  let i = skipBlank(lines, 0);
  if (i >= lines.length) {
    reporter.report({ file, severity: 'warning', rule: 'load/no-article', reason: 'no article found (only page furniture); skipped' });
    return null;
  }

  let date: ArticleDate | null = null;
  let section: string | null = null;
  const header = parseHeaderLine(lines[i]!.text);
  if (header) {
    date = header.date;
    section = header.section;
    spans.date = at(lines[i]!);
    if (section) spans.section = at(lines[i]!);
    i = skipBlank(lines, i + 1);
  }

  // A section kicker above the headline (`Business`), recognised only when a date or byline
  // line follows the headline, so a one-word headline is never mistaken for one.
  if (!header && isKicker(lines[i]!.text)) {
    const title = skipBlank(lines, i + 1);
    const meta = skipBlank(lines, title + 1);
    const confirm = lines[meta];
    if (lines[title] && confirm && (parseDateByline(confirm.text) || parseByline(confirm.text))) {
      section = foldSpace(lines[i]!.text);
      spans.section = at(lines[i]!);
      i = title;
    }
  }

  const titleLine = lines[i];
  if (!titleLine || titleLine.text.length > MAX_TITLE) {
    reporter.report({
      file,
      line: titleLine?.n,
      severity: 'warning',
      rule: 'load/no-title',
      reason: titleLine ? 'first line is too long to be a headline: not an article; skipped' : 'no headline found; skipped',
    });
    return null;
  }
  const title = withoutVersionLabel(foldSpace(titleLine.text));
  spans.title = at(titleLine);
  i = skipBlank(lines, i + 1);

  // Meta lines between headline and body: date and byline, byline alone, caption and credit; and
  // above them a standfirst (the summary some papers print under the headline), which is the
  // story's first paragraph.
  let standfirst: Line | null = null;
  let authors: string[] = [];
  let agency: string | null = null;
  let image: Image | null = null;
  for (let guard = 0; guard < 5 && i < lines.length; guard++) {
    const line = lines[i]!;
    const dated = parseDateByline(line.text);
    const byline = dated ? null : parseByline(line.text);
    const next = lines[i + 1];
    const credit = next ? parseCredit(next.text) : null;
    const ownCredit = parseCredit(line.text);
    const labelledCaption = parseCaptionLine(line.text);
    // A name alone on the line before a date line is the byline (`Jane Doe` then `4 March 2024`).
    const bare = dated || byline || !next || line.text.length > 80 ? null : parseByline(`By ${line.text}`);
    const person = byline ?? (bare && parseDateByline(next!.text) ? bare : null);
    // A caption closed by its credit (`… (AP Photo/Evan Vucci)`), which a dateline paragraph never is.
    const caption = dated || person ? null : parseCaptionWithCredit(line.text);
    const captioned = caption && !parseDateline(line.text) ? caption : null;
    const current = image as Image | null;
    if (labelledCaption !== null) {
      image = { caption: labelledCaption, credit: current?.credit ?? null };
      spans.image = { file, startLine: spans.image?.startLine ?? line.n, endLine: line.n };
    } else if (dated) {
      date = completeDate(date, dated.date);
      spans.date = at(line);
      if (dated.authors.length) {
        authors = dated.authors;
        spans.authors = at(line);
      }
      agency = dated.agency ?? agency;
    } else if (person) {
      authors = person.authors;
      agency = person.agency ?? agency;
      spans.authors = at(line);
    } else if (captioned) {
      image = captioned;
      spans.image = at(line);
    } else if (credit !== null && next && line.text.length <= 400) {
      image = { caption: foldSpace(line.text), credit };
      spans.image = { file, startLine: line.n, endLine: next.n };
      i = skipBlank(lines, i + 2);
      continue;
    } else if (ownCredit !== null) {
      image = { caption: current?.caption ?? '', credit: ownCredit };
      spans.image = { file, startLine: spans.image?.startLine ?? line.n, endLine: line.n };
    } else if (guard === 0 && isStandfirst(lines, i)) standfirst = line;
    else break;
    i = skipBlank(lines, i + 1);
  }

  // The page's topic labels under the story are its tags, not text.
  const topics = takeTopics(lines.slice(i));
  let body = topics.body;
  if (topics.span) spans.tags = { file, ...topics.span };
  // The closing lines: an agency sign-off, and a wire story's bracketed credits.
  const ends = lastNonBlanks(body, 2);
  const closing = readClosing(ends.map((j) => body[j]!.text));
  if (closing.agency) {
    agency = closing.agency.name;
    spans.agency = at(body[ends[closing.agency.at]!]!);
  }
  // Those who reported the story are its authors when no byline names them.
  if (closing.reporters && closing.reporters.names.length > 0 && authors.length === 0) {
    authors = closing.reporters.names;
    spans.authors = at(body[ends[closing.reporters.at]!]!);
  }
  if (closing.taken > 0) body = body.slice(0, ends[closing.taken - 1]);

  const opening = openParagraphs(toParagraphs(body, file));
  const paragraphs = opening.paragraphs;
  if (opening.credit && !image?.credit) {
    image = { caption: image?.caption ?? '', credit: opening.credit.text };
    spans.image = opening.credit.span;
  }
  let dateline: Dateline | null = null;
  const first = paragraphs[0];
  if (first) {
    const found = parseDateline(first.text);
    if (found) {
      dateline = found.dateline;
      spans.dateline = { ...first.span, endLine: first.span.startLine };
      if (found.agency) {
        agency = normaliseAgency(found.agency);
        spans.agency = spans.dateline;
      }
      if (found.date) {
        date = completeDate(date, found.date);
        spans.date ??= spans.dateline;
      }
      paragraphs[0] = { ...first, text: found.rest };
    }
  }
  if (standfirst) paragraphs.unshift({ text: foldSpace(standfirst.text), html: null, span: { file, startLine: standfirst.n, endLine: standfirst.n } });
  if (paragraphs.length === 0) {
    reporter.report({ file, line: titleLine.n, severity: 'warning', rule: 'load/no-body', reason: 'headline without body text; skipped' });
    return null;
  }
  spans.paragraphs = { file, startLine: paragraphs[0]!.span.startLine, endLine: paragraphs.at(-1)!.span.endLine };
  if (date === null) {
    reporter.report({ file, severity: 'info', rule: 'load/no-date', reason: 'no date found in the file' });
  }
  return newArticle({
    id: file,
    file,
    fileHash: source.hash,
    layout: header ? 'site' : dateline || furnished ? 'aggregator' : 'text',
    title,
    date,
    section,
    authors,
    agency,
    dateline,
    image,
    paragraphs,
    tags: topics.labels,
    spans,
  });
}

/**
 * Whether the line at `at`, the first under the headline and no meta line, is a standfirst: a line
 * of text (not a dateline paragraph) with a byline or a date line right under it.
 */
function isStandfirst(lines: readonly Line[], at: number): boolean {
  const text = lines[at]!.text;
  const below = skipBlank(lines, at + 1);
  const next = lines[below];
  if (!next || text.length > MAX_STANDFIRST || next.n - lines[at]!.n > 2) return false;
  // Under it: a byline, a date line, or a name alone over a date line (`Jane Doe in London`). Date
  // lines are short and have a figure: only such lines are read for a date.
  const dated = (line: Line | undefined): boolean => line !== undefined && line.text.length <= 120 && /\d/.test(line.text) && parseDateByline(line.text) !== null;
  const underIt =
    parseByline(next.text) !== null ||
    (next.text.length <= 80 && parseByline(`By ${next.text}`) !== null && dated(lines[skipBlank(lines, below + 1)])) ||
    dated(next);
  return underIt && !parseDateline(text);
}

/** A standfirst is a sentence or two. */
const MAX_STANDFIRST = 400;

/** The body without the topic lists a page prints under the story (rules/topics.ts), and their labels. */
function takeTopics(lines: readonly Line[]): { body: Line[]; labels: string[]; span: { startLine: number; endLine: number } | null } {
  const body: Line[] = [];
  const labels: string[] = [];
  let startLine = 0;
  let endLine = 0;
  for (let j = 0; j < lines.length; j++) {
    const line = lines[j]!;
    // Only a line of its own (a blank line or the start above it) heads a list.
    const found = j > 0 && lines[j - 1]!.text.trim() === '' ? parseTopics(line.text, lines.slice(j + 1, j + 17).map((l) => l.text)) : null;
    if (!found) {
      body.push(line);
      continue;
    }
    for (const label of found.labels) if (!labels.includes(label)) labels.push(label);
    startLine ||= line.n;
    endLine = lines[j + found.taken]!.n;
    j += found.taken;
  }
  return { body, labels, span: startLine ? { startLine, endLine } : null };
}

/** A list item's marker at the start of a line: a bullet, or an asterisk and a space. */
const BULLET = /^\s*(?:[•·▪●◦‣]|\*\s)/;

/**
 * Paragraphs as the file lays them out: blocks separated by blank lines (lines inside a block are
 * re-joined), or, when the body has no blank lines at all, one paragraph per line.
 */
export function toParagraphs(lines: readonly Line[], file: string): Paragraph[] {
  const start = skipBlank(lines, 0);
  const end = lastNonBlank(lines);
  const body = lines.slice(start, end + 1);
  const blockMode = body.some((l) => l.text.trim() === '');
  const out: Paragraph[] = [];
  let block: Line[] = [];
  const flush = (): void => {
    if (block.length === 0) return;
    const text = foldSpace(block.map((l) => l.text).join(' '));
    if (text) out.push({ text, html: null, span: { file, startLine: block[0]!.n, endLine: block.at(-1)!.n } });
    block = [];
  };
  for (const line of body) {
    if (line.text.trim() === '') flush();
    else {
      // A list item starts a paragraph of its own, though the list has no blank lines.
      if (BULLET.test(line.text)) flush();
      block.push(line);
      if (!blockMode) flush();
    }
  }
  flush();
  return out;
}

/**
 * The paragraphs with their opening set right (rules/lead.ts): editors' notes above it dropped, a
 * drop cap joined to its word, and a photo credit at the head of the body taken out, with where it
 * was. A body that is nothing but a credit line or a note is left as it is.
 */
function openParagraphs(all: Paragraph[]): { paragraphs: Paragraph[]; credit: { text: string; span: Span } | null } {
  // Editors' notes on a version of the story stand above its first paragraph.
  let notes = 0;
  while (notes < all.length - 1 && isEditorsNote(all[notes]!.text)) notes++;
  const paragraphs = notes ? all.slice(notes) : all;
  const first = paragraphs[0];
  if (!first) return { paragraphs, credit: null };
  const lead = parseLead(first.text);
  if (lead.text === first.text) return { paragraphs, credit: null };
  if (lead.text === '' && paragraphs.length === 1) return { paragraphs, credit: null };
  const credit = lead.credit === null ? null : { text: lead.credit, span: first.span };
  return { paragraphs: lead.text === '' ? paragraphs.slice(1) : [{ ...first, text: lead.text }, ...paragraphs.slice(1)], credit };
}

/** Related articles listed after the story: outlet, relative age, optional `- outlet`, headline, body. */
function parseEmbedded(lines: readonly Line[], page: Article, source: SourceFile): Article[] {
  const found = lines.flatMap((l, i) => {
    const hit = parseAgeLine(l.text);
    return hit ? [{ at: i, ...hit }] : [];
  });
  const ages = found.map((f) => f.at);
  const out: Article[] = [];
  // Each block starts at its outlet line (the line before the age, unless the age line names the
  // outlet itself) and ends where the next block starts.
  const starts = found.map(({ at, outlet }) => {
    if (outlet) return at;
    const before = lastNonBlank(lines.slice(0, at));
    return before !== -1 && isOutletName(lines[before]!.text) ? before : at;
  });
  ages.forEach((a, k) => {
    const from = starts[k]!;
    const to = k + 1 < starts.length ? starts[k + 1]! : lines.length;
    const outlet = found[k]!.outlet ?? (from < a ? foldSpace(lines[from]!.text) : null);
    let i = skipBlank(lines, a + 1);
    const repeat = lines[i] ? /^[-–•·]\s*(.+)$/.exec(lines[i]!.text) : null;
    if (repeat && isOutletName(repeat[1] ?? '')) i = skipBlank(lines, i + 1);
    const titleLine = lines[i];
    if (!titleLine || i >= to || titleLine.text.length > MAX_TITLE) return;
    const bodyLines = lines.slice(i + 1, to).filter((l) => !isBoilerplate(l.text));
    const { paragraphs, credit } = openParagraphs(toParagraphs(bodyLines, source.path));
    const age = foldSpace(found[k]!.age);
    const file = source.path;
    out.push(
      newArticle({
        id: `${file}#related-${out.length + 1}`,
        file,
        fileHash: source.hash,
        layout: 'embedded',
        title: withoutVersionLabel(foldSpace(titleLine.text)),
        date: resolveRelativeAge(age, page.date),
        outlet,
        paragraphs,
        embeddedIn: page.id,
        age,
        image: credit && { caption: '', credit: credit.text },
        spans: {
          ...(credit ? { image: credit.span } : {}),
          title: { file, startLine: titleLine.n, endLine: titleLine.n },
          ...(outlet ? { outlet: { file, startLine: lines[from]!.n, endLine: lines[from]!.n } } : {}),
          ...(paragraphs.length
            ? { paragraphs: { file, startLine: paragraphs[0]!.span.startLine, endLine: paragraphs.at(-1)!.span.endLine } }
            : {}),
        },
      }),
    );
  });
  return out;
}

/** A section name printed above a headline: one to three capitalised words, no punctuation. */
function isKicker(text: string): boolean {
  const t = text.trim();
  return t.length <= 30 && /^\p{Lu}[\p{L}&]*(?: [\p{Lu}&][\p{L}&]*){0,2}$/u.test(t);
}

/** An outlet's name: a short capitalised line without sentence punctuation. */
function isOutletName(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 40 && t.split(/\s+/).length <= 5 && /^[\p{Lu}\d]/u.test(t) && !/[.!?:]$/.test(t);
}

function skipBlank(lines: readonly Line[], from: number): number {
  let i = from;
  while (i < lines.length && lines[i]!.text.trim() === '') i++;
  return i;
}

/** The indices of the last `count` lines with text, from the last up. */
function lastNonBlanks(lines: readonly Line[], count: number): number[] {
  const out: number[] = [];
  for (let i = lines.length - 1; i >= 0 && out.length < count; i--) if (lines[i]!.text.trim() !== '') out.push(i);
  return out;
}

function lastNonBlank(lines: readonly Line[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.text.trim() !== '') return i;
  return -1;
}

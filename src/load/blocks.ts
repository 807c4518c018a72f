/**
 * Markdown → mdast, as remark-parse gives it, with shortcuts for the blocks of plain prose.
 *
 * Most of a news article is paragraphs of prose, and micromark spends most of its time on them,
 * character by character. A paragraph whose every character is ordinary text (no markup
 * anywhere, nothing at a line start that could open a block) has one possible tree: a paragraph
 * with one text node, its lines joined by line feeds. One whose only markup is a bold or italic
 * phrase or a link of the simple shapes in inline.ts has one too, and so has a one-line heading
 * or quote of such prose. These blocks are made here; the rest of the document goes to
 * remark-parse in the runs between them, so anything else is still parsed by remark. Property
 * tests hold the result equal to remark-parse's, positions included.
 */
import type { Blockquote, Heading, Paragraph, Root, RootContent } from 'mdast';
import type { Node, Point } from 'unist';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { simpleParagraph } from './inline.ts';

const parser = unified().use(remarkParse);

/**
 * Documents remark parses whole: anything that can reach across a blank line (HTML blocks,
 * fenced code, link reference definitions used elsewhere) or that changes what a line is
 * (carriage returns, tabs, NUL).
 */
const WHOLE = /[<`~\r\t\0]|\]:/;

/** Characters that are markup anywhere in a line (escapes, emphasis, links and references, entities). */
const INLINE_MARKUP = /[\\*_[\]&]/;

/** A line start that could open or interrupt a block: indentation, a heading, quote, list, rule or underline. */
const BLOCK_START = /^(?:[ #>*+=_-]|\d{1,9}[.)])/;

/** The document's mdast, equal to `remark-parse`'s. */
export function parseMarkdown(content: string): Root {
  if (WHOLE.test(content)) return parser.parse(content);
  const lines = content.split('\n');
  const children: RootContent[] = [];
  let anyPlain = false;
  // The complex blocks since the last plain one, by first line and past-the-end line.
  let pendingFrom = -1;
  let pendingTo = -1;
  const offsets = lineOffsets(lines);
  const flush = (): void => {
    if (pendingFrom < 0) return;
    const start = offsets[pendingFrom]!;
    const end = offsets[pendingTo - 1]! + lines[pendingTo - 1]!.length;
    for (const node of parser.parse(content.slice(start, end)).children) children.push(shift(node, pendingFrom, start));
    pendingFrom = -1;
  };
  for (let i = 0; i < lines.length; ) {
    if (isBlank(lines[i]!)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && !isBlank(lines[j]!)) j++;
    const kind = blockKind(lines, i, j);
    const made =
      kind === 'plain' ? paragraph(lines, offsets, i, j)
      : kind === 'prose' ? proseParagraph(lines, offsets, i, j)
      : j === i + 1 ? headingOrQuote(lines[i]!, i + 1, offsets[i]!)
      : null;
    if (made) {
      flush();
      children.push(made);
      anyPlain = true;
    } else {
      if (pendingFrom < 0) pendingFrom = i;
      pendingTo = j;
    }
    i = j;
  }
  if (!anyPlain) return parser.parse(content);
  flush();
  const last = lines.length - 1;
  return {
    type: 'root',
    children,
    position: { start: { line: 1, column: 1, offset: 0 }, end: { line: last + 1, column: lines[last]!.length + 1, offset: content.length } },
  };
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) !== 32) return false;
  return true;
}

/**
 * Lines [from, to) as a paragraph: `plain` text (no markup, nothing opening a block, no edge
 * spaces), `prose` (the same but with inline markup), or `other` (anything else).
 */
function blockKind(lines: readonly string[], from: number, to: number): 'plain' | 'prose' | 'other' {
  let markup = false;
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (BLOCK_START.test(line) || line.endsWith(' ')) return 'other';
    markup ||= INLINE_MARKUP.test(line);
  }
  return markup ? 'prose' : 'plain';
}

/** A prose paragraph whose inline markup is all of the simple shapes (see inline.ts), or null. */
function proseParagraph(lines: readonly string[], offsets: readonly number[], from: number, to: number): Paragraph | null {
  return simpleParagraph(lines.slice(from, to).join('\n'), from + 1, offsets[from]!);
}

/** An ATX heading (`## Words`, no closing hashes). */
const HEADING = /^(#{1,6}) [^ ]/;

/**
 * A one-line block that is a heading or a quote of prose whose inline markup is simple (see
 * inline.ts), on 1-based `line` at `offset`; null for anything else.
 */
function headingOrQuote(text: string, line: number, offset: number): Heading | Blockquote | null {
  // Trailing spaces are trimmed from a heading's text and may be a hard break in a quote: remark's.
  if (text.endsWith(' ')) return null;
  const position = { start: { line, column: 1, offset }, end: { line, column: text.length + 1, offset: offset + text.length } };
  const heading = HEADING.exec(text);
  if (heading) {
    const depth = heading[1]!.length as Heading['depth'];
    if (text.endsWith('#')) return null;
    const content = simpleParagraph(text.slice(depth + 1), line, offset + depth + 1, depth + 2);
    return content && { type: 'heading', depth, children: content.children, position };
  }
  if (text.startsWith('> ') && text.length > 2 && !BLOCK_START.test(text.slice(2))) {
    const content = simpleParagraph(text.slice(2), line, offset + 2, 3);
    return content && { type: 'blockquote', children: [content], position };
  }
  return null;
}

function paragraph(lines: readonly string[], offsets: readonly number[], from: number, to: number): Paragraph {
  const start: Point = { line: from + 1, column: 1, offset: offsets[from]! };
  const lastLine = lines[to - 1]!;
  const end: Point = { line: to, column: lastLine.length + 1, offset: offsets[to - 1]! + lastLine.length };
  const value = lines.slice(from, to).join('\n');
  return {
    type: 'paragraph',
    children: [{ type: 'text', value, position: { start: { ...start }, end: { ...end } } }],
    position: { start, end },
  };
}

function lineOffsets(lines: readonly string[]): number[] {
  const offsets = new Array<number>(lines.length);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    offsets[i] = offset;
    offset += lines[i]!.length + 1;
  }
  return offsets;
}

/** A node parsed from a slice that began at line `line` (0-based) and `offset`, moved to where the slice sits. */
function shift<T extends Node>(node: T, line: number, offset: number): T {
  const position = node.position;
  if (position) {
    for (const point of [position.start, position.end]) {
      point.line += line;
      if (point.offset !== undefined) point.offset += offset;
    }
  }
  const children = (node as { children?: Node[] }).children;
  if (children) for (const child of children) shift(child, line, offset);
  return node;
}

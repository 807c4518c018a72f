/**
 * Markdown → mdast, as remark-parse gives it, with a shortcut for plain paragraphs.
 *
 * Most of a news article is paragraphs of plain prose, and micromark spends about half its time
 * on them, character by character. A paragraph whose every character is ordinary text (no
 * markup anywhere, nothing at a line start that could open a block) has one possible tree: a
 * paragraph with one text node, its lines joined by line feeds. Such blocks are made here; the
 * rest of the document goes to remark-parse in the runs between them, so anything with markup
 * is still parsed by remark. A property test holds the result equal to remark-parse's, positions
 * included.
 */
import type { Paragraph, Root, RootContent } from 'mdast';
import type { Node, Point } from 'unist';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

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
    if (isPlainBlock(lines, i, j)) {
      flush();
      children.push(paragraph(lines, offsets, i, j));
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

/** Lines [from, to) are a paragraph of plain text: no markup, nothing opening a block, no edge spaces. */
function isPlainBlock(lines: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (BLOCK_START.test(line) || line.endsWith(' ') || INLINE_MARKUP.test(line)) return false;
  }
  return true;
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

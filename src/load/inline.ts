/**
 * A paragraph of prose with simple inline markup → mdast, as remark-parse gives it.
 *
 * News copy in Markdown uses a little markup inside otherwise plain paragraphs: a bold phrase,
 * an italic one, a link. When each piece of markup is one of these shapes, CommonMark leaves no
 * choice about what it means, and the paragraph's tree is built here:
 *
 * - `**words**` or `__words__` (strong), `*words*` or `_words_` (emphasis): on one line, after a
 *   space or the paragraph's start, the words beginning and ending with a letter or digit and
 *   holding no markup, the closing run followed by a space, a line end or punctuation that
 *   cannot continue it. Such an opener can only open and such a closer only close, and with no
 *   other delimiter in the paragraph each pairs with its own.
 * - `[words](destination)` (link, no title): not after `!`, the words holding no markup or
 *   brackets, the destination no space, bracket, quote, angle bracket or markup.
 *
 * Any other markup character (`\`, `&`, a lone `*` or `_`, a bracket) and the paragraph is left
 * to remark-parse: null. A property test holds every tree made here equal to remark-parse's.
 */
import type { Link, Paragraph, PhrasingContent, Text } from 'mdast';
import type { Point } from 'unist';

/** The characters that are markup inside a paragraph (see INLINE_MARKUP in blocks.ts). */
const MARKUP = /[\\*_[\]&]/g;

/** The words of a strong or emphasis span: letters or digits at both ends, no markup or line break. */
const SPAN_WORDS = /^[\p{L}\p{N}](?:[^\\*_[\]&\n]*[\p{L}\p{N}])?$/u;

/** What may follow a closing delimiter run: it then cannot open (nor run on). */
const AFTER_CLOSER = /[ \n.,;:!?)"']/;

const LINK_TEXT = /^[^\s\\*_[\]&()](?:[^\\*_[\]&()\n]*[^\s\\*_[\]&()])?$/;
const DESTINATION = /^[^\s()<>\\*_[\]&"'`]+$/;

/**
 * The paragraph of `text` (its lines joined by line feeds, no line starting a block, none ending
 * in a space) that starts on 1-based `line` and `column` at `offset`, or null when remark-parse
 * must decide. Only a one-line text may start after column 1 (a heading's or a quote's content).
 */
export function simpleParagraph(text: string, line: number, offset: number, column = 1): Paragraph | null {
  const at = pointsIn(text, line, offset, column);
  const children: PhrasingContent[] = [];
  let from = 0;
  const textUpTo = (end: number): void => {
    if (end > from) children.push(textNode(text, from, end, at));
  };
  MARKUP.lastIndex = 0;
  for (let m = MARKUP.exec(text); m; m = MARKUP.exec(text)) {
    const i = m.index;
    const c = text[i]!;
    const end = c === '*' || c === '_' ? delimitedEnd(text, i, c) : c === '[' ? linkEnd(text, i) : -1;
    if (end < 0) return null;
    textUpTo(i);
    children.push(c === '[' ? linkNode(text, i, end, at) : spanNode(text, i, end, at));
    from = end;
    MARKUP.lastIndex = end;
  }
  textUpTo(text.length);
  return { type: 'paragraph', children, position: { start: at(0), end: at(text.length) } };
}

/** Where a strong or emphasis span opening at `i` ends, or -1 when it is not one of the simple shapes. */
function delimitedEnd(text: string, i: number, c: string): number {
  const size = text[i + 1] === c ? 2 : 1;
  if (i > 0 && text[i - 1] !== ' ') return -1;
  const close = text.indexOf(size === 2 ? c + c : c, i + size);
  if (close < 0 || !SPAN_WORDS.test(text.slice(i + size, close))) return -1;
  const end = close + size;
  return end === text.length || AFTER_CLOSER.test(text[end]!) ? end : -1;
}

/** Where a link opening at `i` ends (past its `)`), or -1 when it is not the simple shape. */
function linkEnd(text: string, i: number): number {
  if (i > 0 && text[i - 1] === '!') return -1;
  const close = text.indexOf(']', i + 1);
  if (close < 0 || text[close + 1] !== '(' || !LINK_TEXT.test(text.slice(i + 1, close))) return -1;
  const paren = text.indexOf(')', close + 2);
  if (paren < 0 || !DESTINATION.test(text.slice(close + 2, paren))) return -1;
  return paren + 1;
}

function spanNode(text: string, start: number, end: number, at: (i: number) => Point): PhrasingContent {
  const size = text[start + 1] === text[start] ? 2 : 1;
  const inner = textNode(text, start + size, end - size, at);
  const position = { start: at(start), end: at(end) };
  return size === 2 ? { type: 'strong', children: [inner], position } : { type: 'emphasis', children: [inner], position };
}

function linkNode(text: string, start: number, end: number, at: (i: number) => Point): Link {
  const close = text.indexOf(']', start + 1);
  return {
    type: 'link',
    title: null,
    url: text.slice(close + 2, end - 1),
    children: [textNode(text, start + 1, close, at)],
    position: { start: at(start), end: at(end) },
  };
}

function textNode(text: string, start: number, end: number, at: (i: number) => Point): Text {
  return { type: 'text', value: text.slice(start, end), position: { start: at(start), end: at(end) } };
}

/** The point of each index of `text`, which starts on `line` and `column` at `offset`. */
function pointsIn(text: string, line: number, offset: number, column: number): (i: number) => Point {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (i) => {
    let l = starts.length - 1;
    while (starts[l]! > i) l--;
    return { line: line + l, column: i - starts[l]! + (l === 0 ? column : 1), offset: offset + i };
  };
}

/**
 * parseMarkdown (plain paragraphs made directly, the rest by remark-parse) gives exactly
 * remark-parse's tree, positions included: on documents mixing plain prose with every block and
 * inline construct that could change what a neighbouring line means, and on every Markdown file
 * of the shared corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import matter from 'gray-matter';
import type { Root, RootContent } from 'mdast';
import remarkHtml from 'remark-html';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/load/blocks.ts';
import { renderBlock } from '../../../src/load/markdown.ts';
import { CORPUS } from '../../helpers/corpus.ts';

const remark = unified().use(remarkParse);
const html = unified().use(remarkHtml, { sanitize: true });
const remarkHtmlOf = (node: RootContent): string => {
  const root: Root = { type: 'root', children: [node] };
  return String(html.stringify(html.runSync(root) as Root)).trim();
};
const RUNS = Number(process.env.NEWS_ARCHIVE_FUZZ ?? 2000);

/** Lines of prose, and lines that open, continue or end blocks, or carry inline markup. */
const LINES = [
  'The central bank raised rates on Tuesday.',
  'Shares fell 3.5 percent, analysts said.',
  '"We are not worried," he said. It\'s fine.',
  'Bank of Japan (BOJ) officials: 1987 was a year; ok!',
  'Zürich — Café, naïve, 東京',
  '1987 was the year',
  '1987. was the year',
  '2) second',
  '1. first',
  '- item',
  '-item',
  '* star',
  '+ plus',
  '> quoted',
  '>quoted',
  '# Heading',
  '## Heading ##',
  '#hashtag',
  '    indented code',
  '  two spaces in',
  '   three spaces in',
  '***',
  '---',
  '___',
  '===',
  '- - -',
  'Some **bold** and _italic_ text',
  'snake_case_word and a*b*c',
  'a [link](https://example.org) here',
  'a [ref] and [ref][x]',
  '[ref]: https://example.org "Title"',
  '[x]:/y',
  'AT&T and S&P 500',
  'an &amp; entity &#169;',
  'a `code` span',
  '```',
  '~~~',
  'tilde ~strike~',
  '<div>',
  '</div>',
  'a <b>tag</b>',
  '<!-- comment',
  '-->',
  'trailing two spaces  ',
  'trailing one space ',
  'backslash break\\',
  'escaped \\* star',
  'a > b and c = d',
  'tab\there',
  'plus + minus - times',
  '!bang and #hash and |pipe|',
  'email me: a@b.c https://x.y',
];

/** Lines that make remark parse the whole document (see WHOLE in blocks.ts), and the others. */
const reachesAcross = (l: string): boolean => /[<`~\t]|\]:/.test(l);

/** Documents of one to eight blocks of one to four lines, separated by blank lines (some holding spaces). */
const documents = (lines: readonly string[]) => {
  const block = fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 4 }).map((ls) => ls.join('\n'));
  return fc
    .tuple(
      fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n\n\n', '\n  \n', '\n')), { minLength: 1, maxLength: 8 }),
      fc.constantFrom('', '\n', '\n\n'),
      fc.constantFrom('', '\n', '\n\n', '\n  '),
    )
    .map(([parts, lead, tail]) => lead + parts.map(([b, sep], i) => (i === 0 ? b : sep + b)).join('') + tail);
};

describe('parseMarkdown', () => {
  it('equals remark-parse on documents mixing prose with block and inline markup', () => {
    fc.assert(
      fc.property(documents(LINES.filter((l) => !reachesAcross(l))), (doc) => {
        expect(parseMarkdown(doc)).toEqual(remark.parse(doc));
      }),
      { numRuns: RUNS },
    );
  });

  it('equals remark-parse on documents with HTML, code fences, tabs and reference definitions', () => {
    fc.assert(
      fc.property(documents(LINES), (doc) => {
        expect(parseMarkdown(doc)).toEqual(remark.parse(doc));
      }),
      { numRuns: RUNS / 4 },
    );
  });

  it('equals remark-parse on every Markdown file of the corpus', () => {
    const folder = path.join(CORPUS, 'markdown');
    const files = readdirSync(folder).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const { content } = matter(readFileSync(path.join(folder, file), 'utf8'), {});
      expect(parseMarkdown(content), file).toEqual(remark.parse(content));
    }
  });

  it('keeps plain paragraphs between headings, emphasis and lists in order', () => {
    const doc = '# Title\n\nFirst plain paragraph,\nre-wrapped.\n\nSome **bold**.\n\n- a\n- b\n\nLast one.\n';
    const tree = parseMarkdown(doc);
    expect(tree).toEqual(remark.parse(doc));
    expect(tree.children.map((n) => n.type)).toEqual(['heading', 'paragraph', 'paragraph', 'list', 'paragraph']);
  });

  it('renders every block as remark-html does, plain paragraphs included', () => {
    const text = fc.stringMatching(/^[a-z &<>"'\t\r\n]{1,12}$/);
    fc.assert(
      fc.property(documents(LINES), fc.array(text, { maxLength: 3 }), (doc, values) => {
        const paragraphs = values.map((value): RootContent => ({ type: 'paragraph', children: [{ type: 'text', value }] }));
        for (const node of [...parseMarkdown(doc).children, ...paragraphs]) expect(renderBlock(node)).toBe(remarkHtmlOf(node));
      }),
      { numRuns: RUNS / 4 },
    );
  });
});

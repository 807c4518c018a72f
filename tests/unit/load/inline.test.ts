/**
 * Prose paragraphs with simple inline markup, built without remark-parse: every tree made equals
 * remark-parse's, positions included, and anything else is left to remark-parse.
 */
import fc from 'fast-check';
import type { Paragraph } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/load/blocks.ts';
import { simpleParagraph } from '../../../src/load/inline.ts';

const remark = unified().use(remarkParse);
const RUNS = Number(process.env.NEWS_ARCHIVE_FUZZ ?? 2000);

const word = fc.constantFrom('bank', 'Zürich', '1987', 'x', 'a1', 'U.S', 'rates', '東京', '²');
const words = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
const url = fc.constantFrom('https://example.org/1', 'http://x.y/a?b=c#d', '/local', 'a.html', 'https://x.org/a_b', 'x y', '<u>', 'a(b)');
/** The shapes built here, and near misses: unbalanced, intraword, nested, images, odd destinations. */
const piece = fc.oneof(
  { arbitrary: words.map((w) => `**${w}**`), weight: 3 },
  { arbitrary: words.map((w) => `__${w}__`), weight: 1 },
  { arbitrary: words.map((w) => `*${w}*`), weight: 2 },
  { arbitrary: words.map((w) => `_${w}_`), weight: 3 },
  { arbitrary: fc.tuple(words, url).map(([w, u]) => `[${w}](${u})`), weight: 3 },
  { arbitrary: fc.tuple(words, url).map(([w, u]) => `![${w}](${u})`), weight: 1 },
  {
    arbitrary: fc.constantFrom('**', '*', '_', '__', '***', '[', ']', '(', ')', '](', 'a_b', 'a*b', '&amp;', '&', '\\', '\\*', '**a **', '* a*', '_a _', '[a]', '[ a ](b)', '[a](b "t")'),
    weight: 1,
  },
  { arbitrary: word, weight: 12 },
  { arbitrary: fc.constantFrom('.', ',', '!', '?', '"', "'", ':', ';', ')', '-', '#', '(', '²'), weight: 4 },
);
/** Lines of pieces, joined with and without spaces; paragraphs of one to three lines. */
const line = fc.array(fc.tuple(piece, fc.constantFrom('', ' ', ' ', '  ')), { minLength: 1, maxLength: 8 }).map((ps) => ps.map(([p, sep]) => p + sep).join('').trim());
const paragraph = fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));
/** Paragraphs, some made headings or quotes (or near misses: no space, seven hashes, nested, trailing hashes or spaces). */
const block = fc
  .tuple(fc.constantFrom('', '', '', '# ', '## ', '###### ', '####### ', '#', '> ', '> ', '>', '> > ', '> # ', '>  ', '> - '), paragraph, fc.constantFrom('', '', ' #', ' ##', '#', ' ', '  '))
  .map(([prefix, text, suffix]) => prefix + text + suffix);
const document = fc.array(block, { minLength: 1, maxLength: 4 }).map((ps) => ps.join('\n\n'));

describe('simpleParagraph', () => {
  it('builds the usual shapes itself, as remark-parse does', () => {
    const text = 'Some **bold million** and _italic court_, a *word* and a [link](https://example.org/3649).\nThen __more__ (of it).';
    const made = simpleParagraph(text, 1, 0);
    expect(made).not.toBeNull();
    expect(made).toEqual(remark.parse(text).children[0] as Paragraph);
    expect(made!.children.map((n) => n.type)).toEqual(['text', 'strong', 'text', 'emphasis', 'text', 'emphasis', 'text', 'link', 'text', 'strong', 'text']);
  });

  it('leaves other markup to remark-parse', () => {
    for (const text of ['snake_case here', 'a*b*c', 'AT&T', 'an \\* escape', '![image](a.png)', '**a **', '[ref] only', '**a**b', '***a***']) {
      expect(simpleParagraph(text, 1, 0), text).toBeNull();
    }
  });

  it('equals remark-parse wherever it builds a tree, at any line and offset', () => {
    let built = 0;
    fc.assert(
      fc.property(paragraph, (text) => {
        // Only texts parseMarkdown would hand over: no line starting a block or ending in a space.
        if (text.split('\n').some((l) => l === '' || /^(?:[ #>*+=_-]|\d{1,9}[.)])/.test(l) || l.endsWith(' ') || /[<`~\r\t\0]|\]:/.test(l))) return;
        const made = simpleParagraph(text, 1, 0);
        if (!made) return;
        built++;
        const padded = `Before.\n\n${text}`;
        expect(simpleParagraph(text, 3, 9)).toEqual(remark.parse(padded).children[1]);
        expect(made).toEqual(remark.parse(text).children[0]);
      }),
      { numRuns: RUNS * 2 },
    );
    expect(built).toBeGreaterThan(RUNS / 10); // the generator reaches the shapes, not only near misses
  });

  it('leaves documents, headings and quotes included, as remark-parse reads them', () => {
    fc.assert(
      fc.property(document, (doc) => {
        expect(parseMarkdown(doc)).toEqual(remark.parse(doc));
      }),
      { numRuns: RUNS },
    );
  });
});

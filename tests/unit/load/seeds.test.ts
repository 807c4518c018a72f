/** Golden tests: every field the loader takes from the two seed files in content/. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from '../../helpers/articles.ts';

const SITE = 'content/reuters-kim-coffins-site.txt';
const AGGREGATOR = 'content/reuters-kim-coffins-aggregator.txt';
const TITLE = "North Korea's Kim seen draping coffins with flag at Russia treaty anniversary";

describe('site layout seed', () => {
  const { articles, reporter } = parse(SITE, readFileSync(SITE, 'utf8'));
  const [a] = articles;
  it('is one article', () => expect(articles).toHaveLength(1));
  it('takes section and date from the header line, time and authors from the byline line', () => {
    expect(a?.section).toBe('World');
    expect(a?.date).toEqual({ year: 2025, month: 6, day: 30, time: '16:15' });
    expect(a?.authors).toEqual(['Joyce Lee', 'Jack Kim', 'Hyun Young Yi']);
  });
  it('takes the title', () => expect(a?.title).toBe(TITLE));
  it('takes the caption and credit', () => {
    expect(a?.image).toEqual({
      caption: 'Russian culture minister Olga Lyubimova speaks to North Korean leader Kim Jong Un during a performance in Pyongyang, North Korea, on June 29 2025.',
      credit: 'KCNA via REUTERS',
    });
  });
  it('reads the closing "Reuters" as the agency, not a paragraph', () => {
    expect(a?.agency).toBe('Reuters');
    expect(a?.paragraphs).toHaveLength(8);
    expect(a?.paragraphs.at(-1)?.text).toMatch(/^After months of silence/);
    expect(a?.paragraphs[0]?.text).toMatch(/^North Korea's state media on Monday showed/);
  });
  it('has no dateline and records where each field came from', () => {
    expect(a?.dateline).toBeNull();
    expect(a?.spans.title).toEqual({ file: SITE, startLine: 3, endLine: 3 });
    expect(a?.spans.authors).toEqual({ file: SITE, startLine: 5, endLine: 5 });
    expect(a?.spans.image).toEqual({ file: SITE, startLine: 6, endLine: 7 });
    expect(a?.paragraphs[0]?.span).toEqual({ file: SITE, startLine: 9, endLine: 9 });
  });
  it('reports nothing', () => expect(reporter.messages).toEqual([]));
});

describe('aggregator layout seed', () => {
  const { articles } = parse(AGGREGATOR, readFileSync(AGGREGATOR, 'utf8'));
  const [a, ...related] = articles;
  it('takes the title', () => expect(a?.title).toBe(TITLE));
  it('is recognised as an aggregator page', () => expect(a?.layout).toBe('aggregator'));
  it('takes dateline and agency out of the first paragraph', () => {
    expect(a?.dateline).toEqual({ city: 'SEOUL', region: null });
    expect(a?.agency).toBe('Reuters');
    expect(a?.paragraphs[0]?.text).toMatch(/^North Korea's state media showed on Monday/);
  });
  it('records June 30 without a year', () => {
    expect(a?.date).toEqual({ year: null, month: 6, day: 30, time: null });
  });
  it('keeps the paragraphs and drops the boilerplate', () => {
    expect(a?.paragraphs).toHaveLength(7);
    const text = a?.paragraphs.map((p) => p.text).join('\n') ?? '';
    for (const junk of ['Try Our AI Features', 'Comments', 'No comments yet', 'Related Articles', 'Daily8']) expect(text).not.toContain(junk);
  });
  it('splits the three related articles out with outlet, title, body and date', () => {
    expect(related.map((r) => [r.outlet, r.title, r.age])).toEqual([
      ['Economist', "In Putin's Moscow a summer of death and distraction", '2 hours ago'],
      ['Telegraph', 'Watch: Kim Jong-un weeps over soldiers killed fighting for Putin', '3 hours ago'],
      ['Telegraph', 'Germany sends navy to Arctic to counter Russia', '3 hours ago'],
    ]);
    for (const r of related) {
      expect(r.embeddedIn).toBe(AGGREGATOR);
      expect(r.date).toEqual({ year: null, month: 6, day: 30, time: null });
      expect(r.paragraphs).toHaveLength(1);
    }
    expect(related[1]?.paragraphs[0]?.text).toMatch(/^Kim Jong-un appeared to weep/);
  });
  it("takes the photo credit out of the Economist excerpt's opening and joins its drop cap", () => {
    expect(related[0]?.image).toEqual({ caption: '', credit: 'Aleksandra Astakhova' });
    expect(related[0]?.spans.image).toEqual({ file: AGGREGATOR, startLine: 22, endLine: 22 });
    expect(related[0]?.paragraphs[0]?.text).toMatch(/^WATCH RUSSIAN television or listen to Vladimir Putin's chilling speeches/);
    for (const r of related.slice(1)) expect(r.image).toBeNull();
  });
});

describe('markdown with front matter', () => {
  const text = `---
title: "Grain traders await Soviet purchases"
date: 1987-03-02T14:05:00Z
tags: [grain, usa]
authors:
  - Jane Doe
source: Reuters
---

CHICAGO, March 2 (Reuters) - Grain traders said they expect *further* purchases.

Second paragraph <script>alert(1)</script> with [a link](javascript:alert(1)).
`;
  const [a] = parse('grain.md', text).articles;
  it('takes title, date, tags, authors and source from the front matter', () => {
    expect(a?.title).toBe('Grain traders await Soviet purchases');
    expect(a?.date).toEqual({ year: 1987, month: 3, day: 2, time: '14:05' });
    expect(a?.tags).toEqual(['grain', 'usa']);
    expect(a?.authors).toEqual(['Jane Doe']);
    expect(a?.agency).toBe('Reuters');
  });
  it('recognises the dateline and renders the body sanitised', () => {
    expect(a?.dateline?.city).toBe('CHICAGO');
    expect(a?.paragraphs[0]?.html).toBe('<p>Grain traders said they expect <em>further</em> purchases.</p>');
    expect(a?.paragraphs[1]?.html).not.toMatch(/<script|javascript:/);
  });
  it('keeps HTML only for blocks that are more than their text in a paragraph', () => {
    const [article] = parse('plain.md', '# Plain\n\nJust words here.\n\nSome *emphasis*.\n\nKim\'s "quote" & more.\n\n## A heading\n').articles;
    expect(article?.paragraphs.map((p) => p.html)).toEqual([null, '<p>Some <em>emphasis</em>.</p>', '<p>Kim\'s "quote" &#x26; more.</p>', '<h2>A heading</h2>']);
  });
  it('does not share front-matter objects between identical files', () => {
    const b = parse('copy.md', text).articles[0];
    expect(b?.tags).toEqual(a?.tags);
    expect(b?.tags).not.toBe(a?.tags);
  });
});

describe('markdown without front matter', () => {
  const { articles, reporter } = parse('note.md', '# Dollar opens lower\n\nTOKYO, March 2 (Reuters) - The dollar opened lower.\n\nDealers said selling was light.\n');
  it('takes the title from the first heading and recognises the dateline', () => {
    expect(articles[0]?.title).toBe('Dollar opens lower');
    expect(articles[0]?.dateline?.city).toBe('TOKYO');
    expect(articles[0]?.date).toEqual({ year: null, month: 3, day: 2, time: null });
    expect(articles[0]?.paragraphs.map((p) => p.text)).toEqual(['The dollar opened lower.', 'Dealers said selling was light.']);
    expect(reporter.messages).toEqual([]);
  });
  it('reads a byline key', () => {
    expect(parse('b.md', '---\ntitle: T\ndate: 2020-01-02\nbyline: By Jane Doe and John Roe\n---\n\nBody.\n').articles[0]?.authors).toEqual(['Jane Doe', 'John Roe']);
  });
});

describe('layouts the sample corpus does not show', () => {
  it('a section kicker, a byline with a labelled date, labelled caption and credit', () => {
    const [a] = parse('v.txt', ' Business\n\nShares in Acme soar after bid\n\nBy Jane Doe | Published 9 April 1987, 18:01\nImage source, Getty Images\nImage caption, Traders on the floor.\n\nShares rose.\n\nThe company said it would consider the offer.\n\nBBC News\n').articles;
    expect(a).toMatchObject({ title: 'Shares in Acme soar after bid', section: 'Business', authors: ['Jane Doe'], agency: 'BBC News', image: { caption: 'Traders on the floor.', credit: 'Getty Images' } });
    expect(a?.date).toEqual({ year: 1987, month: 4, day: 9, time: '18:01' });
    expect(a?.paragraphs).toHaveLength(2);
  });
  it('aggregator furniture and related articles with the outlet on the age line', () => {
    const { articles } = parse('v.txt', '\nOil prices climb\nNEW YORK, March 2 (Reuters) — Oil rose.\nPrices fell last week.\n\nAdvertisement\nShare this article\nMore from our partners\n\nGazette · 5 hours ago\nGold holds steady\nGold was steady.\n\n2 days ago | Courier\nDollar slips\nThe dollar slipped.\n');
    expect(articles.map((a) => [a.title, a.outlet, a.paragraphs.length])).toEqual([
      ['Oil prices climb', null, 2],
      ['Gold holds steady', 'Gazette', 1],
      ['Dollar slips', 'Courier', 1],
    ]);
    expect(articles[2]?.date).toEqual({ year: null, month: 2, day: 28, time: null });
  });
  it('a byline in capitals with the agency after it, and closing credits', () => {
    const text = 'World\nFed holds rates steady\nBy JANE DOE and John Roe, Associated Press\nUpdated 3:15 PM EST, March 4, 2024\n\nThe Federal Reserve left its key rate unchanged.\n\n"We are patient," Jerome Powell said.\n\n(Reporting by Ann Lee; Editing by Mark Smith)\n';
    const [a] = parse('ap.txt', text).articles;
    expect(a).toMatchObject({ section: 'World', title: 'Fed holds rates steady', authors: ['Jane Doe', 'John Roe'], agency: 'AP' });
    expect(a?.date).toEqual({ year: 2024, month: 3, day: 4, time: '15:15' });
    expect(a?.paragraphs.map((p) => p.text)).toEqual(['The Federal Reserve left its key rate unchanged.', '"We are patient," Jerome Powell said.']);
  });
  it('a date line with its revision, a byline with a place, and the publisher\'s notices', () => {
    const text = "Quake hits Japan's north coast\nPUBLISHED: 09:12 GMT, 2 January 2024 | UPDATED: 11:40 GMT, 2 January 2024\nBy Kenji Tanaka in Tokyo\nTOKYO (Reuters) - A strong earthquake struck northern Japan on Tuesday.\nNo tsunami warning was issued.\n(Reporting by Kenji Tanaka; Editing by Ann Lee)\nOur Standards: The Trust Principles.\n© 2024 Example News Ltd. All rights reserved.\n";
    const { articles, reporter } = parse('dm.txt', text);
    const [a] = articles;
    expect(a).toMatchObject({ authors: ['Kenji Tanaka'], agency: 'Reuters', dateline: { city: 'TOKYO', region: null } });
    expect(a?.date).toEqual({ year: 2024, month: 1, day: 2, time: '09:12' });
    expect(a?.paragraphs.map((p) => p.text)).toEqual(['A strong earthquake struck northern Japan on Tuesday.', 'No tsunami warning was issued.']);
    expect(reporter.messages).toEqual([]);
  });
  it('a caption closed by its credit, between the byline and a dateline', () => {
    const [a] = parse('ap.txt', 'Biden signs bill\nBy ZEKE MILLER\nMarch 4, 2024\nPresident Joe Biden signs the bill. (AP Photo/Evan Vucci)\n\nWASHINGTON (AP) — President Joe Biden signed the bill on Monday.\n\nIt passed last week.\n').articles;
    expect(a).toMatchObject({ authors: ['Zeke Miller'], agency: 'AP', dateline: { city: 'WASHINGTON', region: null }, image: { caption: 'President Joe Biden signs the bill.', credit: 'AP Photo/Evan Vucci' } });
    expect(a?.paragraphs.map((p) => p.text)).toEqual(['President Joe Biden signed the bill on Monday.', 'It passed last week.']);
  });
  it('a standfirst under the headline as the first paragraph, with the byline and date under it read', () => {
    const [a] = parse('s.txt', 'Oil rises\nPrices climb as supply tightens\nBy Jane Doe\n2 January 2024\n\nLONDON (Reuters) - Oil rose.\n').articles;
    expect(a).toMatchObject({ authors: ['Jane Doe'], date: { year: 2024, month: 1, day: 2, time: null }, dateline: { city: 'LONDON', region: null } });
    expect(a?.paragraphs.map((p) => p.text)).toEqual(['Prices climb as supply tightens', 'Oil rose.']);
    // A first paragraph with no byline or date line under it is the body, as before.
    expect(parse('b.txt', 'Oil rises\nPrices climb as supply tightens.\nOil rose.\n').articles[0]?.paragraphs.map((p) => p.text)).toEqual(['Prices climb as supply tightens.', 'Oil rose.']);
  });
  it('a name alone over the date line as the byline', () => {
    const [a] = parse('g.txt', 'Storm hits coast\nJane Doe\n4 March 2024\nWaves crash on the coast. Photograph: John Roe/Getty Images\n\nA storm hit the coast on Monday.\n').articles;
    expect(a).toMatchObject({ authors: ['Jane Doe'], date: { year: 2024, month: 3, day: 4, time: null }, image: { caption: 'Waves crash on the coast.', credit: 'John Roe/Getty Images' } });
    expect(a?.paragraphs.map((p) => p.text)).toEqual(['A storm hit the coast on Monday.']);
    // Without a date line under it, a short line of capitalised words is text.
    expect(parse('t.txt', 'Storm hits coast\nJane Doe\nA storm hit the coast on Monday.\n').articles[0]?.authors).toEqual([]);
  });
  it("character references left by a page's source, read as the characters", () => {
    const [a] = parse('e.txt', 'AT&amp;T to buy Time Warner\n\nNEW YORK, Oct 22 (Reuters) - AT&amp;T said it would pay &#36;85 billion, &#8220;a perfect match&#8221;.\n\nThe deal&nbsp;is huge &lt;b&gt;.\n').articles;
    expect(a?.title).toBe('AT&T to buy Time Warner');
    expect(a?.paragraphs.map((p) => p.text)).toEqual(['AT&T said it would pay $85 billion, “a perfect match”.', 'The deal is huge <b>.']);
  });
  it("a wire service's version label and editors' note", () => {
    const [a] = parse('u.txt', 'CORRECTED-UPDATE 2-Oil rises on supply fears\n\n(Adds analyst comment, updates prices)\n\nLONDON, March 3 (Reuters) - Oil rose on Tuesday.\n\nBrent was up 1%.\n').articles;
    expect(a).toMatchObject({ title: 'Oil rises on supply fears', agency: 'Reuters', dateline: { city: 'LONDON', region: null } });
    expect(a?.paragraphs.map((p) => p.text)).toEqual(['Oil rose on Tuesday.', 'Brent was up 1%.']);
    // A headline in capitals that merely starts with such a word keeps it.
    expect(parse('h.txt', 'UPDATE ON THE STORM\n\nThe storm passed.\n').articles[0]?.title).toBe('UPDATE ON THE STORM');
  });
  it('reading time and audio players are furniture; list items are paragraphs', () => {
    const { articles } = parse('r.txt', 'Oil rises\nBy Jane Doe\n5 min read\nMarch 3, 2024\nListen to this article\n3 min\n\nHere is what happened:\n• Shares fell.\n• Bonds rose.\n* The pound\nslipped.\n\nBrent was up.\n');
    const [a] = articles;
    expect(a).toMatchObject({ authors: ['Jane Doe'], date: { year: 2024, month: 3, day: 3, time: null }, layout: 'text' });
    expect(a?.paragraphs.map((p) => p.text)).toEqual(['Here is what happened:', '• Shares fell.', '• Bonds rose.', '* The pound slipped.', 'Brent was up.']);
  });
  it("the site's navigation, breadcrumbs and cookie banner above the headline are not the headline", () => {
    const text = 'Skip to main content\nMenu\nSearch\nSign In\n\nWe use cookies to improve your experience. By continuing you agree.\nAccept all cookies\nHome > World > Europe\n\nWorld\nOil rises on supply fears\nBy Jane Doe\nMarch 3, 2024\n\nLONDON (Reuters) - Oil rose on Tuesday.\n\nFollow us on Twitter\n';
    const [a] = parse('nav.txt', text).articles;
    expect(a).toMatchObject({ title: 'Oil rises on supply fears', section: 'World', authors: ['Jane Doe'], agency: 'Reuters' });
    expect(a?.paragraphs.map((p) => p.text)).toEqual(['Oil rose on Tuesday.']);
  });
  it("the page's topic labels under the story are its tags", () => {
    const listed = parse('t.txt', 'Oil rises\nMarch 3, 2024\n\nOil rose on Tuesday.\n\nTopics\nOil\nEnergy markets\n\nReuters\n').articles[0];
    expect(listed).toMatchObject({ tags: ['Oil', 'Energy markets'], agency: 'Reuters' });
    expect(listed?.paragraphs.map((p) => p.text)).toEqual(['Oil rose on Tuesday.']);
    expect(parse('i.txt', 'Oil rises\nMarch 3, 2024\n\nOil rose on Tuesday.\n\nFiled under: Oil, OPEC\n').articles[0]?.tags).toEqual(['Oil', 'OPEC']);
    // A heading followed by sentences is text.
    const prose = parse('p.txt', 'Oil rises\nMarch 3, 2024\n\nOil rose on Tuesday.\n\nTags\nThe tags on the crates were checked.\n').articles[0];
    expect(prose?.tags).toEqual([]);
    expect(prose?.paragraphs).toHaveLength(2);
  });
  it("the agency a byline-then-date line names after the reporter", () => {
    const [a] = parse('cnn.txt', 'Fed holds rates\nBy Jane Doe, CNN Updated 3:15 PM EDT, Mon March 4, 2024\n\nThe Fed held rates.\n').articles;
    expect(a).toMatchObject({ authors: ['Jane Doe'], agency: 'CNN', date: { year: 2024, month: 3, day: 4, time: '15:15' } });
  });
  it('the reporters of closing credits as the authors when no byline names any', () => {
    const [a] = parse('r.txt', 'Oil prices climb\n\nNEW YORK, March 2 (Reuters) - Oil rose.\n\n(Reporting by Jane Doe in New York and John Roe; Editing by Ann Lee)\n').articles;
    expect(a?.authors).toEqual(['Jane Doe', 'John Roe']);
    expect(a?.paragraphs.map((p) => p.text)).toEqual(['Oil rose.']);
  });
});

describe('front matter as other tools write it', () => {
  it('TOML between +++ lines, as Hugo writes it, with the offset of a time kept as written', () => {
    const { articles, reporter } = parse('h.md', '+++\ntitle = "Oil climbs"\ndate = 2024-03-04T10:00:00+09:00\ntags = ["oil", "asia"]\n+++\n\nOil rose.\n');
    expect(articles[0]).toMatchObject({ title: 'Oil climbs', date: { year: 2024, month: 3, day: 4, time: '10:00' }, tags: ['oil', 'asia'] });
    expect(reporter.messages).toEqual([]);
  });
  it('reports broken TOML with its line and column', () => {
    const { articles, reporter } = parse('t.md', '+++\na = 1\nb = = 2\n+++\nBody.\n');
    expect(articles).toEqual([]);
    expect(reporter.messages).toEqual([expect.objectContaining({ file: 't.md', line: 3, column: 5, severity: 'error', rule: 'load/front-matter' })]);
  });
  it('authors as one string naming several, or as objects with a name', () => {
    const one = parse('a.md', '---\ntitle: T\ndate: 2024-03-04\nauthor: Jane Doe and John Roe\n---\n\nBody.\n').articles[0];
    expect(one?.authors).toEqual(['Jane Doe', 'John Roe']);
    const objects = parse('o.md', '---\ntitle: T\ndate: 2024-03-04\nauthors:\n  - name: Jane Doe\n  - name: John Roe\n---\n\nBody.\n').articles[0];
    expect(objects?.authors).toEqual(['Jane Doe', 'John Roe']);
    const desk = parse('d.md', '---\ntitle: T\ndate: 2024-03-04\nauthor: Staff of the Berlin bureau\n---\n\nBody.\n').articles[0];
    expect(desk?.authors).toEqual(['Staff of the Berlin bureau']);
  });
  it('tags, keywords and categories together; a source address names the agency by its host', () => {
    const [a] = parse('k.md', '---\ntitle: T\ndate: 2024-03-04\ntags: [oil]\nkeywords: oil, opec\ncategories: [Markets]\nsource: https://www.reuters.com/markets/oil\n---\n\nBody.\n').articles;
    expect(a?.tags).toEqual(['oil', 'opec', 'Markets']);
    expect(a?.agency).toBe('Reuters');
    expect(parse('u.md', '---\ntitle: T\ndate: 2024-03-04\nsource: https://example.org/story\n---\n\nBody.\n').articles[0]?.agency).toBeNull();
  });
  it("a picture's caption and credit", () => {
    const flat = parse('i.md', '---\ntitle: T\ndate: 2024-03-04\ncaption: Rescue workers.\ncredit: REUTERS/Kim Kyung-Hoon\n---\n\nBody.\n').articles[0];
    expect(flat?.image).toEqual({ caption: 'Rescue workers.', credit: 'REUTERS/Kim Kyung-Hoon' });
    const nested = parse('n.md', '---\ntitle: T\ndate: 2024-03-04\nimage:\n  src: quake.jpg\n  credit: AP Photo\n---\n\nBody.\n').articles[0];
    expect(nested?.image).toEqual({ caption: '', credit: 'AP Photo' });
  });
});

describe('a page clipped to Markdown', () => {
  const front = '---\ntitle: T\ndate: 2024-03-04\n---\n\n';
  it('reads a dateline set in bold, and keeps the markup after it', () => {
    const [a] = parse('b.md', `${front}**WASHINGTON (AP) —** The *Senate* voted.\n`).articles;
    expect(a).toMatchObject({ agency: 'AP', dateline: { city: 'WASHINGTON', region: null } });
    expect(a?.paragraphs.map((p) => [p.text, p.html])).toEqual([['The Senate voted.', '<p>The <em>Senate</em> voted.</p>']]);
  });
  it('reads the picture, byline and date line above the text, and the closing credits, with where each was', () => {
    const [a] = parse('c.md', '---\ntitle: T\n---\n\n![Traders on the floor](x.jpg)\n\nBy Jane Doe | Reuters\n\nMarch 4, 2024\n\nOil rose.\n\n(Reporting by Jane Doe; Editing by Ann Lee)\n').articles;
    expect(a).toMatchObject({ authors: ['Jane Doe'], agency: 'Reuters', date: { year: 2024, month: 3, day: 4, time: null }, image: { caption: 'Traders on the floor', credit: null } });
    expect(a?.paragraphs.map((p) => p.text)).toEqual(['Oil rose.']);
    expect([a?.spans.image, a?.spans.authors, a?.spans.date]).toEqual([
      { file: 'c.md', startLine: 5, endLine: 5 },
      { file: 'c.md', startLine: 7, endLine: 7 },
      { file: 'c.md', startLine: 9, endLine: 9 },
    ]);
    // Credits name the authors only when nothing above the text does.
    const credited = parse('r.md', '---\ntitle: T\ndate: 2024-03-04\n---\n\nOil rose.\n\n(Reporting by Ann Lee; Editing by Mark Smith)\n\nReuters\n').articles[0];
    expect(credited).toMatchObject({ authors: ['Ann Lee'], agency: 'Reuters', spans: { authors: { file: 'r.md', startLine: 8, endLine: 8 } } });
  });
  it('lets front matter win over the body, and keeps a picture inside the text', () => {
    const [a] = parse('f.md', '---\ntitle: T\ndate: 2024-03-04\nauthor: Ann Lee\n---\n\nBy Jane Doe\n\nMarch 9, 2024\n\nOil rose.\n\n![A chart](c.png)\n\nIt fell later.\n').articles;
    expect(a).toMatchObject({ authors: ['Ann Lee'], date: { year: 2024, month: 3, day: 4, time: null }, image: null });
    expect(a?.paragraphs.map((p) => p.text)).toEqual(['Oil rose.', 'A chart', 'It fell later.']);
  });
});

describe('markdown edge cases', () => {
  it('keeps front-matter authors as written, whatever their shape', () => {
    const [a] = parse('c.md', '---\ntitle: T\ndate: 2020-01-02\nauthors: ["Jane Doe", "Staff of the Berlin bureau of the paper"]\n---\n\nBody.\n').articles;
    expect(a?.authors).toEqual(['Jane Doe', 'Staff of the Berlin bureau of the paper']);
  });
  it('reports a raw HTML block removed by sanitising, with its line', () => {
    const { articles, reporter } = parse('h.md', '---\ntitle: T\ndate: 2020-01-02\n---\n\nBody.\n\n<div onclick="x()">raw</div>\n');
    expect(articles[0]?.paragraphs.map((p) => p.text)).toEqual(['Body.']);
    expect(reporter.messages).toEqual([expect.objectContaining({ file: 'h.md', line: 8, severity: 'info', rule: 'load/raw-html' })]);
  });
});

describe('layout classification', () => {
  it('calls a page with furniture but no dateline an aggregator page, and a bare text a text', () => {
    expect(parse('f.txt', '\nHeadline here\nBody line one.\n\nComments\nNo comments yet...\n').articles[0]?.layout).toBe('aggregator');
    expect(parse('t.txt', 'Headline here\n\nBody line one.\n').articles[0]?.layout).toBe('text');
    // A publisher's notice is dropped, but is no aggregator's furniture.
    const noticed = parse('n.txt', 'Headline here\n\nBody line one.\n\n© 2024 Example News Ltd. All rights reserved.\n').articles[0];
    expect([noticed?.layout, noticed?.paragraphs.length]).toEqual(['text', 1]);
  });
});

/**
 * A site built from pages in layouts the sample corpus does not show (tests/fixtures/layouts):
 * an AP story saved from the agency's site and from an aggregator, another outlet's story on the
 * same event, a page saved whole with its site's navigation, a Hugo post with TOML front matter,
 * a magazine excerpt, a paper's page with a standfirst and a page clipped to Markdown. What each
 * page shows, and what no page shows.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type BuildResult } from '../../src/build.ts';
import type { Story } from '../../src/types.ts';
import { listFiles } from '../helpers/site.ts';

const CONTENT = path.join('tests', 'fixtures', 'layouts');
const work = mkdtempSync(path.join(tmpdir(), 'news-archive-layouts-'));
const out = path.join(work, 'site');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a site of pages in layouts the sample corpus does not show', () => {
  let built: BuildResult;
  let pages: string[] = [];
  const page = (file: string): string => readFileSync(path.join(out, file), 'utf8');
  const story = (slug: string): string => page(`stories/${slug}/index.html`);
  const titled = (title: string): Story => {
    const found = built.stories.find((s) => s.title === title);
    if (!found) throw new Error(`no story titled ${title}`);
    return found;
  };
  beforeAll(async () => {
    built = await runBuild({ content: CONTENT, out, templates: 'templates', config: path.join(work, 'none.json'), cache: null, search: false });
    pages = listFiles(out).filter((f) => f.endsWith('.html'));
  }, 60_000);

  it('builds without a warning', () => {
    expect(built.ok).toBe(true);
    expect(built.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it("merges the AP story's two copies and keeps the other outlet's story apart", () => {
    const fed = titled('Fed holds rates steady as Powell signals patience on cuts');
    expect(fed.sources.map((s) => s.file).sort()).toEqual(['fed-aggregator.txt', 'fed-ap-site.txt']);
    expect(titled('Fed keeps rates on hold, Powell says no rush').sources).toHaveLength(1);
    const html = story('fed-holds-rates-steady-as-powell-signals-patience-on-cuts');
    expect(html).toContain('By Jane Doe and John Roe');
    expect(html).toContain('Federal Reserve Chair Jerome Powell speaks at a news conference. <span class="credit">AP Photo/Evan Vucci</span>');
    expect(html).toContain('<span class="dateline">WASHINGTON (AP) –</span> The Federal Reserve left');
  });

  it("reads the page saved whole: headline, date, byline, caption, dateline, and its topics as tags", () => {
    const quake = titled("Quake hits Japan's north coast, no tsunami warning");
    expect(quake).toMatchObject({ section: 'World', authors: ['Kenji Tanaka'], agency: 'Reuters', date: { year: 2024, month: 1, day: 2, time: '09:12' } });
    expect(quake.image).toEqual({ caption: 'Rescue workers search a collapsed house in Wajima.', credit: 'REUTERS/Kim Kyung-Hoon' });
    expect(quake.paragraphs.map((p) => p.text.slice(0, 30))).toEqual(['A strong earthquake struck Jap', 'Prime Minister Fumio Kishida s', 'No tsunami warning was issued,']);
    expect(quake.tags.map((t) => `${t.kind}:${t.name}`)).toEqual(expect.arrayContaining(['topic:Earthquakes', 'place:Japan', 'person:Fumio Kishida']));
  });

  it('reads the Hugo post: TOML front matter, a version label off the headline, two authors in one string', () => {
    const oil = titled('Oil climbs as OPEC signals cuts');
    expect(oil).toMatchObject({ authors: ['Jane Doe', 'John Roe'], agency: 'Reuters', date: { year: 2024, month: 3, day: 4, time: '10:00' } });
    expect(oil.tags.map((t) => t.name)).toEqual(expect.arrayContaining(['oil', 'opec', 'Markets']));
  });

  it("sets the magazine excerpt's opening right and tags the person its apposition introduces", () => {
    const html = story('in-putins-moscow-a-summer-of-distraction');
    expect(html).toContain('<p>WATCH RUSSIAN television or listen');
    expect(html).toContain('<span class="credit">Image: Aleksandra Astakhova</span>');
    expect(html).toContain('tags/olga-petrova/');
  });

  it("reads the paper's page: the standfirst is the first paragraph, the bare byline and date under it are read", () => {
    const oil = titled('Oil rises as Opec signals deeper cuts');
    expect(oil).toMatchObject({ authors: ['Jane Doe'], date: { year: 2024, month: 1, day: 2, time: '09:12' } });
    expect(oil.image).toEqual({ caption: 'An oil tanker off the coast of Singapore.', credit: 'John Roe/Reuters' });
    expect(oil.paragraphs.map((p) => p.text)).toEqual([
      'Prices climb on the prospect of tighter supply, easing fears of a glut',
      'Oil prices rose on Tuesday after Opec signalled deeper output cuts.',
      'Brent crude was up 1% by midday in London.',
    ]);
  });

  it('reads the page clipped to Markdown: picture, byline, date line and a bold dateline from the body', () => {
    const senate = titled('Senate passes stopgap spending bill');
    expect(senate).toMatchObject({ authors: ['Lisa Mascaro', 'Mary Clare Jalonick'], agency: 'AP', dateline: { city: 'WASHINGTON', region: null }, date: { year: 2024, month: 3, day: 8, time: null } });
    expect(senate.image).toEqual({ caption: 'The U.S. Capitol in Washington.', credit: 'AP Photo/J. Scott Applewhite' });
    expect(senate.paragraphs.map((p) => p.text.slice(0, 40))).toEqual(['The Senate passed a stopgap spending bil', 'Senate Majority Leader Chuck Schumer sai']);
  });

  it("shows no page furniture anywhere, and decodes no markup into a page", () => {
    const text = pages.map(page).join('\n');
    for (const junk of ['Skip to main content', 'Accept all cookies', 'Home &gt; World', 'READ MORE', '5 min read', 'Follow us on', 'All rights reserved', 'Reporting by', 'W ATCH', 'UPDATE 1-', 'Comments']) {
      expect(text, junk).not.toContain(junk);
    }
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTemplates } from '../../../src/load/read.ts';
import { Collector } from '../../../src/diagnostics.ts';
import { dedupe } from '../../../src/dedupe/index.ts';
import { deriveTags } from '../../../src/tag/index.ts';
import { defaultConfig } from '../../../src/config.ts';
import { renderSite } from '../../../src/render/index.ts';
import { TemplateError } from '../../../src/render/handlebars.ts';
import { parse } from '../../helpers/articles.ts';

const { templates } = await readTemplates('templates');

function site(...files: Array<[string, string]>) {
  const articles = files.flatMap(([name, text]) => parse(name, text).articles);
  const { stories, tags } = deriveTags(dedupe(articles, new Collector()).stories);
  return renderSite({ config: defaultConfig, stories, tags }, templates);
}

describe('render', () => {
  it('shows raw-text bodies exactly as written, never as Markdown or template syntax', () => {
    const pages = site(['odd.txt', '\nOdd *title* {{title}}\nLONDON, March 2 (Reuters) - Stars *bold* _under_ #hash <b>tag</b> {{body}} {{{raw}}}\nSecond line.\n']);
    const story = pages.find((p) => p.path.startsWith('stories/'))!.content as string;
    expect(story).toContain('Stars *bold* _under_ #hash &lt;b&gt;tag&lt;/b&gt; {{body}} {{{raw}}}');
    expect(story).toContain('Odd *title* {{title}}');
    expect(story).not.toContain('<b>tag</b>');
  });
  it('writes a story page per story, a home page, a tag index and a page per tag', () => {
    const pages = site(
      ['site.txt', readFileSync('content/reuters-kim-coffins-site.txt', 'utf8')],
      ['aggregator.txt', readFileSync('content/reuters-kim-coffins-aggregator.txt', 'utf8')],
    );
    const paths = pages.map((p) => p.path);
    expect(paths.filter((p) => p.startsWith('stories/'))).toHaveLength(4);
    expect(paths).toContain('index.html');
    expect(paths).toContain('tags/index.html');
    expect(paths).toContain('tags/vladimir-putin/index.html');
    expect(paths).toContain('404.html');
    const home = pages.find((p) => p.path === 'index.html')!.content as string;
    expect(home).toContain('href="stories/north-koreas-kim-seen-draping-coffins-with-flag-at-russia-treaty-anniversary/"');
    // A picture's credit under its caption; a credit without a caption says what it credits.
    const story = (slug: string) => pages.find((p) => p.path === `stories/${slug}/index.html`)!.content as string;
    expect(story('north-koreas-kim-seen-draping-coffins-with-flag-at-russia-treaty-anniversary')).toContain('on June 29 2025. <span class="credit">KCNA via REUTERS</span></figcaption>');
    expect(story('in-putins-moscow-a-summer-of-death-and-distraction')).toContain('<figcaption><span class="credit">Image: Aleksandra Astakhova</span></figcaption>');
  });
  it('leaves no white space at the ends of lines, with or without the optional fields', () => {
    const pages = site(
      ['site.txt', readFileSync('content/reuters-kim-coffins-site.txt', 'utf8')],
      ['bare.txt', 'A bare story\nIt has one paragraph and nothing else.\n'],
    );
    const html = pages.filter((p) => p.path.endsWith('.html'));
    expect(html.length).toBeGreaterThan(5);
    for (const page of html) expect({ path: page.path, lines: (page.content as string).split('\n').filter((l) => /[ \t]$/.test(l)) }).toEqual({ path: page.path, lines: [] });
  });
  it('names the template that fails to compile', () => {
    expect(() => renderSite({ config: defaultConfig, stories: [], tags: [] }, { ...templates, story: '{{#each}' })).toThrow(TemplateError);
    expect(() => renderSite({ config: defaultConfig, stories: [], tags: [] }, { ...templates, story: '{{#each}' })).toThrow(/templates\/story\.hbs/);
  });
  it('rejects a call to a helper it does not have when compiling, before any page, in a partial too', () => {
    const empty = { config: defaultConfig, stories: [], tags: [] };
    expect(() => renderSite(empty, { ...templates, tag: '{{shout title}}' })).toThrow(/templates\/tag\.hbs: .*unknown helper shout/);
    expect(() => renderSite(empty, { ...templates, 'partials/pagination': '{{#shout}}x{{/shout}} {{shout 1}}' })).toThrow(/templates\/partials\/pagination\.hbs: .*unknown helper shout/);
    // A section over a context field is not a helper call, and renders as before.
    const pages = renderSite(empty, { ...templates, search: '{{#site}}<p>{{title}}</p>{{/site}}{{url "x/"}}{{#if (eq 1 1)}}same{{/if}}' });
    expect(pages.find((p) => p.path === 'search/index.html')!.content).toContain(`<p>${defaultConfig.title}</p>../x/same`);
  });
  it('reports a missing template', () => {
    const { tag: _removed, ...rest } = templates;
    expect(() => renderSite({ config: defaultConfig, stories: [], tags: [] }, rest)).toThrow(/templates\/tag\.hbs: template is missing/);
  });
});

describe('feeds', () => {
  it('render a story with neither authors nor agency', () => {
    const pages = site(['note.md', '---\ntitle: Plain note\ndate: 2024-05-01\n---\n\nJust text.\n']);
    const json = JSON.parse(pages.find((p) => p.path === 'feed.json')!.content as string);
    expect(json.items[0]).toMatchObject({ title: 'Plain note', url: 'https://example.org/stories/plain-note/' });
    expect(json.items[0].authors).toBeUndefined();
    // Atom: the entry falls back to the feed's author, the site.
    expect(pages.find((p) => p.path === 'feed.xml')!.content as string).toContain('<author><name>');
  });
});

describe('sitemaps', () => {
  it('split into numbered files under an index past the limit', async () => {
    const { renderSitemaps } = await import('../../../src/render/sitemap.ts');
    const entries = Array.from({ length: 5 }, (_, i) => ({ path: `stories/s${i}/`, lastmod: i === 0 ? '2025-06-30' : null }));
    const pages = renderSitemaps(defaultConfig, entries, 2);
    expect(pages.map((p) => p.path)).toEqual(['sitemap.xml', 'sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml', 'robots.txt']);
    expect(pages[0]!.content).toContain('<sitemapindex');
    expect(pages[0]!.content).toContain('<loc>https://example.org/sitemap-3.xml</loc>');
    expect(pages[1]!.content).toContain('<url><loc>https://example.org/stories/s0/</loc><lastmod>2025-06-30</lastmod></url>');
    expect((pages[3]!.content as string).match(/<url>/g)).toHaveLength(1);
  });
});

describe('tag feeds', () => {
  it('carry escaped summaries; the site feed carries whole stories', () => {
    const pages = site(['a.md', '---\ntitle: Tagged\ndate: 2024-05-01\ntags: [grain]\n---\n\nFirst <b>para</b> & more.\n\nSecond paragraph.\n']);
    const tagAtom = pages.find((p) => p.path === 'tags/grain/feed.xml')!.content as string;
    expect(tagAtom).toContain('<summary type="text">First para &amp; more.</summary>');
    expect(tagAtom).not.toContain('<content');
    expect(pages.find((p) => p.path === 'tags/grain/feed.json')).toBeUndefined();
    const siteJson = JSON.parse(pages.find((p) => p.path === 'feed.json')!.content as string);
    expect(siteJson.items[0].content_html).toContain('Second paragraph.');
    expect(pages.find((p) => p.path === 'tags/grain/feed.xml')!.content as string).not.toContain('Second paragraph');
  });
});

describe('xmlText', () => {
  it('leaves no markup, no bare ampersand and no character XML forbids, whatever the text', async () => {
    const fc = await import('fast-check');
    const { xmlText } = await import('../../../src/render/feeds.ts');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = xmlText(text);
        expect(out).not.toMatch(/[<>"']/);
        expect(out).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
        expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
        expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
    );
  });
});

describe('absolute', () => {
  it('resolves like URL, including the paths it joins by hand', async () => {
    const fc = await import('fast-check');
    const { absolute } = await import('../../../src/render/urls.ts');
    const attempt = (f: () => string): string => {
      try {
        return f();
      } catch {
        return 'throws';
      }
    };
    const part = fc.constantFrom('a', 'b', '.', '..', '/', '-', '_', '~', 'é', '%', '?', '#', ' ', 'A', '1', '\\');
    fc.assert(
      fc.property(fc.constantFrom('https://example.org/', 'https://example.org/archive/', 'http://x.test/a%20b/'), fc.array(part, { maxLength: 12 }), (base, parts) => {
        const relative = parts.join('');
        expect(attempt(() => absolute(base, relative))).toBe(attempt(() => new URL(relative, base).href));
      }),
    );
  });
});

describe('excerpt', () => {
  it('cuts at the last white space before the limit, drops the partial word and adds an ellipsis', async () => {
    const fc = await import('fast-check');
    const { excerpt } = await import('../../../src/render/format.ts');
    expect(excerpt('one two three', 9)).toBe('one two…');
    expect(excerpt('one two\u00a0 three', 12)).toBe('one two…');
    expect(excerpt('abcdefghij', 5)).toBe('abcde…');
    expect(excerpt('short', 9)).toBe('short');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\u00a0', '\n', 'é'), maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (text, max) => {
        const out = excerpt(text, max);
        if (text.length <= max) {
          expect(out).toBe(text);
          return;
        }
        const body = out.slice(0, -1);
        expect(out.endsWith('…')).toBe(true);
        expect(text.startsWith(body)).toBe(true);
        expect(body.length).toBeLessThanOrEqual(max);
        // Either no white space to cut at (the whole cut kept), or the cut ends a word.
        const cut = text.slice(0, max);
        if (/\s/.test(cut)) {
          expect(body).not.toMatch(/\s$/);
          expect(cut.slice(body.length)).toMatch(/^\s/);
        } else expect(body).toBe(cut);
      }),
    );
  });
});

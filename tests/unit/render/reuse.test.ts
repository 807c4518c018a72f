/**
 * Render reuse (the CLI's disk cache): a group of pages whose input is unchanged comes back as
 * kept pages, not rendered; a changed story re-renders its own page and those that show it.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config.ts';
import { Collector } from '../../../src/diagnostics.ts';
import { readTemplates } from '../../../src/load/read.ts';
import { analyse } from '../../../src/pipeline.ts';
import { paths, renderPages, type KeptPage, type RenderedGroup, type RenderReuse } from '../../../src/render/index.ts';
import type { Page } from '../../../src/types.ts';

const { templates } = await readTemplates('templates');

function stories(edit?: string, later = 'The lock opens at dawn.') {
  const files = Array.from({ length: 30 }, (_, i) => ({
    path: `s${i}.md`,
    bytes: new TextEncoder().encode(
      `---\ntitle: Lock keeper number ${i} retires\ndate: 2023-05-${String(i + 1).padStart(2, '0')}\ntags: [${i % 3 ? 'canals' : 'rivers'}]\n---\n\n${i === 12 && edit ? edit : `After ${i + 20} years at lock ${i}, the keeper hands over the windlass.`}\n\n${i === 12 ? later : 'The lock opens at dawn.'}\n`,
    ),
  }));
  return analyse(files, new Collector());
}

/** Renders with `reuse`; returns what was rendered and what was kept. */
function render(site: ReturnType<typeof stories>, reuse: RenderReuse): { rendered: Page[]; kept: string[] } {
  const rendered: Page[] = [];
  const kept: string[] = [];
  for (const page of renderPages({ config: defaultConfig, stories: site.stories, tags: site.tags }, templates, undefined, reuse)) {
    if ('kept' in page) kept.push((page as KeptPage).path);
    else rendered.push(page);
  }
  return { rendered, kept };
}

/** A reuse that remembers every group a pass made, and hands back those of the pass before. */
function recorder() {
  let last = new Map<string, RenderedGroup>();
  let next = new Map<string, RenderedGroup>();
  const reuse: RenderReuse = { get: (key) => last.get(key), set: (key, group) => void next.set(key, group) };
  return { reuse, pass: () => ((last = new Map([...last, ...next])), (next = new Map())) };
}

describe('renderPages with reuse', () => {
  it('keeps every story and tag page of an unchanged site, and renders the same pages otherwise', () => {
    const { reuse, pass } = recorder();
    const site = stories();
    const first = render(site, reuse);
    expect(first.kept).toEqual([]);
    pass();
    const second = render(stories(), reuse);
    // Story pages, tag pages and feeds are all kept; the site-wide lists are rendered again, identically.
    for (const story of site.stories) expect(second.kept).toContain(`${paths.story(story)}index.html`);
    expect(second.kept.some((p) => p.startsWith('tags/'))).toBe(true);
    expect(second.rendered.filter((p) => p.path.startsWith('stories/'))).toEqual([]);
    const before = new Map(first.rendered.map((p) => [p.path, p.content]));
    for (const page of second.rendered) expect(page.content, page.path).toBe(before.get(page.path));
    expect([...second.kept, ...second.rendered.map((p) => p.path)].sort()).toEqual(first.rendered.map((p) => p.path).sort());
  });

  it("renders again an edited story's page, its neighbours' pages and its tag's pages, and keeps the rest", () => {
    const { reuse, pass } = recorder();
    render(stories(), reuse);
    pass();
    const edited = stories('The keeper of lock 12 stays on for another year.');
    const { rendered, kept } = render(edited, reuse);
    const renderedStories = rendered.filter((p) => p.path.startsWith('stories/')).map((p) => p.path);
    // The story, and the newer and older stories whose pages link to it.
    expect(renderedStories).toHaveLength(3);
    expect(renderedStories).toContain(`${paths.story(edited.stories.find((s) => s.title === 'Lock keeper number 12 retires')!)}index.html`);
    expect(rendered.some((p) => p.path.startsWith('tags/rivers/'))).toBe(true);
    expect(kept.some((p) => p.startsWith('tags/canals/'))).toBe(true);
    expect(rendered.find((p) => p.path.includes('lock-keeper-number-12-retires'))!.content).toContain('stays on for another year');
  });

  it("renders again only the story's own page when the edit is below its first paragraph, which lists show", () => {
    const { reuse, pass } = recorder();
    render(stories(), reuse);
    pass();
    const edited = stories(undefined, 'The lock now opens an hour before dawn.');
    const { rendered } = render(edited, reuse);
    const story = edited.stories.find((s) => s.title === 'Lock keeper number 12 retires')!;
    expect(rendered.filter((p) => p.path.startsWith('stories/')).map((p) => p.path)).toEqual([`${paths.story(story)}index.html`]);
    // The tag index lists every tag and is always made; no tag's own pages are.
    expect(rendered.filter((p) => p.path.startsWith('tags/')).map((p) => p.path)).toEqual(['tags/index.html']);
    expect(rendered.find((p) => p.path.startsWith('stories/'))!.content).toContain('an hour before dawn');
    // The full-text site feed shows the whole story, so it is made again.
    expect(rendered.some((p) => p.path === 'feed.xml')).toBe(true);
  });
});


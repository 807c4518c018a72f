import { describe, expect, it } from 'vitest';
import { slugify, uniqueSlugs } from '../../../src/slug.ts';
import { assertSafePath, MemoryWriter } from '../../../src/write/index.ts';

describe('output paths', () => {
  it.each(['../x.html', 'a/../../x.html', '/etc/passwd', 'a\\b.html', 'C:/x.html', 'a//b.html', './x.html', 'con/index.html', 'a/nul.txt', 'x\u0000.html', `${'a'.repeat(300)}/index.html`])(
    'refuses %j',
    (p) => expect(() => assertSafePath(p)).toThrow(/refusing to write/),
  );
  it('accepts ordinary page paths', () => {
    for (const p of ['index.html', 'stories/a-b/index.html', 'tags/x/page/2/index.html', 'pagefind/fragment/en_1.pf_fragment']) expect(() => assertSafePath(p)).not.toThrow();
  });
  it('refuses two pages at one path', async () => {
    const writer = new MemoryWriter();
    await writer.write({ path: 'a/index.html', content: '1' });
    await expect(writer.write({ path: 'a/index.html', content: '2' })).rejects.toThrow(/two pages want a\/index.html/);
  });
});

describe('slugs', () => {
  it.each([
    ['../../etc/passwd', 'etc-passwd'],
    ['C:\\Windows\\System32', 'c-windows-system32'],
    ['Mörkö news – été 2025 (copy)', 'morko-news-ete-2025-copy'],
    ['CON', 'con-story'],
    ['', 'story'],
    ['北朝鮮', 'story'],
    ['<script>alert(1)</script>', 'script-alert-1-script'],
  ])('makes %j safe: %j', (text, slug) => expect(slugify(text, 'story')).toBe(slug));

  it('caps length at a word boundary', () => {
    const slug = slugify('word '.repeat(100));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('never gives two keys slugs that differ only in case', () => {
    const slugs = uniqueSlugs([
      { key: 'a', text: 'Apple' },
      { key: 'b', text: 'APPLE' },
      { key: 'c', text: 'apple' },
    ]);
    expect([...slugs.values()]).toEqual(['apple', 'apple-2', 'apple-3']);
  });
});

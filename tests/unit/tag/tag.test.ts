import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../src/cache.ts';
import { Collector } from '../../../src/diagnostics.ts';
import { dedupe } from '../../../src/dedupe/index.ts';
import { deriveTags, ownTags, tagInputOf } from '../../../src/tag/index.ts';
import { findNames } from '../../../src/tag/names.ts';
import { capitalisedRuns, findPlaces, splitToken, TOKEN } from '../../../src/tag/places.ts';
import type { Article } from '../../../src/types.ts';
import { parse } from '../../helpers/articles.ts';

const seeds = () => [
  ...parse('site.txt', readFileSync('content/reuters-kim-coffins-site.txt', 'utf8')).articles,
  ...parse('aggregator.txt', readFileSync('content/reuters-kim-coffins-aggregator.txt', 'utf8')).articles,
];

describe('places', () => {
  it('finds countries, capitals and demonyms, possessives dropped', () => {
    expect(findPlaces("North Korea's leader met North Korean troops in Pyongyang and Russian officials.")).toEqual(['North Korea', 'Pyongyang', 'Russia']);
  });
  it("leaves a person's name to the person: no place from the words of a name", () => {
    const text = 'Vladimir Putin met Milan Panic in Moscow.';
    expect(findPlaces(text)).toContain('Vladimir');
    expect(findPlaces(text, new Set(['vladimir putin', 'milan panic']))).toEqual(['Moscow', 'Russia']);
  });
  it('tags the seed stories with Vladimir Putin, and none with a place called Vladimir', () => {
    const { stories, tags } = deriveTags(dedupe(seeds(), new Collector()).stories);
    const kim = stories.find((s) => s.title.startsWith("North Korea's Kim"))!;
    expect(kim.tags).toContainEqual(expect.objectContaining({ kind: 'person', name: 'Vladimir Putin' }));
    // The related articles name him without a title or "said": he is known from the Reuters story.
    const others = stories.filter((s) => s !== kim && s.paragraphs.some((p) => p.text.includes('Vladimir Putin')));
    expect(others.length).toBeGreaterThan(0);
    for (const story of others) expect(story.tags).toContainEqual(expect.objectContaining({ kind: 'person', name: 'Vladimir Putin' }));
    expect(tags.filter((t) => t.kind === 'place').map((t) => t.name)).not.toContain('Vladimir');
  });
});

describe('tokens', () => {
  it.each([
    ["Kim's,", { before: false, word: 'Kim', after: true }],
    ['(U.S.)', { before: true, word: 'U.S', after: true }],
    ["O'Brien", { before: false, word: "O'Brien", after: false }],
    ['Jong-un.', { before: false, word: 'Jong-un', after: true }],
    ['a,b', null],
    ['--', null],
  ])('splits %j', (raw, token) => expect(splitToken(raw)).toEqual(token));

  it('the ASCII scan reads every token as the regular expression does', () => {
    const pieces = fc.constantFrom('a', 'B', 's', 'S', '1', "'", '’', '.', '-', ',', '(', ')', '"', ':', 'é', 'É', "'s", '’s');
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 1, maxLength: 8 }).map((a) => a.join('')), (raw) => {
        const m = TOKEN.exec(raw);
        expect(splitToken(raw)).toEqual(m ? { before: m[1] !== '', word: m[2], after: m[3] !== '' } : null);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds capitalised runs by space-separated tokens, however many spaces and line breaks', () => {
    // The rule, spelled out: split lines on single spaces, skip empty tokens, and read each token.
    const byTokens = (text: string): string[][] =>
      text.split('\n').flatMap((line) => {
        const runs: string[][] = [];
        let run: string[] = [];
        const end = (): void => {
          if (run.length) runs.push(run);
          run = [];
        };
        for (const raw of line.split(' ').filter((t) => t !== '')) {
          const token = splitToken(raw);
          if (!token || token.before) end();
          if (token && /^\p{Lu}/u.test(token.word)) run.push(token.word);
          else end();
          if (token?.after) end();
        }
        end();
        return runs;
      });
    const words = fc.constantFrom('North', 'Korea', "Korea's", 'Kim.', 'the', 'of', '(Reuters)', 'Jong-un,', 'Zürich', 'état', '1987', 'US', '"Yes', ' ', '  ', '\n');
    fc.assert(
      fc.property(fc.array(words, { maxLength: 14 }).map((a) => a.join(' ')), (text) => {
        expect(capitalisedRuns(text)).toEqual(byTokens(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('names', () => {
  it('finds people after a title or role, without the title', () => {
    expect(findNames('Kim and Russian President Vladimir Putin signed it, said culture minister Olga Lyubimova.').people).toEqual(['Vladimir Putin', 'Olga Lyubimova']);
  });
  it('finds organisations by their suffix', () => {
    expect(findNames('Hilton Hotels Corp said it would sue.').organisations).toEqual(['Hilton Hotels Corp']);
    expect(findNames('Fiat SpA and General Insurance Sdn Bhd agreed.').organisations).toEqual(['Fiat SpA', 'General Insurance Sdn Bhd']);
  });
  it('finds a person set off by a role after the name', () => {
    expect(findNames('Christine Lagarde, the ECB president, said the euro zone was on track.').people).toEqual(['Christine Lagarde']);
    expect(findNames('"It is possible," said David Anthony, a Smith Barney analyst.').people).toEqual(['David Anthony']);
    expect(findNames('John Lord, a Mobil Corp spokesman for the region, declined to comment.').people).toEqual(['John Lord']);
    // A company described by what it makes, and a place by what it is, are not people.
    expect(findNames('Acme Widget Corp, the chair maker, said sales rose.').people).toEqual([]);
    expect(findNames('New York, the financial capital, was quiet.').people).toEqual([]);
  });
  it('leaves the portfolio between a role and a name out of the name', () => {
    expect(findNames(['Chancellor of the Exchequer Nigel Lawson said the budget was prudent.', 'Lawson added that taxes would fall.']).people).toEqual(['Nigel Lawson']);
    expect(findNames(['Director of the Office of Management and Budget James Miller said the deficit would fall.', 'Miller said taxes would not rise.']).people).toEqual(['James Miller']);
    expect(findNames('Former White House Chief of Staff Donald Regan, who resigned last month, said so.').people).toEqual(['Donald Regan']);
    expect(findNames('the Senate Agriculture Subcommittee voted, said Treasury Secretary.').people).toEqual([]);
  });
});

describe('deriveTags on the seeds', () => {
  const { stories, tags } = deriveTags(dedupe(seeds(), new Collector()).stories);
  const reuters = stories.find((s) => s.sources.length === 2)!;
  const telegraph = stories.find((s) => s.title.startsWith('Watch: Kim'))!;

  it('tags section, source, people and places', () => {
    const names = reuters.tags.map((t) => `${t.kind}:${t.name}`);
    expect(names).toEqual(expect.arrayContaining(['section:World', 'source:Reuters', 'person:Kim Jong Un', 'person:Vladimir Putin', 'place:North Korea', 'place:Seoul']));
  });
  it('joins spelling variants into one tag', () => {
    expect(telegraph.tags.filter((t) => t.kind === 'person').map((t) => t.name)).toContain('Kim Jong Un');
    expect(tags.filter((t) => t.name.toLowerCase().replace('-', ' ') === 'kim jong un')).toHaveLength(1);
  });
  it('gives unique slugs', () => {
    expect(new Set(tags.map((t) => t.slug)).size).toBe(tags.length);
  });
  it('links the Telegraph piece on the same ceremony as related, never merged', () => {
    expect(reuters.related[0]).toBe(telegraph.id);
    expect(telegraph.related).toContain(reuters.id);
  });
});

describe('deriveTags with own tags found beforehand (a tagging thread)', () => {
  const { stories } = dedupe(seeds(), new Collector());
  it("takes a story of one copy's own tags from its article, found alone, and tags as it would itself", () => {
    const asked: Article[] = [];
    const given = (article: Article) => {
      asked.push(article);
      return ownTags(tagInputOf(article));
    };
    expect(deriveTags(stories, undefined, given)).toEqual(deriveTags(stories));
    // Merged stories (the Reuters copies) are tagged from their merged text, never one copy's.
    expect(asked).toEqual(stories.filter((s) => s.sources.length === 1).map((s) => s.sources[0]));
    expect(stories.some((s) => s.sources.length > 1)).toBe(true);
  });
  it('uses what it is given', () => {
    const single = stories.find((s) => s.sources.length === 1)!;
    const given = (article: Article) => (article === single.sources[0] ? { tags: [{ kind: 'topic' as const, name: 'Given' }], runs: [] } : undefined);
    const tagged = deriveTags(stories, undefined, given).stories.find((s) => s.id === single.id)!;
    expect(tagged.tags.map((t) => t.name)).toEqual(['Given']);
  });
});

describe('deriveTags with a content cache kept between builds', () => {
  const file = (name: string, body: string) => parse(name, `---\ntitle: ${name}\ndate: 2024-03-0${name.length % 9}\n---\n\n${body}\n`).articles;
  const quiet = () => file('quiet.md', 'Officials said Kim Jong Un had not been seen in public for a month, and Seoul said little.');
  const role = () => file('role.md', 'North Korean leader Kim Jong Un inspected a new factory on Tuesday, state media said.');
  // Each build parses its files afresh, as a new process would: only the cache carries over.
  const people = (cache: MemoryCache, ...files: Article[][]) => {
    const { stories } = deriveTags(dedupe(files.flat(), new Collector()).stories, cache);
    cache.sweep();
    return stories.find((s) => s.sources[0]!.file === 'quiet.md')!.tags.filter((t) => t.kind === 'person').map((t) => t.name);
  };

  it('finds a person known from a new story in a story whose tags came from the cache, and forgets them with it', () => {
    const cache = new MemoryCache();
    expect(people(cache, quiet())).toEqual([]);
    expect(people(cache, quiet(), role())).toEqual(['Kim Jong Un']);
    expect(people(cache, quiet())).toEqual([]);
    expect(people(cache, quiet(), role())).toEqual(['Kim Jong Un']);
  });
});

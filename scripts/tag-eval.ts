/**
 * `npm run tag-eval`: how well place tags cover the corpus's gold PLACES codes, and a fixed
 * sample of 50 tags to read by hand. Gold codes are matched to tag names through the same
 * gazetteer the tagger uses (`west-germany` → West Germany, `usa` → United States).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Collector } from '../src/diagnostics.ts';
import { readContent } from '../src/load/read.ts';
import { analyse } from '../src/pipeline.ts';
import { findPlaces } from '../src/tag/places.ts';
import { random } from './bench/synth.ts';

const corpus = process.argv[2] ?? '../shared/corpus';
const gold = JSON.parse(readFileSync(path.join(corpus, 'gold.json'), 'utf8')) as {
  files: Record<string, { story: string; places: string[] }>;
};
const reporter = new Collector();
const { stories, tags } = analyse(await readContent(corpus, reporter), reporter);
const storyOfFile = new Map(stories.flatMap((s) => s.sources.filter((a) => !a.embeddedIn).map((a) => [a.file, s] as const)));

/** A gold code as the gazetteer names it: `hong-kong` → Hong Kong, `usa` → United States. */
function codeToPlace(code: string): string | null {
  const spelled = code.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
  const special: Record<string, string> = { usa: 'USA', uk: 'UK', uae: 'UAE', ussr: 'USSR' };
  return findPlaces(special[code] ?? spelled)[0] ?? null;
}

let goldTotal = 0;
let covered = 0;
let perStory = 0;
let storiesWithPlaces = 0;
const missed = new Map<string, number>();
const seen = new Set<string>();
for (const [file, g] of Object.entries(gold.files)) {
  if (seen.has(g.story) || g.places.length === 0) continue;
  const story = storyOfFile.get(file);
  if (!story) continue;
  seen.add(g.story);
  const have = new Set(story.tags.filter((t) => t.kind === 'place').map((t) => t.name));
  let hit = 0;
  for (const code of g.places) {
    const place = codeToPlace(code);
    if (place && have.has(place)) hit++;
    else missed.set(code, (missed.get(code) ?? 0) + 1);
  }
  goldTotal += g.places.length;
  covered += hit;
  perStory += hit / g.places.length;
  storiesWithPlaces++;
}
console.log(`place coverage: ${covered}/${goldTotal} gold places (${((100 * covered) / goldTotal).toFixed(1)}%), mean per story ${((100 * perStory) / storiesWithPlaces).toFixed(1)}% over ${storiesWithPlaces} stories`);
console.log('most missed:', [...missed].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([c, n]) => `${c} ${n}`).join(', '));
const byKind = new Map<string, number>();
for (const t of tags) byKind.set(t.kind, (byKind.get(t.kind) ?? 0) + 1);
console.log('tags by kind:', Object.fromEntries(byKind));
const rnd = random(50);
const sample = new Set<number>();
while (sample.size < Math.min(50, tags.length)) sample.add(Math.floor(rnd() * tags.length));
console.log('\nsample of 50 tags:');
for (const i of [...sample].sort((a, b) => a - b)) console.log(`  ${tags[i]!.kind}: ${tags[i]!.name}`);

/** The whole sample corpus: every file accounted for, and the scorer's figures held as a floor. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { mergeStory } from '../../src/dedupe/merge.ts';
import { Collector } from '../../src/diagnostics.ts';
import { readContent } from '../../src/load/read.ts';
import { analyse } from '../../src/pipeline.ts';
import { fileRecords } from '../../src/records.ts';
import { CORPUS } from '../helpers/corpus.ts';

const reporter = new Collector();
const raw = await readContent(CORPUS, reporter);
const result = analyse(raw, reporter);
const work = mkdtempSync(path.join(tmpdir(), 'news-archive-corpus-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the sample corpus', () => {
  it('accounts for every input file: a source of exactly one story, or a warning or error naming it', () => {
    const sourceCount = new Map<string, number>();
    for (const story of result.stories) for (const copy of story.sources) if (!copy.embeddedIn) sourceCount.set(copy.file, (sourceCount.get(copy.file) ?? 0) + 1);
    const reported = new Set(reporter.messages.filter((m) => m.severity !== 'info').map((m) => m.file));
    const lost = raw.map((f) => f.path).filter((p) => !sourceCount.has(p) && !reported.has(p));
    expect(lost).toEqual([]);
    expect([...sourceCount.values()].every((n) => n === 1)).toBe(true);
    expect(raw.length).toBe(3847 + 14);
  });

  it('puts every article, embedded ones included, into exactly one story', () => {
    const ids = result.stories.flatMap((s) => s.sources.map((a) => a.id));
    expect(ids.length).toBe(result.articles.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps each story's paragraphs as its copies alone make them, which paragraphsKey stands for", () => {
    // Caches key a story's paragraphs by its copies' files (paragraphsKey): no step after merging
    // may change them, whatever it does to other fields (dates, ids, tags).
    const changed = result.stories.filter((s) => !isDeepStrictEqual(mergeStory(s.sources).paragraphs, s.paragraphs)).map((s) => s.id);
    expect(changed).toEqual([]);
    expect(result.stories.filter((s) => s.sources.length > 1).length).toBeGreaterThan(500);
  });

  it('scores at or above the targets with the corpus scorer', () => {
    const predictions = path.join(work, 'predictions.json');
    writeFileSync(predictions, JSON.stringify(fileRecords(result.stories)));
    const out = execFileSync('python3', [path.join(CORPUS, 'score.py'), path.join(CORPUS, 'gold.json'), predictions, '--json'], { encoding: 'utf8' });
    const scores = JSON.parse(out).results.all;
    expect(scores).toMatchObject({ hard_negative_violations: 0 });
    for (const [metric, floor] of Object.entries({
      title_accuracy: 0.99,
      date_accuracy: 0.99,
      authors_accuracy: 0.99,
      dateline_accuracy: 0.99,
      paragraphs_accuracy: 0.97,
      embedded_recall: 0.99,
      embedded_precision: 0.99,
      dedup_precision: 0.995,
      dedup_recall: 0.99,
    })) {
      expect(scores[metric], metric).toBeGreaterThanOrEqual(floor);
    }
  });
});

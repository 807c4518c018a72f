/** Heap growth is bounded only once the heap is large; small sites keep V8's own choice. */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { boundHeapGrowth, LARGE_HEAP } from '../../src/heap.ts';

describe('boundHeapGrowth', () => {
  it('leaves a small heap alone and bounds a large one', () => {
    expect(boundHeapGrowth(LARGE_HEAP - 1)).toBe(false);
    expect(boundHeapGrowth(LARGE_HEAP)).toBe(true);
  });

  it('makes V8 collect more often once set', () => {
    // The same allocation pattern in two fresh processes, one with growth bounded through
    // boundHeapGrowth (a flag V8 did not know would change nothing): live data that grows, and
    // garbage that survives long enough to be promoted. Bounded, V8 collects it more often.
    const heap = pathToFileURL('src/heap.ts').href;
    const script = `
      import { boundHeapGrowth, LARGE_HEAP } from '${heap}';
      if (process.argv[1] === 'bound') boundHeapGrowth(LARGE_HEAP);
      const live = [];
      let garbage = [];
      for (let i = 0; i < 800_000; i++) {
        live.push('x'.repeat(200) + i);
        garbage.push({ i, text: 'y'.repeat(300) + i });
        if (garbage.length > 20_000) garbage = [];
      }
      console.log(live.length);`;
    const fullCollections = (mode: string): number => {
      const run = spawnSync(process.execPath, ['--trace-gc', '--import', 'tsx', '--input-type=module', '-e', script, mode], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      return run.stdout.split('\n').filter((line) => line.includes('Mark-Compact')).length;
    };
    expect(fullCollections('bound')).toBeGreaterThan(fullCollections('default'));
  });
});

/**
 * How far V8 lets the heap grow between full collections, bounded on large sites. By default V8
 * may let the old generation double or more before collecting it; with a site's records holding
 * about 1 GB (100k stories), rendering then piles up another gigabyte of dead page parts before
 * the first full collection. Once LARGE_HEAP is in use, growth is held to GROWTH_PERCENT: a few
 * more collections (each a fraction of a second), and a peak that follows the live data.
 */
import v8 from 'node:v8';

/**
 * Heap in use, in bytes (live data and garbage not yet collected), from which growth is bounded;
 * smaller sites keep V8's own choice.
 */
export const LARGE_HEAP = 512 * 2 ** 20;

/** How far the heap may grow past what the last full collection kept, in per cent. */
const GROWTH_PERCENT = 10;

/**
 * Bounds heap growth if the heap in use is large. V8 reads this setting at each full collection,
 * so it applies from the next one on, for the rest of the process. Returns whether it was set.
 */
export function boundHeapGrowth(used = v8.getHeapStatistics().used_heap_size): boolean {
  if (used < LARGE_HEAP) return false;
  v8.setFlagsFromString(`--heap-growing-percent=${GROWTH_PERCENT}`);
  return true;
}

/**
 * Property tests run with a fixed seed so CI is reproducible; set NEWS_ARCHIVE_SEED to another
 * number (or `random`) to explore new cases, and the failing seed is printed with any
 * counterexample.
 */
import fc from 'fast-check';

const seed = process.env.NEWS_ARCHIVE_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: Number(seed ?? 20261122) });

/**
 * Places named in a text, from a gazetteer of countries, their other names, demonyms and capitals
 * (the world-countries data package). "North Korean soldiers" names North Korea.
 */
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';

// The package ships CommonJS-typed declarations for an ESM default; require gives the plain array.
const countries = createRequire(import.meta.url)('world-countries') as Country[];

interface Gazetteer {
  /** Lowercased name → canonical place name. */
  readonly names: ReadonlyMap<string, string>;
  /** Longest name, in words. */
  readonly maxWords: number;
}

let cached: Gazetteer | null = null;

/** Names of places written as capitalised words (never codes such as `KP`, never ambiguous short forms). */
function gazetteer(): Gazetteer {
  if (cached) return cached;
  const names = new Map<string, string>();
  const add = (name: string | undefined, place: string): void => {
    if (!name || name.length < 4 || !/^\p{Lu}/u.test(name) || /[,()]/.test(name) || !/^[\p{L} .'’-]+$/u.test(name)) return;
    const key = name.toLowerCase();
    if (!names.has(key)) names.set(key, place);
  };
  for (const c of countries) {
    const place = c.name.common;
    add(place, place);
    add(c.name.official, place);
    for (const alt of c.altSpellings) if (!/^[A-Z]{2,3}$/.test(alt)) add(alt, place);
    add(c.demonyms?.eng?.m, place);
    add(c.demonyms?.eng?.f, place);
    for (const capital of c.capital ?? []) add(capital, capital);
  }
  let maxWords = 1;
  for (const key of names.keys()) maxWords = Math.max(maxWords, key.split(' ').length);
  cached = { names, maxWords };
  return cached;
}

/**
 * Runs of capitalised words (`North Korea`, `Kim Jong Un`). Punctuation before or after a word,
 * or a possessive, ends the run; the possessive itself is dropped.
 */
export function capitalisedRuns(text: string): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  const end = (): void => {
    if (run.length) runs.push(run);
    run = [];
  };
  for (const raw of text.split(/\s+/)) {
    const m = /^([^\p{L}\p{N}]*)([\p{L}\p{N}][\p{L}\p{N}'’.-]*?)((?:['’]s)?[^\p{L}\p{N}]*)$/u.exec(raw);
    if (!m) {
      end();
      continue;
    }
    const [, before, word, after] = m;
    if (before) end();
    if (/^\p{Lu}/u.test(word!)) run.push(word!);
    else end();
    if (after) end();
  }
  end();
  return runs;
}

/** The places a text names, each once, in order of first mention. */
export function findPlaces(text: string): string[] {
  const { names, maxWords } = gazetteer();
  const found: string[] = [];
  for (const run of capitalisedRuns(text)) {
    for (let i = 0; i < run.length; ) {
      let matched = 0;
      for (let n = Math.min(maxWords, run.length - i); n >= 1; n--) {
        const place = names.get(run.slice(i, i + n).join(' ').toLowerCase());
        if (place) {
          if (!found.includes(place)) found.push(place);
          matched = n;
          break;
        }
      }
      i += Math.max(1, matched);
    }
  }
  return found;
}

/** Whether a name is a place in the gazetteer. */
export function isPlace(name: string): boolean {
  return gazetteer().names.has(name.toLowerCase());
}

/**
 * Places named in a text, from a gazetteer of countries, their other names, demonyms and capitals
 * (the world-countries data package). "North Korean soldiers" names North Korea.
 */
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';

// The package ships CommonJS-typed declarations for an ESM default; require gives the plain array.
const require = createRequire(import.meta.url);
const countries = require('world-countries') as Country[];
const { cityMapping } = require('city-timezones') as { cityMapping: Array<{ city: string; pop: number; iso2: string; province: string }> };

interface Gazetteer {
  /** Lowercased name → the place it names, and the country it lies in when it is a city or region. */
  readonly names: ReadonlyMap<string, { readonly place: string; readonly country: string | null }>;
  /** Every city of the data package, however small: a dateline names a place for certain. */
  readonly towns: ReadonlyMap<string, { readonly place: string; readonly country: string | null }>;
  /** Longest name, in words. */
  readonly maxWords: number;
}

/** Cities smaller than this are left out: small towns share names with people and words. */
const MIN_CITY_POPULATION = 250_000;

/** City names that are also everyday English words or common given names. */
const AMBIGUOUS = new Set(['mobile', 'reading', 'nice', 'split', 'bath', 'victoria', 'hamilton', 'lincoln', 'wellington', 'jackson', 'columbus', 'york', 'florence', 'aurora', 'mesa', 'independence', 'surprise', 'sale']);

/**
 * Names news copy uses that the data packages spell otherwise: the usual abbreviations, and
 * countries of the past that archives still name.
 */
const CONVENTIONAL: ReadonlyArray<readonly [string, string]> = [
  ['U.S', 'United States'], ['US', 'United States'], ['U.S.A', 'United States'], ['USA', 'United States'],
  ['U.K', 'United Kingdom'], ['UK', 'United Kingdom'], ['Britain', 'United Kingdom'], ['Great Britain', 'United Kingdom'],
  ['Soviet Union', 'Soviet Union'], ['USSR', 'Soviet Union'], ['U.S.S.R', 'Soviet Union'], ['Soviet', 'Soviet Union'], ['Soviets', 'Soviet Union'],
  ['West Germany', 'West Germany'], ['West German', 'West Germany'], ['Bonn', 'West Germany'], ['East Germany', 'East Germany'], ['East German', 'East Germany'],
  ['West Berlin', 'West Berlin'], ['East Berlin', 'East Berlin'],
  ['Yugoslavia', 'Yugoslavia'], ['Yugoslav', 'Yugoslavia'], ['Czechoslovakia', 'Czechoslovakia'], ['Czechoslovak', 'Czechoslovakia'],
  ['Zaire', 'Zaire'], ['Burma', 'Myanmar'], ['Peking', 'Beijing'], ['Holland', 'Netherlands'], ['Dutch', 'Netherlands'],
  ['UAE', 'United Arab Emirates'], ['U.A.E', 'United Arab Emirates'], ['Emirates', 'United Arab Emirates'],
  ['Middle East', 'Middle East'], ['Latin America', 'Latin America'], ['Persian Gulf', 'Persian Gulf'], ['North Sea', 'North Sea'],
  ['Caribbean', 'Caribbean'], ['Scandinavia', 'Scandinavia'], ['Western Europe', 'Western Europe'], ['Eastern Europe', 'Eastern Europe'],
];

/** The Associated Press abbreviations of US states, as datelines write them (`SAN JOSE, Calif.`). */
const US_STATE_ABBREVIATIONS: ReadonlyArray<readonly [string, string]> = Object.entries({
  'Ala.': 'Alabama', 'Ariz.': 'Arizona', 'Ark.': 'Arkansas', 'Calif.': 'California', 'Colo.': 'Colorado', 'Conn.': 'Connecticut',
  'Del.': 'Delaware', 'Fla.': 'Florida', 'Ga.': 'Georgia', 'Ill.': 'Illinois', 'Ind.': 'Indiana', 'Kan.': 'Kansas', 'Ky.': 'Kentucky',
  'La.': 'Louisiana', 'Md.': 'Maryland', 'Mass.': 'Massachusetts', 'Mich.': 'Michigan', 'Minn.': 'Minnesota', 'Miss.': 'Mississippi',
  'Mo.': 'Missouri', 'Mont.': 'Montana', 'Neb.': 'Nebraska', 'Nev.': 'Nevada', 'N.H.': 'New Hampshire', 'N.J.': 'New Jersey',
  'N.M.': 'New Mexico', 'N.Y.': 'New York', 'N.C.': 'North Carolina', 'N.D.': 'North Dakota', 'Okla.': 'Oklahoma', 'Ore.': 'Oregon',
  'Pa.': 'Pennsylvania', 'R.I.': 'Rhode Island', 'S.C.': 'South Carolina', 'S.D.': 'South Dakota', 'Tenn.': 'Tennessee',
  'Vt.': 'Vermont', 'Va.': 'Virginia', 'Wash.': 'Washington', 'W.Va.': 'West Virginia', 'Wis.': 'Wisconsin', 'Wyo.': 'Wyoming',
  'D.C.': 'Washington, D.C.',
});

let cached: Gazetteer | null = null;

/**
 * Countries with their other names, demonyms and capitals (world-countries), cities of a quarter
 * of a million people or more and US states (city-timezones), and the conventional names above.
 * Never two-letter codes such as `KP`, never ambiguous short forms.
 */
function gazetteer(): Gazetteer {
  if (cached) return cached;
  const names = new Map<string, { place: string; country: string | null }>();
  const add = (name: string | undefined, place: string, country: string | null, checked = true): void => {
    if (!name) return;
    if (checked && (name.length < 4 || !/^\p{Lu}/u.test(name) || /[,()]/.test(name) || !/^[\p{L} .'’-]+$/u.test(name))) return;
    const key = name.toLowerCase();
    if (!names.has(key)) names.set(key, { place, country });
  };
  for (const [name, place] of CONVENTIONAL) add(name, place, null, false);
  const byCode = new Map<string, string>();
  for (const c of countries) {
    const place = c.name.common;
    byCode.set(c.cca2, place);
    add(place, place, null);
    add(c.name.official, place, null);
    for (const alt of c.altSpellings) if (!/^[A-Z]{2,3}$/.test(alt)) add(alt, place, null);
    add(c.demonyms?.eng?.m, place, null);
    add(c.demonyms?.eng?.f, place, null);
    for (const capital of c.capital ?? []) add(capital, capital, place);
  }
  const towns = new Map<string, { place: string; country: string | null }>();
  for (const [abbreviation, state] of US_STATE_ABBREVIATIONS) towns.set(abbreviation.toLowerCase(), { place: state, country: 'United States' });
  const cities = [...cityMapping].sort((a, b) => b.pop - a.pop);
  for (const city of cities) {
    const key = city.city.toLowerCase();
    if (!towns.has(key)) towns.set(key, { place: city.city, country: byCode.get(city.iso2) ?? null });
    const country = byCode.get(city.iso2) ?? null;
    if (city.iso2 === 'US' && city.province) add(city.province, city.province, country);
    if (city.pop < MIN_CITY_POPULATION || AMBIGUOUS.has(city.city.toLowerCase())) continue;
    add(city.city, city.city, country);
  }
  let maxWords = 1;
  for (const key of names.keys()) maxWords = Math.max(maxWords, key.split(' ').length);
  cached = { names, towns, maxWords };
  return cached;
}

/** Runs of capitalised words, in order. */
export type Runs = readonly (readonly string[])[];

/**
 * Runs of capitalised words (`North Korea`, `Kim Jong Un`). Punctuation before or after a word,
 * or a possessive, ends the run (the possessive itself is dropped), and so does a line end.
 */
export function capitalisedRuns(text: string): Runs {
  return text.includes('\n') ? text.split('\n').flatMap(lineRuns) : lineRuns(text);
}

function lineRuns(line: string): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  const end = (): void => {
    if (run.length) runs.push(run);
    run = [];
  };
  // Space-separated tokens, found by scanning: most start with a lowercase ASCII letter, end any
  // run, and are never cut out of the line.
  for (let from = 0; from < line.length; ) {
    const c = line.charCodeAt(from);
    if (c === 32) {
      from++;
      continue;
    }
    let to = line.indexOf(' ', from + 1);
    if (to < 0) to = line.length;
    const start = from;
    from = to;
    if (c >= 97 && c <= 122) {
      end();
      continue;
    }
    const token = splitToken(line.slice(start, to));
    if (!token) {
      end();
      continue;
    }
    if (token.before) end();
    if (isUpperInitial(token.word)) run.push(token.word);
    else end();
    if (token.after) end();
  }
  end();
  return runs;
}

/** A space-separated token as leading punctuation, the word, and a possessive or trailing punctuation. */
interface Token {
  readonly before: boolean;
  readonly word: string;
  readonly after: boolean;
}

/**
 * Splits a token as TOKEN does: ASCII tokens (nearly all of news copy) by a scan, others by the
 * regular expression. Null when punctuation falls inside the word ("a,b").
 */
export function splitToken(raw: string): Token | null {
  let start = -1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c > 127) return tokenByRegex(raw);
    if (start < 0 && isAsciiAlnum(c)) start = i;
  }
  if (start < 0) return null;
  // The word runs over letters, digits and ' . - ; after it only punctuation may follow.
  let stop = start + 1;
  while (stop < raw.length && isWordChar(raw.charCodeAt(stop))) stop++;
  for (let i = stop; i < raw.length; i++) if (isAsciiAlnum(raw.charCodeAt(i))) return null;
  // The shortest word: trailing ' . - belong to the punctuation after it, then a possessive `'s`.
  let end = stop;
  while (end > start + 1 && !isAsciiAlnum(raw.charCodeAt(end - 1))) end--;
  if (end - 2 > start && raw.charCodeAt(end - 1) === 115 && raw.charCodeAt(end - 2) === 39) end -= 2;
  return { before: start > 0, word: raw.slice(start, end), after: end < raw.length };
}

function tokenByRegex(raw: string): Token | null {
  const m = TOKEN.exec(raw);
  return m ? { before: m[1] !== '', word: m[2]!, after: m[3] !== '' } : null;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Letters, digits, and the ' . - that may fall inside a word (`O'Brien`, `U.S.`, `Jong-un`). */
function isWordChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 39 || c === 46 || c === 45;
}

function isUpperInitial(word: string): boolean {
  const c = word.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(word);
}

/** Leading punctuation, the word, and a possessive or trailing punctuation. */
export const TOKEN = /^([^\p{L}\p{N}]*)([\p{L}\p{N}][\p{L}\p{N}'’.-]*?)((?:['’]s)?[^\p{L}\p{N}]*)$/u;

/**
 * The places a text names, each once, in order of first mention; a city or state brings its
 * country ("Chicago" → Chicago, United States).
 */
export function findPlaces(text: string, people: ReadonlySet<string> = new Set()): string[] {
  return findPlacesInRuns(capitalisedRuns(text), people);
}

/** findPlaces over a text's capitalised runs, when the caller has them already. */
export function findPlacesInRuns(runs: Runs, people: ReadonlySet<string> = new Set()): string[] {
  const { names, maxWords } = gazetteer();
  const found: string[] = [];
  const add = (place: string): void => {
    if (!found.includes(place)) found.push(place);
  };
  for (const run of runs) {
    for (let i = 0; i < run.length; ) {
      // The longer entity wins: a person's name ("Vladimir Putin", "George Washington") is not
      // read for the places its words also name.
      const person = personAt(run, i, people);
      if (person) {
        i += person;
        continue;
      }
      let matched = 0;
      for (let n = Math.min(maxWords, run.length - i); n >= 1; n--) {
        const hit = names.get(run.slice(i, i + n).join(' ').toLowerCase());
        if (hit) {
          add(hit.place);
          if (hit.country) add(hit.country);
          matched = n;
          break;
        }
      }
      i += Math.max(1, matched);
    }
  }
  return found;
}

/** How many words of `run` from `i` are one of `people` (lowercase full names), longest first; 0 if none. */
function personAt(run: readonly string[], i: number, people: ReadonlySet<string>): number {
  if (people.size === 0) return 0;
  for (let n = Math.min(4, run.length - i); n >= 2; n--) if (people.has(run.slice(i, i + n).join(' ').toLowerCase())) return n;
  return 0;
}

/**
 * The place a tag written as a code or slug names (`usa`, `west-germany`, `hong-kong`), or null.
 * Front matter often tags stories this way.
 */
export function placeFromTag(tag: string): string | null {
  const text = tag.trim();
  if (/^[a-z]{2,4}$/i.test(text) && gazetteer().names.has(text.toLowerCase()) && text.length <= 4) {
    const hit = gazetteer().names.get(text.toLowerCase());
    if (hit && /^(us|usa|uk|uae|ussr)$/i.test(text)) return hit.place;
  }
  const spelled = text.replace(/[-_]+/g, ' ').toLowerCase();
  return gazetteer().names.get(spelled)?.place ?? null;
}

/**
 * The places a dateline names: its city (however small: a dateline always names a place), the
 * region after it (`Calif.`, `British Columbia`) and the country they lie in.
 */
export function datelinePlaces(city: string, region: string | null): string[] {
  const { names, towns } = gazetteer();
  const out: string[] = [];
  for (const part of [city, region]) {
    if (!part) continue;
    const key = part.toLowerCase();
    const hit = names.get(key) ?? towns.get(key) ?? names.get(key.replace(/\.$/, ''));
    if (!hit) continue;
    if (!out.includes(hit.place)) out.push(hit.place);
    if (hit.country && !out.includes(hit.country)) out.push(hit.country);
  }
  return out;
}

/** Whether a name is a place in the gazetteer. */
export function isPlace(name: string): boolean {
  return gazetteer().names.has(name.toLowerCase());
}

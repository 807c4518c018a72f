/**
 * Body text → comparable words: Unicode NFKC, quotes and dashes folded, case folded, wire-style
 * abbreviations spelled one way (`mln`/`million`, `dlrs`/`dollars`, `pct`/`per cent`), plurals
 * folded. Numbers are kept whole (`21.6`, `6,782,000`): they tell one formulaic brief from another.
 */

import { dropRepeats, fnv1a } from './shingle.ts';

const QUOTES = /[‘’‚‛′`´]/g;
const DOUBLE_QUOTES = /[“”„‟″«»]/g;
const DASHES = /[‐‑‒–—―−]/g;
const WORD = /[\p{L}\p{N}]+(?:[.,'/][\p{L}\p{N}]+)*/gu;

/**
 * News agencies' house abbreviations and the words copy editors swap for them. Copies of one wire
 * story often differ only in these, so they are compared in one spelling.
 */
const SPELLINGS: ReadonlyMap<string, string> = new Map(Object.entries({
  mln: 'million', mn: 'million', m: 'million', bln: 'billion', bn: 'billion', billions: 'billion', millions: 'million',
  dlr: 'dollar', dlrs: 'dollar', dollars: 'dollar', usd: 'dollar', stg: 'sterling',
  pct: 'percent', percentage: 'percent', cts: 'cent', ct: 'cent', cents: 'cent',
  shr: 'share', shrs: 'share', shares: 'share', div: 'dividend', divs: 'dividend', qtr: 'quarter', qtly: 'quarterly',
  yr: 'year', yrs: 'year', govt: 'government', intl: 'international', natl: 'national', mths: 'month', mth: 'month',
  revs: 'revenue', revenues: 'revenue', oper: 'operating', avg: 'average',
  firm: 'company', corp: 'corporation', co: 'company', inc: 'incorporated', ltd: 'limited',
}));

/** The words of a text, normalised for comparison. */
export function normaliseWords(text: string): string[] {
  const folded = text
    .normalize('NFKC')
    .replace(QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .toLowerCase()
    .replace(PER_CENT, 'percent');
  return (folded.match(WORD) ?? []).map(canonicalWord);
}

/** A text's normalised words as their fnv1a hashes, and the numbers it mentions. */
export interface HashedWords {
  readonly hashes: Uint32Array;
  readonly numbers: string[];
}

/**
 * normaliseWords(text) hashed with fnv1a, and numbersOf those words: what a fingerprint needs.
 * ASCII text, the common case, is scanned once without making a string of each word.
 */
export function hashWords(text: string): HashedWords {
  const numbers: string[] = [];
  const count = appendWords(text, 0, numbers);
  return { hashes: scratch.slice(0, count), numbers: sortedUnique(numbers) };
}

/** An article's words, paragraph after paragraph, and where each paragraph's words end. */
export interface ParagraphWords extends HashedWords {
  /** The index in `hashes` just after paragraph k's last word, for each paragraph k. */
  readonly ends: Uint32Array;
}

/**
 * hashWords of each text, end to end, with the numbers of them all: an article's words, which
 * a fingerprint reads whole and merging copies reads paragraph by paragraph.
 */
export function paragraphWords(texts: readonly string[]): ParagraphWords {
  const numbers: string[] = [];
  const ends = new Uint32Array(texts.length);
  let count = 0;
  texts.forEach((text, k) => (ends[k] = count = appendWords(text, count, numbers)));
  return { hashes: scratch.slice(0, count), ends, numbers: sortedUnique(numbers) };
}

/** The words of one paragraph of `words`. */
export function wordsOfParagraph(words: ParagraphWords, k: number): Uint32Array {
  return words.hashes.subarray(k === 0 ? 0 : words.ends[k - 1], words.ends[k]);
}

/**
 * Appends the hashes of `text`'s words to the scratch array from `at` (which it grows, keeping
 * what is there) and its numbers to `numbers`; returns where the words end.
 */
function appendWords(text: string, at: number, numbers: string[]): number {
  if (!ASCII.test(text)) {
    const words = normaliseWords(text);
    reserve(at + words.length);
    for (const word of words) scratch[at++] = fnv1a(word);
    numbers.push(...numbersOf(words));
    return at;
  }
  const folded = foldAscii(text);
  // At most one word per two characters.
  reserve(at + (folded.length >> 1) + 1);
  const hashes = scratch;
  let count = at;
  // Words as WORD finds them in ASCII text: a run of letters and digits, and more runs after a
  // joiner. One pass, a table lookup a character.
  const length = folded.length;
  for (let i = 0; i < length; ) {
    let c = folded.charCodeAt(i);
    let kind = KIND[c]!;
    if (kind === OTHER || kind === JOINER) {
      i++;
      continue;
    }
    const start = i;
    let hash = FNV_OFFSET;
    let withoutLast = hash;
    let digits = false;
    let comma = false;
    for (;;) {
      if (kind === DIGIT) digits = true;
      withoutLast = hash;
      hash = Math.imul(hash ^ c, FNV_PRIME);
      if (++i === length) break;
      c = folded.charCodeAt(i);
      kind = KIND[c]!;
      if (kind === LETTER || kind === DIGIT) continue;
      // A joiner belongs to the word only when a letter or digit follows it.
      const next = i + 1 < length ? KIND[folded.charCodeAt(i + 1)]! : OTHER;
      if (kind !== JOINER || (next !== LETTER && next !== DIGIT)) break;
      if (c === 44) comma = true;
      withoutLast = hash;
      hash = Math.imul(hash ^ c, FNV_PRIME);
      c = folded.charCodeAt(++i);
      kind = next;
    }
    const size = i - start;
    const spelled = size <= LONGEST_SPELLING && SPELLING_BITS[hash & SPELLING_MASK] ? SPELLING_HASHES.get(hash >>> 0) : undefined;
    if (spelled && size === spelled.word.length && folded.startsWith(spelled.word, start)) hashes[count++] = spelled.hash;
    // canonicalWord's plural folding: the hash without the final `s`.
    else if (size > 3 && folded.charCodeAt(i - 1) === 115 && folded.charCodeAt(i - 2) !== 115 && !digits) hashes[count++] = withoutLast >>> 0;
    else hashes[count++] = hash >>> 0;
    if (digits) numbers.push(comma ? folded.slice(start, i).replaceAll(',', '') : folded.slice(start, i));
  }
  return count;
}

function reserve(size: number): void {
  if (scratch.length >= size) return;
  const grown = new Uint32Array(Math.max(size, 2 * scratch.length));
  grown.set(scratch);
  scratch = grown;
}

function sortedUnique(values: string[]): string[] {
  values.sort();
  values.length = dropRepeats(values);
  return values;
}

/** Words of the text being read, reused from one call to the next (they are copied out). */
let scratch = new Uint32Array(4096);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** What each character of lowercased ASCII text is to a word (anything else is OTHER). */
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
/** `.` `,` `'` `/`: inside a word when letters or digits follow (`u.s`, `6,782`, `don't`, `1/2`). */
const JOINER = 3;
const KIND = new Uint8Array(128);
for (let c = 97; c <= 122; c++) KIND[c] = LETTER;
for (let c = 48; c <= 57; c++) KIND[c] = DIGIT;
for (const c of '.,\'/') KIND[c.charCodeAt(0)] = JOINER;

/** SPELLINGS by the hash of the spelling replaced, each with the hash of the one used instead. */
const SPELLING_HASHES: ReadonlyMap<number, { word: string; hash: number }> = new Map(
  [...SPELLINGS].map(([word, instead]) => [fnv1a(word), { word, hash: fnv1a(instead) }]),
);
/** Which low bits SPELLING_HASHES' keys have: most words are ruled out without a map lookup. */
const SPELLING_MASK = 0xfff;
const SPELLING_BITS = new Uint8Array(SPELLING_MASK + 1);
for (const hash of SPELLING_HASHES.keys()) SPELLING_BITS[hash & SPELLING_MASK] = 1;
const LONGEST_SPELLING = Math.max(...[...SPELLINGS.keys()].map((word) => word.length));

const ASCII = /^[\x00-\x7f]*$/;
const PER_CENT = /\bper\s+cent\b/g;

/**
 * normaliseWords' folding for the common case of ASCII-only text, which NFKC leaves as it is and
 * which has no curly quote or dash: only the backtick is folded.
 */
function foldAscii(text: string): string {
  // Most texts have neither; looking for a character or word is cheaper than a replace that finds nothing.
  const quoted = text.includes('`') ? text.replace(QUOTES, "'") : text;
  const lower = quoted.toLowerCase();
  return lower.includes('cent') ? lower.replace(PER_CENT, 'percent') : lower;
}

function canonicalWord(word: string): string {
  const spelled = SPELLINGS.get(word);
  if (spelled) return spelled;
  // Light plural folding: `notes`/`note`, `issues`/`issue`; never on numbers or short words.
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !hasDigit(word)) return word.slice(0, -1);
  return word;
}

/** Whether a word has an ASCII digit (as /\d/ tests, without a regular expression per word). */
function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** The numbers a text mentions, sorted and unique: two short briefs must agree on them to merge. */
export function numbersOf(words: readonly string[]): string[] {
  const numbers = new Set<string>();
  for (const w of words) if (hasDigit(w)) numbers.add(w.includes(',') ? w.replaceAll(',', '') : w);
  return [...numbers].sort();
}

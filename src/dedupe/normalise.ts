/**
 * Body text → comparable words: Unicode NFKC, quotes and dashes folded, case folded, wire-style
 * abbreviations spelled one way (`mln`/`million`, `dlrs`/`dollars`, `pct`/`per cent`), plurals
 * folded. Numbers are kept whole (`21.6`, `6,782,000`): they tell one formulaic brief from another.
 */

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
    .replace(/\bper\s+cent\b/g, 'percent');
  const words = folded.match(WORD) ?? [];
  return words.map(canonicalWord);
}

function canonicalWord(word: string): string {
  const spelled = SPELLINGS.get(word);
  if (spelled) return spelled;
  // Light plural folding: `notes`/`note`, `issues`/`issue`; never on numbers or short words.
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !/\d/.test(word)) return word.slice(0, -1);
  return word;
}

/** The numbers a text mentions, sorted and unique: two short briefs must agree on them to merge. */
export function numbersOf(words: readonly string[]): string[] {
  return [...new Set(words.filter((w) => /\d/.test(w)).map((w) => w.replace(/,/g, '')))].sort();
}

/**
 * People and organisations named in a text, found by news-writing patterns rather than a model:
 * a title or role before a name ("President Vladimir Putin", "minister Olga Lyubimova"), a name
 * before "said", and company or institution suffixes ("Hilton Hotels Corp", "Bank of Japan").
 */
import { capitalisedRuns, isPlace } from './places.ts';

/** Titles and roles that precede a person's name in news copy; dropped from the tag. */
const ROLE =
  /^(president|vice|prime|minister|secretary|chancellor|leader|dictator|king|queen|prince|princess|pope|general|gen|admiral|colonel|col|senator|sen|governor|gov|mayor|judge|justice|chairman|chairwoman|chair|chief|executive|spokesman|spokeswoman|spokesperson|analyst|economist|director|ambassador|envoy|commissioner|mr|mrs|ms|dr|sir|dame|lord|lady|rev|father|sheikh|ayatollah|premier|rep|representative|treasurer|officer|deputy|foreign|defence|defense|finance|trade|culture|interior|state|supreme|opposition|party|union|house|speaker|official|officials|leader's)$/i;

/** Words that end an organisation's name. */
const ORG_SUFFIX =
  /^(corp|corporation|inc|incorporated|co|company|ltd|limited|plc|ag|sa|nv|gmbh|group|holdings|bank|bancorp|trust|fund|association|institute|university|council|commission|committee|ministry|department|agency|authority|board|exchange|federation|organisation|organization|party|reserve|parliament|congress|senate|court|army|navy|police|airlines|airways|motors|industries|partners|securities|petroleum|oil|news)$/i;

/** Capitalised words that start sentences or are not names. */
const NOT_NAME =
  /^(the|a|an|in|on|at|for|and|but|or|if|it|its|this|that|these|those|he|she|they|we|i|his|her|their|our|after|before|when|while|as|by|with|from|to|of|under|over|last|next|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|shr|net|revs|qtr|div|avg|note|reuters)$/i;

export interface Names {
  readonly people: string[];
  readonly organisations: string[];
}

/** People and organisations a text names, each once, in order of first mention. */
export function findNames(text: string): Names {
  const people: string[] = [];
  const organisations: string[] = [];
  const add = (list: string[], name: string): void => {
    if (!list.includes(name)) list.push(name);
  };
  const runs = capitalisedRuns(text);
  // Runs keep their position in the text so a following "said" can be seen.
  const saidAfter = new Set<string>();
  for (const m of text.matchAll(/((?:\p{Lu}[\p{L}'’.-]+\s+){1,3}\p{Lu}[\p{L}'’-]+)\s+(?:said|says|told|added)\b/gu)) saidAfter.add(m[1]!.trim());

  for (const run of runs) {
    const suffixAt = run.findIndex((w, i) => i > 0 && ORG_SUFFIX.test(w.replace(/\.$/, '')));
    if (suffixAt > 0) {
      const words = dropLeading(run.slice(0, suffixAt + 1));
      if (words.length >= 2 && !isPlace(words.join(' '))) add(organisations, words.join(' '));
      continue;
    }
    // A role word (any case) before the run: "leader Kim Jong Un", "President Vladimir Putin".
    const roleEnd = lastRoleIndex(run);
    const words = dropLeading(run.slice(roleEnd + 1));
    const candidate = words.join(' ');
    if (!isPersonLike(words) || isPlace(candidate)) continue;
    if (roleEnd >= 0 || saidAfter.has(run.join(' ')) || saidAfter.has(candidate)) add(people, candidate);
  }
  for (const m of text.matchAll(/\b(?:leader|minister|president|chancellor|secretary|spokesman|spokeswoman|chairman|analyst|dictator|premier|governor|mayor)\s+((?:\p{Lu}[\p{L}'’-]+\s?){2,3})/gu)) {
    const words = dropLeading(m[1]!.trim().split(/\s+/).map((w) => w.replace(/['’]s$/, '')));
    if (isPersonLike(words) && !isPlace(words.join(' '))) add(people, words.join(' '));
  }
  return { people, organisations };
}

function lastRoleIndex(run: readonly string[]): number {
  let last = -1;
  for (let i = 0; i < run.length - 1; i++) if (ROLE.test(run[i]!.replace(/\.$/, ''))) last = i;
  return last;
}

function dropLeading(words: readonly string[]): string[] {
  let i = 0;
  while (i < words.length && (NOT_NAME.test(words[i]!) || ROLE.test(words[i]!.replace(/\.$/, '')))) i++;
  return words.slice(i);
}

/** Two to four capitalised words, none of them all capitals (tickers, acronyms), none a place. */
function isPersonLike(words: readonly string[]): boolean {
  if (words.length < 2 || words.length > 4) return false;
  return words.every((w) => /^\p{Lu}\p{Ll}/u.test(w) && !NOT_NAME.test(w) && !ORG_SUFFIX.test(w) && !isPlace(w));
}

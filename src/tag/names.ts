/**
 * People and organisations named in a text, found by news-writing conventions rather than a
 * model: a title or role before a name ("President Vladimir Putin", "minister Olga Lyubimova");
 * a full name before "said" when the story later calls the person by surname alone (as news copy
 * does: "Daniel Yergin said … Yergin added"); company and institution suffixes ("Hilton Hotels
 * Corp", "Ministry of Defence").
 */
import { capitalisedRuns, isPlace, type Runs } from './places.ts';

/** Titles and roles that precede a person's name in news copy; dropped from the tag. */
const ROLE =
  /^(president|vice|prime|minister|secretary|chancellor|leader|dictator|king|queen|prince|princess|pope|general|gen|admiral|colonel|col|senator|sen|governor|gov|mayor|judge|justice|chairman|chairwoman|chair|chief|executive|spokesman|spokeswoman|spokesperson|analyst|economist|director|ambassador|envoy|commissioner|mr|mrs|ms|dr|sir|dame|lord|lady|rev|father|sheikh|ayatollah|premier|rep|representative|treasurer|officer|deputy|staff|foreign|defence|defense|finance|trade|culture|interior|state|supreme|opposition|party|union|house|speaker|official|officials)$/i;

/** Words that end an organisation's name. */
const ORG_SUFFIX =
  /^(corp|corporation|inc|incorporated|co|company|ltd|limited|plc|ag|sa|nv|gmbh|pty|bhd|berhad|spa|ltda|group|holdings|bank|bancorp|bancshares|trust|fund|association|institute|university|council|commission|committee|ministry|department|agency|authority|board|exchange|federation|organisation|organization|party|reserve|parliament|congress|senate|court|army|navy|police|airlines|airways|motors|industries|partners|securities|petroleum)$/i;

/** Institutions named "X of Y": "Ministry of Defence", "Bank of Japan", "Department of Agriculture". */
const OF_INSTITUTION =
  /\b((?:\p{Lu}[\p{L}&'’.-]*\s+){0,3}(?:Ministry|Bank|Department|Institute|University|Council|Commission|Committee|Federation|Organisation|Organization|Board|Fund|Association|Court|Secretary|Office|Chamber|League|Union)\s+(?:of|for)\s+(?:the\s+)?\p{Lu}[\p{L}'’-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}'’-]*){0,3})/gu;

/** Capitalised words that start sentences or are not names. */
const NOT_NAME =
  /^(the|a|an|in|on|at|for|and|but|or|if|it|its|this|that|these|those|he|she|they|we|i|his|her|their|our|after|before|when|while|as|by|with|from|to|of|under|over|last|next|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|shr|net|revs|qtr|div|avg|note|reuters|new|first)$/i;

export interface Names {
  readonly people: string[];
  readonly organisations: string[];
}

/**
 * People and organisations named in the paragraphs, each once, in order of first mention. `runs`
 * are the paragraphs' capitalised runs, when the caller has them already.
 */
export function findNames(paragraphs: readonly string[] | string, runs?: readonly Runs[]): Names {
  const texts = typeof paragraphs === 'string' ? [paragraphs] : paragraphs;
  const runsOf = runs ?? texts.map(capitalisedRuns);
  const people: string[] = [];
  const organisations: string[] = [];
  const add = (list: string[], name: string): void => {
    if (!list.includes(name)) list.push(name);
  };
  const all = texts.join('\n');
  // Capitalised words that stand alone somewhere: a surname used on second reference.
  const alone = new Set<string>();
  for (const list of runsOf) for (const run of list) if (run.length === 1) alone.add(run[0]!);

  for (const [index, text] of texts.entries()) {
    for (const m of text.matchAll(OF_INSTITUTION)) add(organisations, dropLeading(m[1]!.trim().split(/\s+/), NOT_NAME).join(' '));
    const saidAfter = new Set<string>();
    for (const m of text.matchAll(/((?:\p{Lu}[\p{L}'’.-]+\s+){1,3}\p{Lu}[\p{L}'’-]+)\s+(?:said|says|told|added)\b/gu)) saidAfter.add(m[1]!.trim());

    for (const run of runsOf[index]!) {
      const suffixAt = run.findIndex((w, i) => i > 0 && ORG_SUFFIX.test(w.replace(/\.$/, '')));
      if (suffixAt > 0) {
        const words = dropLeading(run.slice(0, suffixAt + 1), NOT_NAME);
        const core = words.filter((w) => !ORG_SUFFIX.test(w.replace(/\.$/, '')));
        if (core.length >= 1 && !isPlace(core.join(' ')) && !words.some((w) => NOT_NAME.test(w))) add(organisations, words.join(' '));
        continue;
      }
      const roleEnd = lastRoleIndex(run);
      const words = dropLeading(run.slice(roleEnd + 1), ROLE_OR_NOT_NAME);
      const candidate = words.join(' ');
      if (!isPersonLike(words) || isPlace(candidate)) continue;
      const surnameAlone = alone.has(words.at(-1)!);
      if (roleEnd >= 0 || ((saidAfter.has(run.join(' ')) || saidAfter.has(candidate)) && surnameAlone)) add(people, candidate);
    }
  }
  // A name set off by its role (`Christine Lagarde, the ECB president,`; `said Jane Doe, a spokeswoman for`).
  for (const m of all.matchAll(APPOSITION)) {
    // Found from the comma (scanning for a comma is quick), the name read back from it.
    const name = NAME_BEFORE.exec(all.slice(Math.max(0, m.index - 80), m.index));
    if (!name) continue;
    const words = dropLeading(name[1]!.trim().split(/\s+/), ROLE_OR_NOT_NAME);
    if (isPersonLike(words) && !isPlace(words.join(' '))) add(people, words.join(' '));
  }
  for (const m of all.matchAll(/\b(?:leader|minister|president|chancellor|secretary|spokesman|spokeswoman|chairman|analyst|dictator|premier|governor|mayor)\s+((?:\p{Lu}[\p{L}'’-]+[^\S\n]?){2,3})/gu)) {
    const words = dropLeading(m[1]!.trim().split(/\s+/).map((w) => w.replace(/['’]s$/, '')), ROLE_OR_NOT_NAME);
    if (isPersonLike(words) && !isPlace(words.join(' '))) add(people, words.join(' '));
  }
  return { people, organisations };
}

/**
 * A full name, a comma, then an article or possessive and at most four words before a role: the
 * apposition news copy introduces people with. The role word must end the phrase or be followed
 * by `of`, `for`, `at` or punctuation, so `Acme Corp, the chair maker` is not a person.
 */
const APPOSITION =
  /,[^\S\n]+(?:the|a|an|its|his|her|their)[^\S\n]+(?:[\p{L}'’.-]+[^\S\n]+){0,4}?(?:president|chief|chairman|chairwoman|chair|minister|secretary|spokesman|spokeswoman|spokesperson|director|analyst|economist|strategist|executive|governor|ambassador|envoy|head|founder|professor|leader|adviser|advisor|official|commissioner|editor|correspondent|manager|ceo|cfo|researcher|scientist|sociologist|historian|lawyer|attorney|expert|consultant|fellow|lecturer|activist|resident|owner|trader|dealer|banker|broker|investor)(?=[^\S\n]+(?:of|for|at|in)\b|[,.;:)]|$)/gmu;

/**
 * Portfolios and policy areas, which stand between a role and a name (`Chancellor of the Exchequer
 * Nigel Lawson`, `Director of Management and Budget James Miller`): never the start of a name.
 */
const PORTFOLIO =
  /^(affairs|agriculture|agricultural|budget|economic|economy|energy|exchequer|industry|industrial|international|national|treasury|finance|financial|trade|commerce|labor|labour|interior|health|education|transport|transportation|environment|security|investment|development|planning|relations|reform|services?|housing|fisheries|mines|mining|communications|information|tourism|welfare|undersecretary|under-secretary)$/i;

/** The full name that ends a text (read back from an apposition's comma). */
const NAME_BEFORE = /((?:\p{Lu}[\p{L}'’.-]+[^\S\n]+){1,3}\p{Lu}[\p{L}'’-]+)$/u;

const ROLE_OR_NOT_NAME = { test: (w: string): boolean => NOT_NAME.test(w) || ROLE.test(w.replace(/\.$/, '')) || PORTFOLIO.test(w) };

function lastRoleIndex(run: readonly string[]): number {
  let last = -1;
  for (let i = 0; i < run.length - 1; i++) if (ROLE.test(run[i]!.replace(/\.$/, ''))) last = i;
  return last;
}

function dropLeading(words: readonly string[], drop: { test(word: string): boolean }): string[] {
  let i = 0;
  while (i < words.length && drop.test(words[i]!)) i++;
  return words.slice(i);
}

/** Two to four capitalised words, none of them all capitals (tickers, acronyms) or a company suffix. */
function isPersonLike(words: readonly string[]): boolean {
  if (words.length < 2 || words.length > 4) return false;
  return words.every((w) => /^\p{Lu}\p{Ll}/u.test(w) && !NOT_NAME.test(w) && !ORG_SUFFIX.test(w) && !/-\p{Lu}/u.test(w.slice(1)) === true);
}

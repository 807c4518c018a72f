/**
 * Bylines: `By A, B and C`, alone on a line or after the date; `By Reuters Staff` names no person.
 * What follows the names is the reporter's employer or job, not an author: `By Jane Doe, Reuters`
 * (an agency, kept as the agency), `By Jane Doe | The Washington Post`, `By Jane Doe, Senior
 * Correspondent`. Names printed in capitals (`By JANE DOE`) are given as names are written.
 */
import { parseLeadingDate } from './dates.ts';
import { knownAgency, parseSignoff } from './signoff.ts';
import type { ArticleDate } from '../../types.ts';

/** `By …`, and the other ways pages introduce the writer: `Story by …`, `Written by …`, `Author: …`. */
const BY = /^(?:(?:(?:story|written|words|text|article|reporting)\s+)?by\s+|(?:authors?|byline|reporter|writer)\s*:\s*)(.+)$/i;
/** A byline or date line is short; longer lines are body text and are not searched. */
const MAX_META = 300;
/** Words that mark a byline as a desk or an agency rather than a person. */
const DESK = /\b(staff|correspondents?|reporters?|desk|newsroom|bureau|agenc(y|ies)|wires?|news service)\b/i;
/** A job printed after a name: `Senior Correspondent`, `Political Editor`, `Special to The Times`. */
const JOB = /\b(correspondent|editor|reporter|writer|columnist|chief|producer|contributor|analyst|staff|bureau|special to)\b/i;
/** Words by which a name is an organisation's (`The Washington Post`, `Daily Courier`), not a person's. */
const ORGANISATION = /^the\s|\b(post|times|news|press|journal|herald|tribune|telegraph|guardian|gazette|courier|chronicle|agency|service|network|media|radio|television|tv|magazine|daily|weekly)$/i;
/** `Jane Doe in London`: where a reporter filed from is not part of the name. */
const IN_PLACE = /\s+in\s+\p{Lu}[\p{L} .'-]*$/u;

/** The people named in a byline (`By Jane Doe and John Roe in London`), or null when it is not one. */
export function parseByline(line: string): { authors: string[]; agency: string | null } | null {
  if (line.length > MAX_META) return null;
  const m = BY.exec(line.trim());
  if (!m) return null;
  // `By Jane Doe | Reuters`: what follows a bar says whom the reporter writes for.
  const [names = '', ...employers] = (m[1] ?? '').trim().replace(/[.;]$/, '').split(/\s+[|·•]\s+/);
  let agency = employers.map(knownAgency).find((a) => a !== null) ?? null;
  const authors: string[] = [];
  for (const [i, part] of names.split(/\s*[,;]\s*/).entries()) {
    const named = knownAgency(part);
    if (i === 0 && named === null && DESK.test(part)) {
      const desk = part.replace(DESK, '').trim();
      return { authors: [], agency: desk ? (knownAgency(desk) ?? desk) : null };
    }
    if (named !== null) {
      agency ??= named;
      break;
    }
    // After the names, an employer or a job ends the byline.
    if (i > 0 && (JOB.test(part) || ORGANISATION.test(part))) break;
    const people = part
      .split(/\s*(?:&|\band\b)\s*/i)
      .map((p) => p.replace(IN_PLACE, '').trim())
      .filter(Boolean);
    if (people.length === 0 || !people.every(isPersonName)) return null;
    authors.push(...people.map(asWritten));
  }
  return authors.length || agency ? { authors, agency } : null;
}

/**
 * A wire story's closing credits, in brackets on the last line: `(Reporting by Jane Doe in Seoul;
 * Additional reporting by John Roe; Editing by Mark Smith)`. The reporters are those the line
 * says did the reporting (or the writing, when it names no reporter), in order.
 */
export function parseCredits(line: string): { reporters: string[] } | null {
  const text = line.trim();
  if (text.length > 400 || !CREDITS.test(text)) return null;
  const roles = text.slice(1, -1).split(/\s*;\s*/).map((part) => ROLE.exec(part)).filter((m) => m !== null);
  const named = (role: RegExp): string[] =>
    roles.filter((m) => role.test(m[1]!)).flatMap((m) => m[2]!.split(/\s*(?:,|&|\band\b)\s*/i).map((name) => name.replace(IN_PLACE, '').trim()));
  const reporting = named(/^reporting$/i);
  // `Reporting by Washington Newsroom` names a desk, not a person.
  return { reporters: (reporting.length ? reporting : named(/^writing$/i)).filter((name) => isPersonName(name) && !DESK.test(name)).map(asWritten) };
}

/** What a story's closing lines give, each with where it was among them (0 for the last line). */
export interface Closing {
  readonly agency: { readonly name: string; readonly at: number } | null;
  readonly reporters: { readonly names: string[]; readonly at: number } | null;
  /** How many of the closing lines they are. */
  readonly taken: number;
}

/**
 * Reads a story's closing lines, given from the last up: an agency sign-off (`Reuters`) and a wire
 * story's bracketed credits (`(Reporting by …; Editing by …)`), in either order. Neither is text.
 */
export function readClosing(lastFirst: readonly string[]): Closing {
  let agency: Closing['agency'] = null;
  let reporters: Closing['reporters'] = null;
  let taken = 0;
  for (const text of lastFirst.slice(0, 2)) {
    const signed: string | null = agency ? null : parseSignoff(text);
    const credits: { reporters: string[] } | null = signed || reporters ? null : parseCredits(text);
    if (signed) agency = { name: signed, at: taken };
    else if (credits) reporters = { names: credits.reporters, at: taken };
    else break;
    taken++;
  }
  return { agency, reporters, taken };
}

const CREDITS = /^\((?:additional\s+)?(?:reporting|writing|editing|compiled|research)\s+by\s.+\)$/i;
const ROLE = /^((?:additional\s+)?(?:reporting|writing|editing|compiled|research))\s+by\s+(.+)$/i;

/** A name printed in capitals as names are written (`JANE O'NEILL` → `Jane O'Neill`); others as they are. */
function asWritten(name: string): string {
  if (name !== name.toUpperCase() || !/\p{Lu}{2}/u.test(name)) return name;
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/** A person's name as bylines print it: two to five words, each capitalised (particles allowed). */
export function isPersonName(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  // Capitalised words, name particles (`van`, `de`), and elided particles (`d'Afflisio`, `O'Neill`).
  return words.every((w) => /^(\p{Lu}[\p{L}'’.-]*|\p{Ll}{1,2}['’]\p{Lu}[\p{L}'’-]*|de|da|van|von|der|den|la|le|al|bin|el|di|du)$/u.test(w));
}

/** Labels sites put before a date: `Published: `, `Updated `, `Last updated`. */
const DATE_LABEL = /^(?:(?:first\s+)?published(?:\s+on)?|(?:last\s+)?updated|posted|date)\s*:?\s+/i;
/** Where a label starts a date after a byline with no separator: `By Jane Doe, CNN Updated 3:15 PM…`. */
const LABEL_AHEAD = /\s+(?=(?:(?:first\s+)?published|(?:last\s+)?updated|posted)\b)/gi;
/** What sits between a byline and a date on one line: `By Jane Doe | 2 March 1987`. */
const SEPARATOR = /\s+[|·•–—-]\s+|,\s+/g;
/** The time in a field of its own after the date: `March 4, 2024 / 3:15 PM / …`. */
const TIME_FIELD = /^[/|·•]\s*(\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?)/i;
/** A later revision after the date (`| Updated: 11:40 GMT, 2 January 2024`, `/ Updated 2 hours ago`): the first date is the story's. */
const REVISION = /^(?:[|·•/,–—-]\s*)?(?:last\s+)?(?:updated|modified|edited)\b/i;

/** What a date or byline line gives. */
export interface DateByline {
  readonly date: ArticleDate;
  readonly authors: string[];
  readonly agency: string | null;
}

/**
 * A line that starts with a date and may go on with a byline
 * (`30 June 2025 - 16:15 By Joyce Lee, Jack Kim and Hyun Young Yi`), or a byline followed by a
 * date (`By Jane Doe | Published 2 March 1987`). A label before the date is allowed, and a
 * revision after it (`| Updated …`) is passed over.
 */
export function parseDateByline(line: string): DateByline | null {
  const text = line.trim().replace(DATE_LABEL, '');
  if (text.length > MAX_META) return null;
  if (BY.test(text)) return parseBylineThenDate(text);
  const found = parseDateField(text);
  if (!found) return null;
  const rest = found.rest.replace(/^[\s,|·•–—-]+/, '');
  if (rest === '') return { date: found.date, authors: [], agency: null };
  const byline = parseByline(rest);
  return byline ? { date: found.date, ...byline } : null;
}

/** A date at the start of `text` with the time and revision fields that may follow it, and what is left. */
function parseDateField(text: string): { date: ArticleDate; rest: string } | null {
  const found = parseLeadingDate(text);
  if (!found) return null;
  let date = found.date;
  let rest = text.slice(found.length).trim();
  const time = TIME_FIELD.exec(rest);
  if (time && date.time === null) {
    // The date and its time read as one (`March 4, 2024 3:15 PM`), by the same rules as any date.
    date = parseLeadingDate(`${text.slice(0, found.length).trim()} ${time[1]}`)?.date ?? date;
    rest = rest.slice(time[0].length).trim();
  }
  return { date, rest: REVISION.test(rest) ? '' : rest };
}

function parseBylineThenDate(text: string): DateByline | null {
  for (const m of [...text.matchAll(SEPARATOR), ...text.matchAll(LABEL_AHEAD)].sort((a, b) => a.index - b.index)) {
    const left = text.slice(0, m.index);
    const right = text.slice(m.index + m[0].length).replace(DATE_LABEL, '');
    const found = parseDateField(right);
    if (!found || found.rest.length > 1) continue;
    const byline = parseByline(left);
    if (byline) return { date: found.date, ...byline };
  }
  return null;
}

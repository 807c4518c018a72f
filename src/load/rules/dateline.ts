/** Datelines: `SEOUL, June 30 (Reuters) - `, `SAN JOSE, Calif., March 2 (Reuters) - `, `LONDON (AP) — `. */
import type { ArticleDate, Dateline } from '../../types.ts';
import { parseLeadingDate } from './dates.ts';

export interface DatelineMatch {
  readonly dateline: Dateline;
  readonly agency: string | null;
  readonly date: ArticleDate | null;
  /** The paragraph with the dateline removed. */
  readonly rest: string;
}

// CITY in capitals (cities joined by a slash when filed from two), then up to three
// comma-separated parts (region, date), then an optional (Agency) or /Wire/, then a dash or a
// colon and a space (none needed after an agency's bracket: `(Reuters) -Israel said`). Bounded
// repetitions keep it linear on any input.
const DATELINE =
  /^([\p{Lu}][\p{Lu}\p{M} .'’&/-]{1,40}?)((?:,\s{0,3}[^,()/\n]{1,40}?){0,3})\s{0,3}(?:\(([^()\n]{1,40})\)|\/([^/\n]{1,40})\/)?\s{0,3}([-–—]{1,2}|:)(\s{1,3}|(?<=[)/]\s{0,3}[-–—]{1,2}))(?=\S)/u;

/**
 * Labels a desk prints in capitals before a dash or colon, as a city would be: `BREAKING —`,
 * `UPDATE:`, `EDITOR'S NOTE:`. A bare city (no agency, no date) is never one of them.
 */
const FLAG = /^(?:BREAKING(?: NEWS)?|UPDATED?|EXCLUSIVE|ANALYSIS|OPINION|COMMENT(?:ARY)?|EDITORIAL|CORRECTION|CLARIFICATION|WATCH|LIVE|VIDEO|PHOTOS?|FILE(?: PHOTO)?|NOTE|EDITOR'?S NOTE|WARNING|ADVISORY|FACTBOX|FACT CHECK|EXPLAINER|REVIEW|INTERVIEW|POLL|Q ?& ?A|RECAP|ALERT|URGENT|FLASH|BULLETIN|SPOILERS?|TRANSCRIPT|DEVELOPING|SPONSORED|PROMOTED|READ MORE|SEE ALSO|RELATED|HIGHLIGHTS|SUMMARY|KEY POINTS|CHART|GRAPHIC|TIMELINE|BACKGROUND|CONTEXT)$/;

/** Splits a dateline off the start of a paragraph, or returns null when there is none. */
export function parseDateline(paragraph: string): DatelineMatch | null {
  const m = DATELINE.exec(paragraph);
  if (!m) return null;
  const city = (m[1] ?? '').trim();
  // A city is written in capitals; a sentence that starts with an acronym is not a dateline.
  if (!/\p{Lu}{2}/u.test(city) || /\p{Ll}/u.test(city) || /^[/-]|[/-]$/.test(city)) return null;
  const parts = (m[2] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const agency = (m[3] ?? m[4])?.trim() ?? null;
  const mark = m[5]!;
  const spaced = (m[6] ?? '').length > 0;
  let date: ArticleDate | null = null;
  const regionParts: string[] = [];
  for (const part of parts) {
    const found = parseLeadingDate(part);
    if (found && found.length >= part.length - 1 && date === null) date = found.date;
    else if (date === null) regionParts.push(part);
    else return null; // text after the date that is not an agency: not a dateline
  }
  if (agency !== null && !/^\p{Lu}/u.test(agency)) return null;
  if (mark === ':') {
    // `NEW DELHI: India said…`: a city alone, as some papers print it.
    if (parts.length || agency !== null || !spaced || FLAG.test(city)) return null;
  } else if (agency === null && date === null) {
    // A city with no agency and no date (`LONDON — `, `WASHINGTON, D.C. — `) is set off by a dash
    // a hyphen is not (`IBM - the company - said`).
    if (!/^(?:[–—]|--)$/.test(mark) || !spaced || FLAG.test(city)) return null;
  }
  return {
    dateline: { city, region: regionParts.length ? regionParts.join(', ') : null },
    agency,
    date,
    rest: paragraph.slice(m[0].length),
  };
}

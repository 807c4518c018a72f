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

// CITY in capitals, then up to two comma-separated parts (region, date), then an optional
// (Agency), then a dash. Bounded repetitions keep it linear on any input.
const DATELINE =
  /^([\p{Lu}][\p{Lu}\p{M} .'’&-]{1,40}?)((?:,\s{0,3}[^,()\n]{1,40}?){0,3})\s{0,3}(?:\(([^()\n]{1,40})\))?\s{0,3}[-–—]{1,2}\s{1,3}(?=\S)/u;

/** Splits a dateline off the start of a paragraph, or returns null when there is none. */
export function parseDateline(paragraph: string): DatelineMatch | null {
  const m = DATELINE.exec(paragraph);
  if (!m) return null;
  const city = (m[1] ?? '').trim();
  // A city is written in capitals; a sentence that starts with an acronym is not a dateline.
  if (!/\p{Lu}{2}/u.test(city) || /\p{Ll}/u.test(city)) return null;
  const parts = (m[2] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const agency = m[3]?.trim() ?? null;
  let date: ArticleDate | null = null;
  const regionParts: string[] = [];
  for (const part of parts) {
    const found = parseLeadingDate(part);
    if (found && found.length >= part.length - 1 && date === null) date = found.date;
    else if (date === null) regionParts.push(part);
    else return null; // text after the date that is not an agency: not a dateline
  }
  // Without an agency in brackets, only accept the form with a date (`LONDON, March 2 - `).
  if (agency === null && date === null) return null;
  if (agency !== null && !/^\p{Lu}/u.test(agency)) return null;
  return {
    dateline: { city, region: regionParts.length ? regionParts.join(', ') : null },
    agency,
    date,
    rest: paragraph.slice(m[0].length),
  };
}

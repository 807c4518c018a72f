/** Dates as news pages write them, read with chrono-node; a missing year stays missing. */
import * as chrono from 'chrono-node';
import type { ArticleDate } from '../../types.ts';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/;

/** Reads an ISO 8601 date as written: the local date and time, never shifted to UTC. */
export function parseIsoDate(text: string): ArticleDate | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, hh, mm] = m;
  const date = { year: Number(y), month: Number(mo), day: Number(d), time: hh && mm ? `${hh}:${mm}` : null };
  return isValid(date) ? date : null;
}

/**
 * Finds a date at the start of `text` (`30 June 2025 - 16:15`, `Thursday 9 April 1987, 6.01pm`,
 * `June 30`, `Mar 2`). Returns the date and how many characters it took, or null.
 */
export function parseLeadingDate(text: string): { date: ArticleDate; length: number } | null {
  const iso = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?(?:Z|[+-]\d{2}:?\d{2})?/.exec(text);
  if (iso) {
    const date = parseIsoDate(iso[0]);
    return date ? { date, length: iso[0].length } : null;
  }
  // chrono reads `6.01pm` as a decimal; news style uses the dot for the time separator.
  const prepared = text.replace(/\b(\d{1,2})\.(\d{2})\s?([ap]\.?m\.?)/gi, '$1:$2$3');
  const [result] = chrono.en.strict.parse(prepared.slice(0, 80), REFERENCE, { forwardDate: false });
  if (!result || result.index !== 0 || !result.start.isCertain('day') || !result.start.isCertain('month')) return null;
  const start = result.start;
  const hour = start.isCertain('hour') ? start.get('hour') : null;
  const minute = start.get('minute') ?? 0;
  const date: ArticleDate = {
    year: start.isCertain('year') ? start.get('year')! : null,
    month: start.get('month')!,
    day: start.get('day')!,
    time: hour === null ? null : `${pad(hour)}:${pad(minute)}`,
  };
  if (!isValid(date)) return null;
  // chrono's text may include a trailing range (`- 16:15`); map its length back onto the original.
  return { date, length: Math.min(text.length, result.text.length + (text.length - prepared.length)) };
}

/** A fixed reference keeps parsing independent of the machine's clock; years are never taken from it. */
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

/** Units of a relative age as pages abbreviate them, and their length in minutes. */
const UNITS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:second|sec|s)$/, 0],
  [/^(?:minute|min|m)$/, 1],
  [/^(?:hour|hr|h)$/, 60],
  [/^(?:day|d)$/, 1440],
  [/^(?:week|wk|w)$/, 10080],
  [/^(?:month|mo)$/, 43200],
  [/^(?:year|yr|y)$/, 525600],
];
const UNIT = 'second|sec|s|minute|min|m|hour|hr|h|day|d|week|wk|w|month|mo|year|yr|y';
/** A clock time after `Yesterday at`, which the age keeps as written but does not date by. */
const AT_TIME = '(?:\\s+at\\s+\\d{1,2}[:.]\\d{2}\\s*(?:[ap]\\.?m\\.?)?)?';
/** `3 hours ago`, `5 mins ago`, `Yesterday at 3:15 PM`, `Updated 2 hours ago`. */
const AGE = `(?:(?:updated\\s+)?(?:(?:an?|one|\\d{1,3})\\s?(?:${UNIT})s?\\s+ago|yesterday${AT_TIME}|today${AT_TIME}|just now))`;
const RELATIVE = new RegExp(`^(?:updated\\s+)?(?:(an?|one|\\d{1,3})\\s?(${UNIT})s?\\s+ago|yesterday${AT_TIME}|today${AT_TIME}|just now)$`, 'i');
const OUTLET_THEN_AGE = new RegExp(`^([^·•|]{1,40}?)\\s*[·•|–—-]\\s*(${AGE})$`, 'i');
const AGE_THEN_OUTLET = new RegExp(`^(${AGE})\\s*[·•|–—-]\\s*([^·•|]{1,40})$`, 'i');

/**
 * A relative age on its own line, or with the outlet on the same line as some aggregators print
 * it (`Reuters · 3 hours ago`, `5 hours ago | Herald`).
 */
export function parseAgeLine(line: string): { age: string; outlet: string | null } | null {
  const text = line.trim();
  if (text.length > 60) return null;
  if (RELATIVE.test(text)) return { age: text, outlet: null };
  const before = OUTLET_THEN_AGE.exec(text);
  if (before) return { age: before[2]!, outlet: before[1]!.trim() };
  const after = AGE_THEN_OUTLET.exec(text);
  if (after) return { age: after[1]!, outlet: after[2]!.trim() };
  return null;
}

/**
 * Resolves a relative age against the date of the page that shows it. Without a time on the page
 * an age under a day keeps the page's date.
 */
export function resolveRelativeAge(age: string, page: ArticleDate | null): ArticleDate | null {
  if (!page) return null;
  const m = RELATIVE.exec(age.trim());
  if (!m) return null;
  const word = (m[0] ?? '').toLowerCase().replace(/^updated\s+/, '');
  const count = m[1] ? (/^\d+$/.test(m[1]) ? Number(m[1]) : 1) : 0;
  const unit = (m[2] ?? '').toLowerCase();
  const minutes = word.startsWith('yesterday') ? 24 * 60 : count * (UNITS.find(([re]) => re.test(unit))?.[1] ?? 0);
  const [hh, mm] = page.time ? page.time.split(':').map(Number) : [null, null];
  // Without a year, count back in a common (non-leap) year.
  const base = Date.UTC(page.year ?? 2001, page.month - 1, page.day, hh ?? 23, mm ?? 59);
  const when = new Date(base - minutes * 60_000);
  const sameYear = when.getUTCFullYear() === (page.year ?? 2001);
  return {
    year: page.year === null ? null : when.getUTCFullYear(),
    month: when.getUTCMonth() + 1,
    day: when.getUTCDate(),
    time: page.time && minutes < 1440 && sameYear ? `${pad(when.getUTCHours())}:${pad(when.getUTCMinutes())}` : null,
  };
}

/** `YYYY-MM-DD`, or `--MM-DD` when the year is not known (ISO 8601's own spelling for it). */
export function formatIsoDate(date: ArticleDate): string {
  return `${date.year === null ? '-' : String(date.year).padStart(4, '0')}-${pad(date.month)}-${pad(date.day)}`;
}

/** `YYYY-MM-DD HH:MM` (year 0000 and time 00:00 when unknown), ordered as text; '' for no date. */
export function sortableDate(date: ArticleDate | null): string {
  if (!date) return '';
  return `${String(date.year ?? 0).padStart(4, '0')}-${pad(date.month)}-${pad(date.day)} ${date.time ?? '00:00'}`;
}

/** Days between two dates that both have a year; null otherwise. */
export function daysBetween(a: ArticleDate, b: ArticleDate): number | null {
  if (a.year === null || b.year === null) {
    // Month and day only: compare within a year, the nearer way round.
    const d = Math.abs(dayOfYear(a) - dayOfYear(b));
    return Math.min(d, 365 - d);
  }
  return Math.abs(Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day)) / 86_400_000;
}

function dayOfYear(d: ArticleDate): number {
  return (Date.UTC(2001, d.month - 1, d.day) - Date.UTC(2001, 0, 1)) / 86_400_000;
}

function isValid(d: ArticleDate): boolean {
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  return d.day <= new Date(Date.UTC(d.year ?? 2000, d.month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

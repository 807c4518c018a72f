/** Display formats, independent of the machine's locale and clock. */
import type { ArticleDate, Dateline } from '../types.ts';
import { formatIsoDate } from '../load/rules/dates.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `30 June 2025, 16:15`; `30 June` when the year is not known. */
export function displayDate(date: ArticleDate | null): string {
  if (!date) return '';
  const day = `${date.day} ${MONTHS[date.month - 1]}${date.year === null ? '' : ` ${date.year}`}`;
  return date.time ? `${day}, ${date.time}` : day;
}

/** Machine-readable form for `<time datetime>`: `2025-06-30T16:15`, `2025-06-30`, or `--06-30`. */
export function machineDate(date: ArticleDate | null): string {
  if (!date) return '';
  const day = formatIsoDate(date);
  return date.time && date.year !== null ? `${day}T${date.time}` : day;
}

/** `By A, B and C`. */
export function byline(authors: readonly string[]): string {
  if (authors.length === 0) return '';
  if (authors.length === 1) return `By ${authors[0]}`;
  return `By ${authors.slice(0, -1).join(', ')} and ${authors.at(-1)}`;
}

/** `SAN JOSE, Calif.` */
export function datelineText(dateline: Dateline | null): string {
  if (!dateline) return '';
  return dateline.region ? `${dateline.city}, ${dateline.region}` : dateline.city;
}

/** The first `max` characters of a text, cut at a word, with an ellipsis when cut. */
export function excerpt(text: string, max = 220): string {
  if (text.length <= max) return text;
  // Cut back to the last white space, dropping the partial word after it (a scan from the end:
  // the /\s+\S*$/ it replaces backtracked at every space).
  const cut = text.slice(0, max);
  let end = cut.length;
  while (end > 0 && !SPACE.test(cut[end - 1]!)) end--;
  if (end === 0) return cut + '…';
  while (end > 0 && SPACE.test(cut[end - 1]!)) end--;
  return cut.slice(0, end) + '…';
}

const SPACE = /\s/;

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? '';
}

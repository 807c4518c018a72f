/** Header lines saved from a site's page chrome: ` date 2025-06-30 World`, `World | 30 June 2025`. */
import type { ArticleDate } from '../../types.ts';
import { parseIsoDate, parseLeadingDate } from './dates.ts';

export interface HeaderLine {
  readonly date: ArticleDate;
  readonly section: string | null;
}

const LABEL = /^(?:date|published|posted|updated)\s*:?\s*/i;
const SECTION = /^\p{Lu}[\p{L}&' -]{0,30}$/u;

/**
 * A line that carries only a date and, optionally, a section name, in either order,
 * possibly after a label such as `date` or `Published:`.
 */
export function parseHeaderLine(line: string): HeaderLine | null {
  const text = line.trim().replace(LABEL, '');
  if (text.length === 0 || text.length > 80) return null;
  const iso = /^(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)(?:\s*[|·•,-]?\s*(.*))?$/.exec(text);
  if (iso) {
    const date = parseIsoDate(iso[1] ?? '');
    const section = (iso[2] ?? '').trim();
    if (date && (section === '' || SECTION.test(section))) return { date, section: section || null };
    return null;
  }
  // `World | 30 June 2025`
  const split = /^(\p{Lu}[\p{L}&' -]{0,30}?)\s*[|·•]\s*(.+)$/u.exec(text);
  if (split) {
    const found = parseLeadingDate(split[2] ?? '');
    if (found && found.date.year !== null && found.length >= (split[2] ?? '').length - 1) {
      return { date: found.date, section: (split[1] ?? '').trim() };
    }
  }
  return null;
}

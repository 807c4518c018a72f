/**
 * The headline and opening paragraph as copying a page leaves them, set right:
 * - A wire service's version label before the headline (`UPDATE 2-Oil rises`, `REFILE-…`,
 *   `CORRECTED-UPDATE 1-…`) labels a version of the story, not its headline; the editors' note
 *   that goes with it above the dateline (`(Adds analyst comment, updates prices)`) is no text.
 * - A drop cap: the story's first letter, set large apart from its word, is copied as a letter of
 *   its own. Magazines print the words after it in capitals (`W ATCH RUSSIAN television or…`),
 *   so a lone capital (other than the one-letter words A, I and O) then a word in capitals, with
 *   the sentence going on in lower case, is one word: `WATCH RUSSIAN television or…`.
 * - A photo credit printed over the opening, which copies onto the same line when the page sets
 *   it on the picture above (`Photograph: Jane Doe W ATCH…`): it is taken out as the picture's
 *   credit, but only where a drop-capped opening shows where the credit ends.
 * - A credit line of its own at the head of the body (`Photograph: Getty Images`), where a related
 *   article's text has no caption lines to take it.
 */
import { CREDIT_LABEL, parseCredit } from './caption.ts';

/**
 * A drop cap and the capitalised words after it, the sentence going on in lower case (or a
 * figure, or an opening quote). Letters only as capitals: no `i` flag.
 */
const DROP_CAP = /^([B-HJ-NP-Z]) ([A-Z]{2,}[A-Z'’-]*)(?=(?: [A-Z][A-Z'’-]*)*,? [a-z\d"“‘'])/;

/** The most characters a credit run into the opening may have. */
const MAX_CREDIT = 120;

/** The most words a paragraph that is only a credit may have (`Photograph: Jane Doe/Reuters`). */
const MAX_CREDIT_WORDS = 8;

/** The opening paragraph's text set right, and the credit taken out of it, if any. */
export interface Lead {
  readonly text: string;
  readonly credit: string | null;
}

/** Joins a drop cap to its word (`W ATCH RUSSIAN television` → `WATCH RUSSIAN television`). */
export function joinDropCap(text: string): string {
  return text.replace(DROP_CAP, '$1$2');
}

/**
 * The opening paragraph without a credit run into it and with its drop cap joined; `text` is
 * empty when the whole paragraph is a credit line.
 */
export function parseLead(text: string): Lead {
  const label = CREDIT_LABEL.exec(text);
  if (!label) return { text: joinDropCap(text), credit: null };
  // The first drop-capped opening after a non-empty credit ends the credit.
  const from = label[0].length;
  for (let at = text.indexOf(' ', from + 1); at !== -1 && at - from <= MAX_CREDIT; at = text.indexOf(' ', at + 1)) {
    const rest = text.slice(at + 1);
    if (!DROP_CAP.test(rest)) continue;
    const credit = text.slice(from, at).trim();
    if (credit) return { text: joinDropCap(rest), credit };
  }
  // A paragraph that is all credit names a few words, not a sentence.
  const alone = parseCredit(text);
  if (alone !== null && alone.split(' ').length <= MAX_CREDIT_WORDS && !/[.!?]$/.test(alone)) return { text: '', credit: alone };
  return { text, credit: null };
}

/** Version labels in capitals, each with an optional number, before a hyphen: `UPDATE 2-`, `CORRECTED-UPDATE 1-`. No `i` flag. */
const VERSION_LABELS = /^(?:(?:UPDATE|REFILE|RPT|REPEAT|CORRECTED|RECASTS?|WRAPUP)(?:\s+\d{1,2})?\s*[-–:]\s*)+(?=\S)/;

/** The headline without a wire service's version label (`UPDATE 2-Oil rises` → `Oil rises`). */
export function withoutVersionLabel(headline: string): string {
  return headline.replace(VERSION_LABELS, '');
}

/** An editors' note on what a version changed, in brackets: `(Adds analyst comment, updates prices)`. */
const EDITORS_NOTE = /^\((?:adds|updates|recasts|changes|corrects|refiles|repeats|fixes|rewrites|writes through|inserts|removes|moves|deletes|edits)\b[^()]{0,200}\)$/i;

/** Whether a paragraph is an editors' note on what a version of the story changed. */
export function isEditorsNote(text: string): boolean {
  return EDITORS_NOTE.test(text.trim());
}

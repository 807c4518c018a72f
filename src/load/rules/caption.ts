/**
 * Image captions and credits: a caption line followed by `Image: …`, `Photograph: …`, `Photo: …`;
 * or labelled both ways, as some sites print them (`Image source, Getty Images` then
 * `Image caption, Fans outside the stadium`); or one line, the credit closing the caption
 * (`… at the White House. (AP Photo/Evan Vucci)`, `… on the coast. Photograph: Jane Doe/Reuters`).
 */

/** The words a credit is labelled with (`Photograph: …`, `Image credit: …`). */
const LABELS = 'photograph|photo|picture|pic|image|credit|photo credit|image credit';
/** A credit's label at the start of a line or paragraph (`Photograph: `). */
export const CREDIT_LABEL = new RegExp(`^(?:${LABELS})\\s*:\\s*`, 'i');
const CREDIT = new RegExp(`^(?:${LABELS}|image source|photo source|source)\\s*[:,]\\s*(.{1,120})$`, 'i');
const CAPTION = /^(?:image|photo|picture) caption\s*[:,]\s*(.{1,400})$/i;

/** The credit a credit line names (`Image: KCNA via REUTERS` → `KCNA via REUTERS`), or null. */
export function parseCredit(line: string): string | null {
  const text = line.trim();
  if (CAPTION.test(text)) return null;
  const m = CREDIT.exec(text);
  return m ? (m[1] ?? '').trim() : null;
}

/** The caption a labelled caption line gives (`Image caption, Fans outside…`), or null. */
export function parseCaptionLine(line: string): string | null {
  const m = CAPTION.exec(line.trim());
  return m ? (m[1] ?? '').trim() : null;
}

/** A credit in brackets closing a caption: `(AP Photo/Evan Vucci)`, `(REUTERS/Kim Kyung-Hoon)`, `(Photo: Jane Doe)`. */
const BRACKETED = /^(.{10,400}?[.!?"”’)]?)\s*\(([^()]{2,80})\)$/u;
/** A labelled credit closing a caption after its last sentence: `… coast. Photograph: Jane Doe/Reuters`. */
const TRAILING = new RegExp(`^(.{10,400}?[.!?"”’])\\s+(?:${LABELS})\\s*(?::|by)\\s*(.{2,80})$`, 'i');
/**
 * What a bracketed credit says: a photo (`AP Photo/…`, `Photo: …`), an agency in capitals and its
 * photographer (`REUTERS/Kim Kyung-Hoon`, `EPA-EFE/Jane Doe`), or a picture library.
 */
const CREDIT_NEAR_END = new RegExp(`(?:${LABELS})\\s*(?::|by)`, 'i');
const PHOTO_WORD = /\b(?:photo|photograph|image|picture)s?\b/i;
const AGENCY_SLASH = /^\p{Lu}[\p{Lu}-]{1,12}\s*\/\s*\S/u;
const PICTURE_LIBRARY = /^(?:getty images|shutterstock|alamy)\b/i;

/** A caption line with its credit at the end, as one (`President Biden speaks. (AP Photo/Evan Vucci)`), or null. */
export function parseCaptionWithCredit(line: string): { caption: string; credit: string } | null {
  const text = line.trim();
  // Most lines are body text: they neither end in a bracket nor name a credit near their end.
  if (text.length > 500 || (!text.endsWith(')') && !CREDIT_NEAR_END.test(text.slice(-90)))) return null;
  const trailing = TRAILING.exec(text);
  if (trailing) return { caption: trailing[1]!.trim(), credit: trailing[2]!.trim() };
  const bracketed = BRACKETED.exec(text);
  if (!bracketed) return null;
  const inside = bracketed[2]!.trim();
  if (!PHOTO_WORD.test(inside) && !AGENCY_SLASH.test(inside) && !PICTURE_LIBRARY.test(inside)) return null;
  return { caption: bracketed[1]!.trim(), credit: inside.replace(CREDIT_LABEL, '') };
}

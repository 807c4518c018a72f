/**
 * Image captions and credits: a caption line followed by `Image: …`, `Photograph: …`, `Photo: …`;
 * or labelled both ways, as some sites print them (`Image source, Getty Images` then
 * `Image caption, Fans outside the stadium`).
 */

const CREDIT =
  /^(?:image|photo|photograph|picture|pic|credit|photo credit|image credit|image source|photo source|source)\s*[:,]\s*(.{1,120})$/i;
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

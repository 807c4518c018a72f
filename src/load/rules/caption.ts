/** Image captions and credits: a caption line followed by `Image: …`, `Photograph: …`, `Photo: …`. */

const CREDIT = /^(?:image|photo|photograph|picture|pic|credit|photo credit|image credit|source)\s*:\s*(.{1,120})$/i;

/** The credit a credit line names (`Image: KCNA via REUTERS` → `KCNA via REUTERS`), or null. */
export function parseCredit(line: string): string | null {
  const m = CREDIT.exec(line.trim());
  return m ? (m[1] ?? '').trim() : null;
}

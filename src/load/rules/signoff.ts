/** Agency sign-offs: a last line that names the wire service (`Reuters`, `© Reuters`, `BBC News`, `(AP)`). */

/** Wire services and broadcasters whose copy ends with their name on a line of its own. */
const AGENCIES = [
  'Reuters', 'Associated Press', 'AP', 'AFP', 'Agence France-Presse', 'Bloomberg', 'BBC News', 'BBC',
  'dpa', 'Xinhua', 'Kyodo', 'Yonhap', 'ANSA', 'EFE', 'PA', 'PA Media', 'Press Association', 'UPI', 'CNN',
  'Al Jazeera', 'TASS', 'Interfax', 'Anadolu', 'AAP', 'CP', 'The Canadian Press',
];
const SIGNOFF = new RegExp(
  `^[(\\[]?(?:©|\\(c\\)|copyright)?\\s*(?:\\d{4}\\s+)?(${AGENCIES.map(escape).join('|')})(?:\\s+\\d{4})?[)\\]]?\\.?$`,
  'i',
);

/** The agency a sign-off line names, in its usual spelling, or null. */
export function parseSignoff(line: string): string | null {
  if (line.length > 60) return null;
  const m = SIGNOFF.exec(line.trim());
  if (!m) return null;
  const said = (m[1] ?? '').toLowerCase();
  return AGENCIES.find((a) => a.toLowerCase() === said) ?? null;
}

/** The agency in a dateline's brackets, in its usual spelling when it is a known one. */
export function normaliseAgency(name: string): string {
  return AGENCIES.find((a) => a.toLowerCase() === name.trim().toLowerCase()) ?? name.trim();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

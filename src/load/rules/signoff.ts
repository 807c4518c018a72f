/** Agency sign-offs: a last line that names the wire service (`Reuters`, `© Reuters`, `BBC News`, `(AP)`). */

/** Wire services and broadcasters whose copy ends with their name on a line of its own. */
const AGENCIES = [
  'Reuters', 'Associated Press', 'AP', 'AFP', 'Agence France-Presse', 'Bloomberg', 'BBC News', 'BBC',
  'dpa', 'Xinhua', 'Kyodo', 'Yonhap', 'ANSA', 'EFE', 'PA', 'PA Media', 'Press Association', 'UPI', 'CNN',
  'Al Jazeera', 'TASS', 'Interfax', 'Anadolu', 'AAP', 'CP', 'The Canadian Press',
];
/** `Reuters`, `© Reuters`, `(AP)`, `Copyright 2024 The Associated Press. All rights reserved.` */
const SIGNOFF = new RegExp(
  `^[(\\[]?(?:(?:©|\\(c\\)|copyright)\\s*)*(?:\\d{4}\\s+)?(?:the\\s+)?(${AGENCIES.map(escape).join('|')})(?:\\s+\\d{4})?[)\\]]?\\.?(?:\\s*all rights reserved\\.?)?$`,
  'i',
);

/** The agency a sign-off line names, in its usual spelling, or null. */
export function parseSignoff(line: string): string | null {
  if (line.length > 90) return null;
  const m = SIGNOFF.exec(line.trim());
  return m ? knownAgency(m[1] ?? '') : null;
}

/** The agency a name is (`associated press` → `Associated Press`), in its usual spelling, or null. */
export function knownAgency(name: string): string | null {
  const said = name.trim().toLowerCase();
  const bare = said.replace(/^the\s+/, '');
  return AGENCIES.find((a) => a.toLowerCase() === said) ?? AGENCIES.find((a) => a.toLowerCase() === bare) ?? null;
}


/** The agency in a dateline's brackets, in its usual spelling when it is a known one. */
export function normaliseAgency(name: string): string {
  return knownAgency(name) ?? name.trim();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

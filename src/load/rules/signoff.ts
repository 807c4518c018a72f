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

/**
 * Agencies known by two names: each is given the name its datelines credit it by (`(AP)`), so a
 * story whose byline says `Associated Press` and one whose dateline says `(AP)` share a source.
 */
const CREDITED_AS: Readonly<Record<string, string>> = {
  'Associated Press': 'AP',
  'Agence France-Presse': 'AFP',
  'Press Association': 'PA',
  'PA Media': 'PA',
  'The Canadian Press': 'CP',
};

/** The agency a name is (`the associated press` → `AP`), as its datelines credit it, or null. */
export function knownAgency(name: string): string | null {
  const said = name.trim().toLowerCase();
  const bare = said.replace(/^the\s+/, '');
  const found = AGENCIES.find((a) => a.toLowerCase() === said) ?? AGENCIES.find((a) => a.toLowerCase() === bare);
  return found === undefined ? null : (CREDITED_AS[found] ?? found);
}


/** The agency in a dateline's brackets, in its usual spelling when it is a known one. */
export function normaliseAgency(name: string): string {
  return knownAgency(name) ?? name.trim();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

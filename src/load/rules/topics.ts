/**
 * Topic lists: the labels a page prints under the story, one per line under a heading (`Topics`,
 * `Filed under`, `More about`) or after it on the line (`Topics: Oil, Energy`). They are the
 * page's own tags for the story, as front matter's are.
 */

/** A heading over the story's topic labels (`Topics`, `Filed under`), or the labels after it on one line. */
const TOPICS = /^(?:topics|related topics|tags|filed under|more about|explore more on these topics|read more about)\s*(?::\s*(.{1,200}))?$/i;

/**
 * The topic labels a page lists under the story, one per line under a heading or after it on the
 * line (`Topics: Oil, Energy`), or null when `line` heads no such list. `following` are the lines
 * after it; `taken` is how many of them the list is.
 */
export function parseTopics(line: string, following: readonly string[]): { labels: string[]; taken: number } | null {
  const m = TOPICS.exec(line.trim());
  if (!m) return null;
  if (m[1] !== undefined) {
    const labels = m[1].split(/\s*[,;|·•]\s*/).filter(isLabel);
    return labels.length ? { labels, taken: 0 } : null;
  }
  let taken = 0;
  while (taken < following.length && following[taken]!.trim() !== '' && isLabel(following[taken]!.trim())) taken++;
  // The list ends at a blank line or the end, and holds labels only.
  if (taken === 0 || taken > 15 || (taken < following.length && following[taken]!.trim() !== '')) return null;
  return { labels: following.slice(0, taken).map((l) => l.trim()), taken };
}

/** A topic label: a few words, no sentence. */
function isLabel(text: string): boolean {
  return text.length > 0 && text.length <= 40 && text.split(/\s+/).length <= 5 && !/[.!?:]$/.test(text);
}

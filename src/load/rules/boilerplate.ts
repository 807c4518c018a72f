/**
 * Aggregator and site boilerplate: widget headings and prompts that are never part of an article
 * (comment widgets, "Related Articles", "Advertisement", "Share this article", newsletter prompts),
 * and the publisher's notices under a story (rights reserved, editorial standards).
 */
import { parseSignoff } from './signoff.ts';

const BOILERPLATE: readonly RegExp[] = [
  /^(advertisement|advert|sponsored( content)?|ad|promoted( content)?)(\s*[-–·|:]\s*.{0,40})?$/i,
  /^(comments?|\d+\s+comments?|no comments( yet)?|be the first to comment|leave a comment|add a comment|view comments|show comments)\W*$/i,
  /^(share|share (this|the) (article|story|page)|share on \w+|tweet|email|print|copy link|save)\W*$/i,
  /^(read more|continue reading|read the full (story|article)|more on this story|see also)\W*$/i,
  // A link to another story set in the text: `READ MORE: Bank of England holds rates`.
  /^(read more|related|see also|also read|read also|more|recommended|don't miss|must read)\s*:\s*.{3,150}(?<!\.)$/i,
  // A gallery's counter and prompts: `1 of 5`, `Click to enlarge`.
  /^(image |photo |picture )?\d{1,3}\s*(of|\/)\s*\d{1,3}$/i,
  /^click (here )?to .{1,60}$/i,
  /^(sign up|subscribe|get|join)\b.{0,60}\b(newsletter|updates|alerts|inbox|briefing)\b.*$/i,
  /^(newsletter|sign up|subscribe( now)?|log in|sign in|register)\W*$/i,
  // Product promotion widgets: "Try our AI features", "Explore what … can do for you:"
  /^(try|explore|discover|download|install)\b.{0,60}\b(features?|app|can do for you|premium|for free)\b\W*$/i,
  /^(related|related (articles|stories|news|content|coverage|topics)|more (stories|from .{1,30}|on this)|you (may|might) also like|recommended( for you)?|most (read|popular)|trending( now)?)\W*$/i,
];

/**
 * A publisher's own furniture: the site's navigation and breadcrumbs, its cookie banner, rights
 * notice and standards statement, reading time, audio player and invitations to follow it.
 */
const NOTICES: readonly RegExp[] = [
  /^(?:(?:copyright|©|\(c\))\s*)+.{0,80}\ball rights reserved\W*$/i,
  /^all rights reserved\W*$/i,
  /^(?:our|editorial) standards\s*:.{0,80}$/i,
  /^\d{1,3}\s*(?:min|mins|minutes?)(?: read)?$/i,
  /^listen to (?:this|the) (?:article|story)\b.{0,40}$/i,
  /^(?:skip to (?:the )?(?:main )?(?:content|navigation|article)|(?:open |close |main )?menu|toggle navigation|navigation|search|home|my account|account|edition|back to top)$/i,
  /^(?:we use cookies|this (?:site|website) uses cookies|by (?:continuing|using this (?:site|website))).{0,250}$/i,
  /^(?:accept|reject|allow|manage)(?: all)?(?: cookies| preferences| settings)\W*$/i,
  /^cookie (?:settings|preferences|policy)\W*$/i,
  // Breadcrumbs: `Home > World > Europe`, each a capitalised label.
  /^\p{Lu}[\p{L}\d&'’ .-]{0,29}(?:[>›»]\s*\p{Lu}[\p{L}\d&'’ .-]{0,29}){2,5}$/u,
  /^follow (?:us|[\p{L}. ]{1,30}) on (?:twitter|x|facebook|instagram|linkedin|threads|bluesky|tiktok|youtube|whatsapp|telegram)\b.{0,40}$/iu,
];

/** Headings after which an aggregator lists related articles. */
const RELATED_HEADING =
  /^(related|related (articles|stories|news|content|coverage|reading)|more (stories|from .{1,30}|on this( story)?|to read)|you (may|might) also (like|be interested in)|recommended( (for you|stories|articles|reading))?|(read|up) next|(also|further) read(ing)?|read also|see also|top stories|latest (news|stories|headlines)|editor'?s picks|most (read|popular|viewed))\W*$/i;

/** Whether a line is page furniture rather than article text: a widget's, or a publisher's notice. */
export function isBoilerplate(line: string): boolean {
  return isWidget(line) || isNotice(line);
}

/** Whether a line is a widget's heading or prompt: what marks a page as an aggregator's. */
export function isWidget(line: string): boolean {
  const text = line.trim();
  return text.length > 0 && text.length <= 100 && BOILERPLATE.some((re) => re.test(text));
}

/** The furniture rules as one expression: a line that is none of them fails it at its first characters. */
const NOTICE = new RegExp(NOTICES.map((re) => `(?:${re.source})`).join('|'), 'iu');

/** Whether a line is a publisher's furniture; a notice naming a wire service is its sign-off (`© 2024 Reuters. All rights reserved.`). */
export function isNotice(line: string): boolean {
  const text = line.trim();
  return text.length > 0 && text.length <= 300 && NOTICE.test(text) && parseSignoff(text) === null;
}

/** Whether a line introduces a list of related articles. */
export function isRelatedHeading(line: string): boolean {
  const text = line.trim();
  return text.length <= 60 && RELATED_HEADING.test(text);
}

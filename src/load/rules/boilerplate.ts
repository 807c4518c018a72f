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
  /^(sign up|subscribe|get|join)\b.{0,60}\b(newsletter|updates|alerts|inbox|briefing)\b.*$/i,
  /^(newsletter|sign up|subscribe( now)?|log in|sign in|register)\W*$/i,
  // Product promotion widgets: "Try our AI features", "Explore what … can do for you:"
  /^(try|explore|discover|download|install)\b.{0,60}\b(features?|app|can do for you|premium|for free)\b\W*$/i,
  /^(related|related (articles|stories|news|content|coverage|topics)|more (stories|from .{1,30}|on this)|you (may|might) also like|recommended( for you)?|most (read|popular)|trending( now)?)\W*$/i,
];

/** A publisher's own furniture: rights notice and standards statement, reading time, audio player. */
const NOTICES: readonly RegExp[] = [
  /^(?:(?:copyright|©|\(c\))\s*)+.{0,80}\ball rights reserved\W*$/i,
  /^all rights reserved\W*$/i,
  /^(?:our|editorial) standards\s*:.{0,80}$/i,
  /^\d{1,3}\s*(?:min|mins|minutes?)(?: read)?$/i,
  /^listen to (?:this|the) (?:article|story)\b.{0,40}$/i,
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

/** How a notice starts: most lines are passed over by this one test. */
const NOTICE_START = /^\s*(?:copyright|©|\(c\)|all rights|our standards|editorial standards|listen to|\d{1,3}\s*min)/i;

/** Whether a line is a publisher's notice; one naming a wire service is its sign-off (`© 2024 Reuters. All rights reserved.`). */
export function isNotice(line: string): boolean {
  if (!NOTICE_START.test(line)) return false;
  const text = line.trim();
  return text.length <= 100 && NOTICES.some((re) => re.test(text)) && parseSignoff(text) === null;
}

/** Whether a line introduces a list of related articles. */
export function isRelatedHeading(line: string): boolean {
  const text = line.trim();
  return text.length <= 60 && RELATED_HEADING.test(text);
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldSpace } from '../../../src/load/article.ts';
import { isBoilerplate, isRelatedHeading } from '../../../src/load/rules/boilerplate.ts';
import { parseByline, parseCredits, parseDateByline, readClosing } from '../../../src/load/rules/byline.ts';
import { parseCaptionLine, parseCaptionWithCredit, parseCredit } from '../../../src/load/rules/caption.ts';
import { parseDateline } from '../../../src/load/rules/dateline.ts';
import { parseAgeLine, parseIsoDate, parseLeadingDate, resolveRelativeAge } from '../../../src/load/rules/dates.ts';
import { parseHeaderLine } from '../../../src/load/rules/header.ts';
import { joinDropCap, parseLead } from '../../../src/load/rules/lead.ts';
import { parseSignoff } from '../../../src/load/rules/signoff.ts';

describe('foldSpace', () => {
  it('collapses every run of white space to one space and trims, as the plain rule does', () => {
    const pieces = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', 'a', 'Bé', '.');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }).map((a) => a.join('')), (text) => {
        expect(foldSpace(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('dates', () => {
  it('reads ISO dates as written, never shifted to UTC', () => {
    expect(parseIsoDate('1987-03-02T14:05:00+01:00')).toEqual({ year: 1987, month: 3, day: 2, time: '14:05' });
    expect(parseIsoDate('1987-03-02')).toEqual({ year: 1987, month: 3, day: 2, time: null });
    expect(parseIsoDate('1987-02-30')).toBeNull();
  });
  it('reads the common news spellings', () => {
    expect(parseLeadingDate('30 June 2025 - 16:15')?.date).toEqual({ year: 2025, month: 6, day: 30, time: '16:15' });
    expect(parseLeadingDate('Thursday 9 April 1987, 6.01pm')?.date).toEqual({ year: 1987, month: 4, day: 9, time: '18:01' });
    expect(parseLeadingDate('Mar 2')?.date).toEqual({ year: null, month: 3, day: 2, time: null });
  });
  it('marks a missing year instead of guessing one', () => {
    expect(parseLeadingDate('June 30')?.date.year).toBeNull();
  });
  it('finds no date in ordinary prose', () => {
    expect(parseLeadingDate('The company said it would')).toBeNull();
  });
  it('resolves relative ages against the page date', () => {
    expect(parseAgeLine('3 hours ago')).not.toBeNull();
    expect(parseAgeLine('Three hours of talks')).toBeNull();
    const page = { year: 2025, month: 6, day: 30, time: '16:15' };
    expect(resolveRelativeAge('3 hours ago', page)).toEqual({ year: 2025, month: 6, day: 30, time: '13:15' });
    expect(resolveRelativeAge('2 days ago', page)).toEqual({ year: 2025, month: 6, day: 28, time: null });
    expect(resolveRelativeAge('2 hours ago', { year: null, month: 6, day: 30, time: null })).toEqual({ year: null, month: 6, day: 30, time: null });
  });
});

describe('header lines', () => {
  it('reads a date and a section', () => {
    expect(parseHeaderLine(' date 2025-06-30 World')).toEqual({ date: { year: 2025, month: 6, day: 30, time: null }, section: 'World' });
    expect(parseHeaderLine('World | 30 June 2025')?.section).toBe('World');
  });
  it('is not fooled by a headline', () => {
    expect(parseHeaderLine('North Korea seen draping coffins')).toBeNull();
  });
});

describe('bylines', () => {
  it('splits "By A, B and C"', () => {
    expect(parseByline('By Joyce Lee, Jack Kim and Hyun Young Yi')?.authors).toEqual(['Joyce Lee', 'Jack Kim', 'Hyun Young Yi']);
  });
  it('drops the place after "in"', () => {
    expect(parseByline('By Jane Doe in London')?.authors).toEqual(['Jane Doe']);
  });
  it('treats a desk as no person', () => {
    expect(parseByline('By Reuters Staff')).toEqual({ authors: [], agency: 'Reuters' });
  });
  it('reads a date followed by a byline', () => {
    expect(parseDateByline('30 June 2025 - 16:15 By Joyce Lee, Jack Kim and Hyun Young Yi')).toEqual({
      date: { year: 2025, month: 6, day: 30, time: '16:15' },
      authors: ['Joyce Lee', 'Jack Kim', 'Hyun Young Yi'],
      agency: null,
    });
    expect(parseDateByline('3 March 1987 - 17:28')?.authors).toEqual([]);
  });
  it('rejects prose that starts with "By"', () => {
    expect(parseByline('By the end of the year prices had doubled.')).toBeNull();
  });
  it('reads the other ways pages introduce the writer', () => {
    expect(parseByline('Story by Jane Doe')?.authors).toEqual(['Jane Doe']);
    expect(parseByline('Written by Jane Doe and John Roe')?.authors).toEqual(['Jane Doe', 'John Roe']);
    expect(parseByline('Author: Jane Doe')?.authors).toEqual(['Jane Doe']);
    expect(parseByline('Authors: Jane Doe, John Roe')?.authors).toEqual(['Jane Doe', 'John Roe']);
    expect(parseByline('By the way, prices rose')).toBeNull();
    expect(parseDateByline('Story by Jane Doe | March 4, 2024')).toEqual({ date: { year: 2024, month: 3, day: 4, time: null }, authors: ['Jane Doe'], agency: null });
  });
  it('keeps the employer and the job out of the authors, and an agency as the agency', () => {
    expect(parseByline('By Jane Doe, Reuters')).toEqual({ authors: ['Jane Doe'], agency: 'Reuters' });
    expect(parseByline('By Jane Doe | Reuters')).toEqual({ authors: ['Jane Doe'], agency: 'Reuters' });
    expect(parseByline('By Jane Doe and John Roe, The Associated Press')).toEqual({ authors: ['Jane Doe', 'John Roe'], agency: 'AP' });
    expect(parseByline('By Jane Doe and John Roe, The Washington Post')).toEqual({ authors: ['Jane Doe', 'John Roe'], agency: null });
    expect(parseByline('By Jane Doe, Senior Correspondent')).toEqual({ authors: ['Jane Doe'], agency: null });
    expect(parseByline('By Jane Doe, Staff Writer')).toEqual({ authors: ['Jane Doe'], agency: null });
    expect(parseByline('By Jane Doe, John Roe')).toEqual({ authors: ['Jane Doe', 'John Roe'], agency: null });
  });
  it('writes names printed in capitals as names are written', () => {
    expect(parseByline("By JANE O'NEILL and John Roe")?.authors).toEqual(["Jane O'Neill", 'John Roe']);
    expect(parseByline('By MARY-KATE SMITH')?.authors).toEqual(['Mary-Kate Smith']);
  });
  it('reads a byline and an employer followed by a labelled date without a separator', () => {
    expect(parseDateByline('By Jane Doe, CNN Updated 3:15 PM EDT, Mon March 4, 2024')).toEqual({
      date: { year: 2024, month: 3, day: 4, time: '15:15' },
      authors: ['Jane Doe'],
      agency: 'CNN',
    });
  });
});

describe('date lines', () => {
  const date = (line: string) => parseDateByline(line)?.date ?? null;
  it('take the first date of a line that gives the revision too', () => {
    expect(date('PUBLISHED: 09:12 GMT, 2 January 2024 | UPDATED: 11:40 GMT, 2 January 2024')).toEqual({ year: 2024, month: 1, day: 2, time: '09:12' });
    expect(date('March 4, 2024 3:15 PM ET | Updated March 5, 2024')).toEqual({ year: 2024, month: 3, day: 4, time: '15:15' });
  });
  it('take a time in a field of its own, and pass over a relative revision', () => {
    expect(date('March 4, 2024 / 3:15 PM / Updated 2 hours ago')).toEqual({ year: 2024, month: 3, day: 4, time: '15:15' });
    expect(date('March 4, 2024 / 12:05 AM')).toEqual({ year: 2024, month: 3, day: 4, time: '00:05' });
    expect(date('March 4, 2024 / 18:40 GMT')).toEqual({ year: 2024, month: 3, day: 4, time: '18:40' });
  });
  it('take the labels sites print', () => {
    expect(date('Published On 4 Mar 2024')).toEqual({ year: 2024, month: 3, day: 4, time: null });
    expect(date('Updated: 4 March 2024 15:15 GMT')).toEqual({ year: 2024, month: 3, day: 4, time: '15:15' });
  });
  it('are not prose that mentions an update', () => {
    expect(parseDateByline('March 4, 2024 was the day the company updated its guidance')).toBeNull();
  });
});

describe('closing credits', () => {
  it('name the reporters, without where they filed from', () => {
    expect(parseCredits('(Reporting by Jane Doe in Seoul and John Roe; Additional reporting by Ann Lee; Editing by Mark Smith)')).toEqual({ reporters: ['Jane Doe', 'John Roe'] });
    expect(parseCredits('(Writing by Ann Lee; Editing by Mark Smith)')).toEqual({ reporters: ['Ann Lee'] });
    expect(parseCredits('(Editing by Mark Smith)')).toEqual({ reporters: [] });
    expect(parseCredits('(Reporting by Washington Newsroom; Editing by Mark Smith)')).toEqual({ reporters: [] });
  });
  it('are read with the sign-off, in either order, as the closing lines', () => {
    const credits = '(Reporting by Jane Doe; Editing by Ann Lee)';
    expect(readClosing(['Reuters', credits, 'Oil rose.'])).toEqual({ agency: { name: 'Reuters', at: 0 }, reporters: { names: ['Jane Doe'], at: 1 }, taken: 2 });
    expect(readClosing([credits, 'Reuters'])).toEqual({ agency: { name: 'Reuters', at: 1 }, reporters: { names: ['Jane Doe'], at: 0 }, taken: 2 });
    expect(readClosing(['Oil rose.', 'Reuters'])).toEqual({ agency: null, reporters: null, taken: 0 });
    // One of each: a second sign-off above the first is text.
    expect(readClosing(['Reuters', 'Reuters']).taken).toBe(1);
  });
  it('are only a bracketed line of credits', () => {
    expect(parseCredits('(Reporting by the central bank was delayed, officials said.')).toBeNull();
    expect(parseCredits('Reporting by Jane Doe')).toBeNull();
    expect(parseCredits('(The figures were revised.)')).toBeNull();
  });
});

describe('datelines', () => {
  it('splits city, date and agency off the first paragraph', () => {
    expect(parseDateline('SEOUL, June 30 (Reuters) - North Korea said')).toEqual({
      dateline: { city: 'SEOUL', region: null },
      agency: 'Reuters',
      date: { year: null, month: 6, day: 30, time: null },
      rest: 'North Korea said',
    });
  });
  it('keeps the region', () => {
    const m = parseDateline('SAN JOSE, Calif., March 2 (Reuters) - Apple said');
    expect(m?.dateline).toEqual({ city: 'SAN JOSE', region: 'Calif.' });
    expect(m?.rest).toBe('Apple said');
  });
  it('accepts a dateline without a date', () => {
    expect(parseDateline('LONDON (AP) — Prices rose')?.dateline.city).toBe('LONDON');
  });
  it('does not take an acronym at the start of a sentence', () => {
    expect(parseDateline('IBM said on Monday - in a statement - that')).toBeNull();
    expect(parseDateline('Shr 23 cts vs 34 cts')).toBeNull();
    expect(parseDateline('IBM - the computer maker - said')).toBeNull();
  });
  it('accepts a city alone, set off by a dash or a colon as papers print it', () => {
    const city = (text: string) => {
      const m = parseDateline(text);
      return m && [m.dateline.city, m.dateline.region, m.agency, m.rest];
    };
    expect(city('LONDON — Britain said on Monday')).toEqual(['LONDON', null, null, 'Britain said on Monday']);
    expect(city('WASHINGTON, D.C. -- The president said')).toEqual(['WASHINGTON', 'D.C.', null, 'The president said']);
    expect(city('NEW DELHI: India said on Monday')).toEqual(['NEW DELHI', null, null, 'India said on Monday']);
    // A desk's label is no city.
    for (const text of ['BREAKING — The president has resigned', 'UPDATE: Officials said', "EDITOR'S NOTE: This story was corrected", 'ANALYSIS — Markets fell']) {
      expect(parseDateline(text), text).toBeNull();
    }
  });
  it('accepts cities joined by a slash, a wire in slashes, and no space after the bracket', () => {
    expect(parseDateline('SAN FRANCISCO/NEW YORK, March 3 (Reuters) - Shares rose')?.dateline.city).toBe('SAN FRANCISCO/NEW YORK');
    expect(parseDateline('BRUSSELS, March 3 /PRNewswire/ -- The company said')).toMatchObject({ agency: 'PRNewswire', rest: 'The company said' });
    expect(parseDateline('JERUSALEM, Feb 28 (Reuters) -Israel said')).toMatchObject({ agency: 'Reuters', rest: 'Israel said' });
    expect(parseDateline('WINSTON-SALEM, N.C., March 3 (Reuters) - Sales rose')?.dateline).toEqual({ city: 'WINSTON-SALEM', region: 'N.C.' });
  });
});

describe('sign-offs, credits and boilerplate', () => {
  it('recognises agency sign-offs', () => {
    expect(parseSignoff('Reuters')).toBe('Reuters');
    expect(parseSignoff('© Reuters')).toBe('Reuters');
    expect(parseSignoff('BBC News')).toBe('BBC News');
    expect(parseSignoff('Reuters said the talks failed.')).toBeNull();
    // An agency known by two names is given the one its datelines credit it by.
    expect(parseSignoff('Copyright 2024 The Associated Press. All rights reserved.')).toBe('AP');
    expect(parseSignoff('© 2024 The Canadian Press')).toBe('CP');
    expect(parseSignoff('Agence France-Presse')).toBe('AFP');
  });
  it('recognises credit lines', () => {
    expect(parseCredit('Image: KCNA via REUTERS')).toBe('KCNA via REUTERS');
    expect(parseCredit('Photograph: Jane Doe/AP')).toBe('Jane Doe/AP');
    expect(parseCredit('Imagine all the people')).toBeNull();
  });
  it('recognises page furniture', () => {
    for (const line of ['Advertisement', 'Advertisement - Scroll to continue', '5 min read', 'Listen to this article', 'Comments', 'No comments yet...', 'Share this article', 'Read more', 'Sign up for our daily newsletter', 'Try Our AI Features']) {
      expect(isBoilerplate(line), line).toBe(true);
    }
    expect(isRelatedHeading('Related Articles')).toBe(true);
    for (const heading of ['Related Coverage', 'Also read', 'Recommended Stories', 'More on this story', 'Top stories', 'Latest news', "Editor's picks", 'Up next']) {
      expect(isRelatedHeading(heading), heading).toBe(true);
    }
    expect(isBoilerplate('Comments from the minister were not available.')).toBe(false);
    for (const line of ['READ MORE: Bank of England holds rates', 'Related: Oil prices climb', '1 of 5', 'Image 2/7', 'Click to enlarge', 'Skip to main content', 'Menu', 'Search', 'Home > World > Europe', 'News › Business › Markets', 'We use cookies to improve your experience. By continuing you agree to our use of cookies.', 'Accept all cookies', 'Follow us on Twitter', 'Follow Jane Doe on X', '© 2024 Daily Courier Ltd. All rights reserved.', 'Copyright © 2024 Example Media Group. All Rights Reserved.', 'All rights reserved.', 'Our Standards: The Trust Principles.']) {
      expect(isBoilerplate(line), line).toBe(true);
    }
    // A notice that names a wire service is its sign-off, and copyright in a sentence is text.
    expect(isBoilerplate('Copyright 2024 Reuters. All rights reserved.')).toBe(false);
    expect(isBoilerplate('Copyright law was changed, and all rights reserved by the state were dropped in 1987, officials said.')).toBe(false);
    for (const text of ['Related: the minister said rates would rise.', 'Search teams found the wreck on Monday.', 'Home prices rose 5 pct in March.', 'Shares rose > 5 pct > expectations', 'Follow the money, he said.']) {
      expect(isBoilerplate(text), text).toBe(false);
    }
  });
});

describe('the opening paragraph', () => {
  it('joins a drop cap to the capitalised words after it', () => {
    expect(joinDropCap('W ATCH RUSSIAN television or listen to the radio')).toBe('WATCH RUSSIAN television or listen to the radio');
    expect(joinDropCap('T HE GOVERNMENT of Japan, said on Monday')).toBe('THE GOVERNMENT of Japan, said on Monday');
    expect(joinDropCap('S HARES, in Tokyo 1987')).toBe('SHARES, in Tokyo 1987');
  });
  it('leaves one-letter words, initials and text in capitals alone', () => {
    for (const text of [
      'A LONG winter is ahead, forecasters said',
      'I KNOW what they want, he said',
      'J K Rowling said on Monday',
      'U S trade officials met on Monday',
      'T cells attack the virus, researchers said',
      'W ATCH THIS SPACE',
      'NEW YORK, March 3 - shares rose',
    ]) expect(joinDropCap(text), text).toBe(text);
  });
  it('takes out a photo credit run into a drop-capped opening', () => {
    expect(parseLead('Photograph: Aleksandra Astakhova W ATCH RUSSIAN television or listen')).toEqual({
      text: 'WATCH RUSSIAN television or listen',
      credit: 'Aleksandra Astakhova',
    });
    expect(parseLead('Photo: J SMITH/AP W HEN THE talks began, few expected')).toEqual({ text: 'WHEN THE talks began, few expected', credit: 'J SMITH/AP' });
  });
  it('takes a credit line of its own, and leaves a credit it cannot end', () => {
    expect(parseLead('Photograph: Getty Images')).toEqual({ text: '', credit: 'Getty Images' });
    for (const runOn of [
      'Photograph: Jane Doe The minister said on Monday that talks would resume, and that the government was ready to make concessions to win a deal before the end of the year.',
      'Photograph: Jane Doe The minister said on Monday that talks would resume.',
    ]) expect(parseLead(runOn)).toEqual({ text: runOn, credit: null });
    expect(parseLead('The minister said on Monday')).toEqual({ text: 'The minister said on Monday', credit: null });
  });
});

describe('layout variants', () => {
  it('reads a byline followed by a labelled date', () => {
    expect(parseDateByline('By Jane Doe | Published 9 April 1987, 18:01')).toEqual({ date: { year: 1987, month: 4, day: 9, time: '18:01' }, authors: ['Jane Doe'], agency: null });
    expect(parseDateByline('Updated: 2 March 1987')?.date).toEqual({ year: 1987, month: 3, day: 2, time: null });
  });
  it('reads labelled captions and credits', () => {
    expect(parseCredit('Image source, Getty Images')).toBe('Getty Images');
    expect(parseCaptionLine('Image caption, Traders on the floor.')).toBe('Traders on the floor.');
    expect(parseCredit('Image caption, Traders on the floor.')).toBeNull();
  });
  it('reads a caption whose credit closes it', () => {
    expect(parseCaptionWithCredit('President Joe Biden signs the bill at the White House. (AP Photo/Evan Vucci)')).toEqual({ caption: 'President Joe Biden signs the bill at the White House.', credit: 'AP Photo/Evan Vucci' });
    expect(parseCaptionWithCredit('Rescue workers search the rubble in Wajima (REUTERS/Kim Kyung-Hoon)')).toEqual({ caption: 'Rescue workers search the rubble in Wajima', credit: 'REUTERS/Kim Kyung-Hoon' });
    expect(parseCaptionWithCredit('Waves crash on the coast. Photograph: Jane Doe/Reuters')).toEqual({ caption: 'Waves crash on the coast.', credit: 'Jane Doe/Reuters' });
    expect(parseCaptionWithCredit('Fans outside the stadium. (Photo: Jane Doe)')).toEqual({ caption: 'Fans outside the stadium.', credit: 'Jane Doe' });
    expect(parseCaptionWithCredit('Traders on the floor (Getty Images)')).toEqual({ caption: 'Traders on the floor', credit: 'Getty Images' });
  });
  it('leaves text whose brackets are no credit', () => {
    for (const line of ['The company said sales rose (Reuters)', 'Rules were tightened last year (EPA)', 'Shares rose 5 pct (see table)', 'Prices (in dlrs)']) {
      expect(parseCaptionWithCredit(line), line).toBeNull();
    }
  });
  it('reads ages as pages abbreviate them', () => {
    for (const age of ['5 mins ago', '2h ago', '45 seconds ago', '1 month ago', 'Updated 2 hours ago', 'Yesterday at 3:15 PM']) expect(parseAgeLine(age)?.age, age).toBe(age);
    const page = { year: 2024, month: 3, day: 31, time: '12:00' };
    expect(resolveRelativeAge('1 month ago', page)).toEqual({ year: 2024, month: 3, day: 1, time: null });
    expect(resolveRelativeAge('45 seconds ago', page)).toEqual({ year: 2024, month: 3, day: 31, time: '12:00' });
    expect(resolveRelativeAge('Updated 2 hours ago', page)).toEqual({ year: 2024, month: 3, day: 31, time: '10:00' });
    expect(resolveRelativeAge('Yesterday at 3:15 PM', page)).toEqual({ year: 2024, month: 3, day: 30, time: null });
  });
  it('reads an outlet and an age on one line', () => {
    expect(parseAgeLine('Gazette · 5 hours ago')).toEqual({ age: '5 hours ago', outlet: 'Gazette' });
    expect(parseAgeLine('2 days ago | Courier')).toEqual({ age: '2 days ago', outlet: 'Courier' });
    expect(parseAgeLine('3 hours ago')).toEqual({ age: '3 hours ago', outlet: null });
    expect(parseAgeLine('Talks went on for 3 hours ago and more')).toBeNull();
  });
});

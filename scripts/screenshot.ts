/** Screenshots of a built site for a person to look at: `tsx scripts/screenshot.ts [dist] [out-dir]`. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../src/serve.ts';

const content = process.argv[2] ?? 'content';
const outDir = process.argv[3] ?? 'tmp/screenshots';
mkdirSync(outDir, { recursive: true });
const preview = await serve({ content, out: path.join(outDir, 'site'), port: 0, log: () => {} });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const pages: Array<[string, string]> = [
  ['home', ''],
  ['story', process.argv[4] ?? 'stories/north-koreas-kim-seen-draping-coffins-with-flag-at-russia-treaty-anniversary/'],
  ['tags', 'tags/'],
];
for (const [width, scheme] of [[1280, 'light'], [375, 'dark']] as const) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
  for (const [name, url] of pages) {
    await page.goto(preview.url + url);
    await page.screenshot({ path: path.join(outDir, `${name}-${width}.png`), fullPage: width < 400 ? false : true });
  }
  await page.close();
}
await browser.close();
await preview.close();
console.log(`screenshots in ${outDir}`);

/**
 * `tsx scripts/bench/search-page.ts SITE [DELAY_MS] [QUERY]`: serves a built site with DELAY_MS
 * (default 50) added to every request, as a distant host would, and prints how long Chromium
 * takes from opening the search page with a query to showing its results, four times.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import sirv from 'sirv';

const [site, delayArg = '50', query = 'coffee'] = process.argv.slice(2);
if (!site) throw new Error('usage: tsx scripts/bench/search-page.ts SITE [DELAY_MS] [QUERY]');
const delay = Number(delayArg);
const statics = sirv(site, { dev: true });
const server = createServer((req, res) => setTimeout(() => statics(req, res, () => void res.writeHead(404).end()), delay));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/search/?q=${encodeURIComponent(query)}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const times: number[] = [];
let status = '';
for (let i = 0; i < 4; i++) {
  const page = await browser.newPage();
  const started = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => /found/.test(document.getElementById('search-status')?.textContent ?? ''), null, { timeout: 60_000 });
  times.push(Date.now() - started);
  status = (await page.locator('#search-status').textContent()) ?? '';
  await page.close();
}
console.log(`${status} ${delay} ms a request; page opened to results: ${times.join(', ')} ms`);
await browser.close();
server.close();

/**
 * `tsx scripts/compare.ts [N] [--install]`: builds the bench's N-article Markdown corpus (default
 * 4,000) with this tool, Hugo and Eleventy, one cold process each, and prints a table of wall
 * time and pages. Hugo comes from Debian's `hugo` package and Eleventy from npm; with `--install`
 * they are installed on demand (Hugo with apt-get, Eleventy into a scratch folder), never as
 * dependencies of this project. A generator that is missing is skipped with the reason.
 *
 * Each site has what the common benchmark asks for: a page per article, a home page, a tag index
 * and a page per tag. Ours also deduplicates, tags entities and writes feeds, archives, a sitemap
 * and (unless `--no-search` is among the options) a search index, so it is timed both ways.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeMarkdownCorpus } from './bench/synth.ts';

const count = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 4000);
const install = process.argv.includes('--install');
const work = path.join(tmpdir(), 'news-archive-bench');
const corpus = path.join(work, `md-${count}`);
const scratch = path.join(work, 'compare');
mkdirSync(scratch, { recursive: true });
if (!existsSync(path.join(corpus, '.complete'))) {
  writeMarkdownCorpus(corpus, count);
  writeFileSync(path.join(corpus, '.complete'), '');
}

interface Result {
  readonly tool: string;
  readonly seconds: number | null;
  readonly pages: number;
  readonly note: string;
}

/** Runs a command in `cwd`, timed; null seconds when it failed. */
function timed(command: string, args: readonly string[], cwd: string): { seconds: number | null; error: string } {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  return run.status === 0 ? { seconds, error: '' } : { seconds: null, error: (run.error?.message ?? run.stderr).slice(-400).trim() };
}

function htmlPages(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.html')).length;
}

/** Whether `command` runs (Hugo answers `hugo version`, not `--version`). */
function available(command: string, ...args: string[]): boolean {
  return spawnSync(command, args, { encoding: 'utf8' }).status === 0;
}

function ours(options: readonly string[]): Result {
  const out = path.join(scratch, 'ours-dist');
  rmSync(out, { recursive: true, force: true });
  const run = timed(process.execPath, [path.resolve('bin/news-archive.js'), 'build', '--content', corpus, '--out', out, '--no-cache', ...options], process.cwd());
  const result = { tool: `news-archive ${options.join(' ')}`.trim(), seconds: run.seconds, pages: htmlPages(out), note: run.error };
  rmSync(out, { recursive: true, force: true });
  return result;
}

function hugo(): Result {
  if (!available('hugo', 'version') && install) spawnSync('apt-get', ['install', '-y', 'hugo'], { stdio: 'inherit' });
  if (!available('hugo', 'version')) return { tool: 'hugo', seconds: null, pages: 0, note: 'not installed (apt-get install -y hugo, or pass --install)' };
  const site = path.join(scratch, 'hugo');
  rmSync(site, { recursive: true, force: true });
  cpSync(corpus, path.join(site, 'content', 'posts'), { recursive: true });
  const layouts = path.join(site, 'layouts', '_default');
  mkdirSync(layouts, { recursive: true });
  writeFileSync(path.join(site, 'hugo.toml'), 'baseURL = "/"\ntitle = "Bench"\npaginate = 20\n[taxonomies]\ntag = "tags"\n');
  const head = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>';
  writeFileSync(
    path.join(layouts, 'single.html'),
    `${head}<h1>{{ .Title }}</h1><time>{{ .Date.Format "2 January 2006" }}</time>{{ .Content }}<ul>{{ range .Params.tags }}<li><a href="/tags/{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul></body></html>\n`,
  );
  const list = `${head}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul></body></html>\n`;
  writeFileSync(path.join(layouts, 'list.html'), list);
  writeFileSync(path.join(site, 'layouts', 'index.html'), list.replace('.Paginator.Pages', '(.Paginate .Site.RegularPages).Pages'));
  writeFileSync(path.join(layouts, 'terms.html'), `${head}<h1>Tags</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul></body></html>\n`);
  const run = timed('hugo', ['--quiet', '-d', 'public'], site);
  return { tool: 'hugo', seconds: run.seconds, pages: htmlPages(path.join(site, 'public')), note: run.error };
}

function eleventy(): Result {
  const home = path.join(scratch, 'eleventy-install');
  const cli = path.join(home, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
  if (!existsSync(cli) && install) {
    mkdirSync(home, { recursive: true });
    spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', home, '@11ty/eleventy@3'], { stdio: 'inherit' });
  }
  if (!existsSync(cli)) return { tool: 'eleventy', seconds: null, pages: 0, note: 'not installed (pass --install)' };
  const site = path.join(scratch, 'eleventy');
  rmSync(site, { recursive: true, force: true });
  cpSync(corpus, path.join(site, 'src', 'posts'), { recursive: true });
  mkdirSync(path.join(site, 'src', '_includes'), { recursive: true });
  writeFileSync(
    path.join(site, 'eleventy.config.cjs'),
    `module.exports = (config) => {
  config.addCollection('tagList', (api) => [...new Set(api.getAll().flatMap((p) => p.data.tags ?? []))].sort());
  return { dir: { input: 'src', output: '_site' } };
};\n`,
  );
  writeFileSync(path.join(site, 'src', 'posts', 'posts.json'), JSON.stringify({ layout: 'post.njk' }));
  const head = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ title }}</title></head><body>';
  writeFileSync(
    path.join(site, 'src', '_includes', 'post.njk'),
    `${head}<h1>{{ title }}</h1><time>{{ page.date.toDateString() }}</time>{{ content | safe }}<ul>{% for tag in tags %}<li><a href="/tags/{{ tag | slugify }}/">{{ tag }}</a></li>{% endfor %}</ul></body></html>\n`,
  );
  writeFileSync(
    path.join(site, 'src', 'index.njk'),
    `---\npagination:\n  data: collections.all\n  size: 20\n  reverse: true\npermalink: "{% if pagination.pageNumber > 0 %}page/{{ pagination.pageNumber + 1 }}/{% endif %}index.html"\n---\n${head}<ul>{% for post in pagination.items %}<li><a href="{{ post.url }}">{{ post.data.title }}</a></li>{% endfor %}</ul></body></html>\n`,
  );
  writeFileSync(
    path.join(site, 'src', 'tag.njk'),
    `---\npagination:\n  data: collections.tagList\n  size: 1\n  alias: tag\npermalink: "/tags/{{ tag | slugify }}/"\n---\n${head}<h1>{{ tag }}</h1><ul>{% for post in collections[tag] %}<li><a href="{{ post.url }}">{{ post.data.title }}</a></li>{% endfor %}</ul></body></html>\n`,
  );
  writeFileSync(
    path.join(site, 'src', 'tags.njk'),
    `---\npermalink: /tags/\n---\n${head}<h1>Tags</h1><ul>{% for tag in collections.tagList %}<li><a href="/tags/{{ tag | slugify }}/">{{ tag }}</a> {{ collections[tag].length }}</li>{% endfor %}</ul></body></html>\n`,
  );
  const run = timed(process.execPath, [cli, '--quiet'], site);
  return { tool: 'eleventy', seconds: run.seconds, pages: htmlPages(path.join(site, '_site')), note: run.error };
}

const results = [ours([]), ours(['--no-search']), hugo(), eleventy()];
console.log(`${count.toLocaleString('en')} Markdown articles, cold builds, one process each\n`);
console.log(['tool'.padEnd(26), 'wall s', 'html pages', 'note'].join('\t'));
for (const r of results) console.log([r.tool.padEnd(26), r.seconds ?? '—', r.pages, r.note].join('\t'));

/** Where the tool's own files are, whether it runs from its sources or from the compiled bundle. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set by bin/news-archive.js to the tool's folder. */
const ROOT_ENV = 'NEWS_ARCHIVE_ROOT';

/** The nearest folder above this module holding the tool's package.json. */
function toolRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'news-archive') return dir;
    } catch {
      // no package.json here
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the news-archive package above ${from}`);
  }
}

/**
 * The tool's folder. bin/news-archive.js names it (ROOT_ENV): the bundle it runs lives under the
 * tool's node_modules, and when that is a link to another checkout's (a scratch worktree for an
 * A/B run), the folder above the bundle is that checkout, with its own sources and templates.
 */
export const TOOL_ROOT = process.env[ROOT_ENV] || toolRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The tool's package.json: its version, and the versions it pins of its dependencies. */
export const PACKAGE: { readonly version: string; readonly dependencies: Readonly<Record<string, string>> } = JSON.parse(
  readFileSync(path.join(TOOL_ROOT, 'package.json'), 'utf8'),
);

/** The tool's package.json version. */
export const PACKAGE_VERSION: string = PACKAGE.version;

/** True when running from the bundle bin/news-archive.js compiles (workers are `.mjs` beside it). */
export const BUNDLED = import.meta.url.endsWith('.mjs');

/**
 * A hash of the tool's own sources (src/), computed on first use (not in worker threads): part of
 * the tool's version for caches, so a changed rule never serves results an older one cached.
 */
export function codeHash(): string {
  return (memo ??= hashSources());
}

let memo: string | undefined;

function hashSources(): string {
  const hash = createHash('sha1');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(path.relative(TOOL_ROOT, full)).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  walk(path.join(TOOL_ROOT, 'src'));
  return hash.digest('hex').slice(0, 12);
}

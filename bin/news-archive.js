#!/usr/bin/env node
// Runs the TypeScript CLI. The sources are compiled once into a bundle under
// node_modules/.cache/news-archive/<hash of the sources>/ with esbuild (tsx's own compiler), so
// the tool needs no separate compile step, starts in a third of the time tsx takes, and its worker
// threads load plain JavaScript. When that folder cannot be written, or NEWS_ARCHIVE_NO_BUNDLE is
// set, it runs through tsx instead.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');

/** Every file under src/, sorted: what the bundle is made of. */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

async function compiled() {
  if (process.env.NEWS_ARCHIVE_NO_BUNDLE) return null;
  const files = sources(src);
  const esbuild = await import('esbuild');
  const hash = createHash('sha1').update(esbuild.version).update(readFileSync(fileURLToPath(import.meta.url)));
  for (const file of files) hash.update(path.relative(src, file)).update('\0').update(readFileSync(file)).update('\0');
  const cache = path.join(root, 'node_modules', '.cache', 'news-archive');
  mkdirSync(cache, { recursive: true });
  const dir = path.join(cache, hash.digest('hex').slice(0, 16));
  if (existsSync(path.join(dir, 'cli.mjs'))) return dir;
  try {
    const temp = `${dir}.tmp-${process.pid}`;
    await esbuild.build({
      entryPoints: [path.join(src, 'cli.ts'), ...files.filter((f) => f.endsWith('.worker.ts'))],
      outdir: temp,
      outExtension: { '.js': '.mjs' },
      entryNames: '[name]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    // The bundle appears whole or not at all; another process may have made it meanwhile.
    try {
      renameSync(temp, dir);
    } catch {
      rmSync(temp, { recursive: true, force: true });
    }
    // Bundles of other sources, and folders left by killed compiles, go after a day (a running
    // preview may still start workers from an older bundle).
    for (const old of readdirSync(cache)) {
      const at = path.join(cache, old);
      if (old !== path.basename(dir) && Date.now() - statSync(at).mtimeMs > 86_400_000) rmSync(at, { recursive: true, force: true });
    }
    return existsSync(path.join(dir, 'cli.mjs')) ? dir : null;
  } catch {
    return null;
  }
}

// The bundle may be reached through a linked node_modules: it is told which tool it is (see TOOL_ROOT).
process.env.NEWS_ARCHIVE_ROOT = root;
const bundle = await compiled().catch(() => null);
if (bundle) {
  await import(pathToFileURL(path.join(bundle, 'cli.mjs')).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}

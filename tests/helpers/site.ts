/** Helpers for end-to-end tests: run the real CLI, list a built site, check its links. */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const CLI = path.resolve('bin/news-archive.js');

/**
 * Runs `news-archive ...args` in `cwd` (with `env` added; `bin`: another copy's command); resolves
 * with exit code and output, never throws.
 */
export async function cli(args: string[], cwd: string, env: Record<string, string> = {}, bin = CLI): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Every file below `dir`, relative, `/`-separated, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string): void => {
    for (const name of readdirSync(path.join(dir, sub))) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/** Internal links (href/src) in every HTML page that point at nothing, as `page -> link`. */
export function brokenLinks(dir: string): string[] {
  const broken: string[] = [];
  for (const file of listFiles(dir).filter((f) => f.endsWith('.html') && f !== '404.html')) {
    const html = readFileSync(path.join(dir, file), 'utf8');
    for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const link = m[1]!.replace(/&amp;/g, '&');
      if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//')) continue;
      const [target, hash] = link.split('#') as [string, string | undefined];
      const resolved = target === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
      const candidate = resolved.endsWith('/') || target === '' && file.endsWith('/') ? `${resolved}index.html` : resolved;
      const full = path.join(dir, candidate);
      const exists = existsSync(full) && (statSync(full).isFile() || existsSync(path.join(full, 'index.html')));
      if (!exists || resolved.startsWith('..')) broken.push(`${file} -> ${link}`);
      else if (hash && candidate.endsWith('.html')) {
        const page = readFileSync(statSync(full).isFile() ? full : path.join(full, 'index.html'), 'utf8');
        if (!page.includes(`id="${hash}"`)) broken.push(`${file} -> ${link} (no #${hash})`);
      }
    }
  }
  return broken;
}

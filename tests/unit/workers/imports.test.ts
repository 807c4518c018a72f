/**
 * What each worker thread loads, and what a build loads before it knows it has work to do. A
 * thread that imports a module it never runs pays for it in start-up time and memory, once per
 * thread: the search threads once loaded the date rules, and with them every locale chrono-node
 * has (0.13 s and about 21 MB each). A build with nothing changed answers in a hundredth of a
 * second only while the stages' packages are imported later, when there is work.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** The packages and the tool's own source files a worker's entry module loads, as the bundle would. */
async function loads(entry: string): Promise<{ packages: string[]; sources: string[] }> {
  const { metafile } = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
  const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path));
  return { packages: [...new Set(imports.filter((p) => !p.startsWith('node:')))].sort(), sources: Object.keys(metafile.inputs).sort() };
}

describe('worker threads', () => {
  it('a search thread loads Pagefind and its own module, not the record-making or date code', async () => {
    const { packages, sources } = await loads('src/search/search.worker.ts');
    expect(packages).toEqual(['pagefind']);
    expect(sources).toEqual(['src/search/pagefind.ts', 'src/search/search.worker.ts']);
  });

  it('a write thread loads no package', async () => {
    expect((await loads('src/write/write.worker.ts')).packages).toEqual([]);
  });

  it('a tagging thread loads the tagging rules, not the parsers, date rules or renderer', async () => {
    const { packages, sources } = await loads('src/tag/tag.worker.ts');
    expect(packages).toEqual([]);
    expect(sources.filter((file) => /^src\/(load|render|search)\//.test(file))).toEqual([]);
    expect(sources).toContain('src/tag/places.ts');
  });
});

/** The packages reached from `entry` through static imports only, and through any import. */
async function reached(entry: string): Promise<{ statically: string[]; all: string[] }> {
  const { metafile } = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, splitting: true, outdir: 'unused', platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
  const walk = (follow: (kind: string) => boolean): string[] => {
    const packages = new Set<string>();
    const seen = new Set([entry]);
    const queue = [entry];
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      for (const { path, kind, external } of metafile.inputs[file]!.imports) {
        if (!follow(kind)) continue;
        if (external) {
          if (!path.startsWith('node:')) packages.add(path);
        } else if (!seen.has(path)) {
          seen.add(path);
          queue.push(path);
        }
      }
    }
    return [...packages].sort();
  };
  return { statically: walk((kind) => kind === 'import-statement'), all: walk(() => true) };
}

describe('a build', () => {
  it.each([['src/build.ts'], ['src/cli.ts']])('from %s loads no package before it knows it has work; the stages load theirs later', async (entry) => {
    const { statically, all } = await reached(entry);
    expect(statically).toEqual([]);
    expect(all).toEqual(expect.arrayContaining(['chrono-node', 'gray-matter', 'handlebars', 'pagefind', 'remark-parse', 'unified']));
  });
});

/**
 * What each worker thread loads. A thread that imports a module it never runs pays for it in
 * start-up time and memory, once per thread: the search threads once loaded the date rules, and
 * with them every locale chrono-node has (0.13 s and about 21 MB each).
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
});

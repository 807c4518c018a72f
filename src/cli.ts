#!/usr/bin/env node
/** Arguments in, build / serve / records out. */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Collector, exitCode, formatDiagnostic, sortDiagnostics } from './diagnostics.ts';

const USAGE = `Usage: news-archive <command> [options]

Commands:
  build [--content DIR] [--out DIR] [--strict] [--explain FILE] [--no-cache] [--no-search]
                                                  build the site into --out (default dist)
  serve [--content DIR] [--out DIR] [--port N]   build, serve on 127.0.0.1, rebuild and reload on change
  records <content-dir> --json                    print what was extracted from every file, as JSON

Options:
  --content DIR   folder of article files (default: content)
  --out DIR       output folder (default: dist)
  --port N        preview port (default: 8080, or the next free one)
  --strict        fail the build on warnings as well as errors
  --explain FILE  write every dedup cluster and candidate pair, with measurements, to FILE
  --no-cache      neither read nor write the content cache in .cache/
  --threads N     threads to parse, write and index with (default: one per core)
  --no-search     skip the search index (quicker; the search page then says search is unavailable)
  --verbose       print info messages too
  -h, --help      show this help`;

/** The command line's options, or a message saying what is wrong with it (an unknown option, a missing value). */
function parseCommandLine(argv: string[]) {
  try {
    return parseOptions(argv);
  } catch (error) {
    if (!String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) throw error;
    return (error as Error).message;
  }
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      content: { type: 'string', default: 'content' },
      out: { type: 'string', default: 'dist' },
      port: { type: 'string' },
      strict: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      explain: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      'no-search': { type: 'boolean', default: false },
      threads: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (typeof parsed === 'string') {
    console.error(`news-archive: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  // Each command loads its own modules: help and argument errors answer without loading the
  // parsers (date parsing alone brings every locale chrono-node has).
  if (command === 'records') {
    const [{ readContent }, { analyse }, { fileRecords }] = await Promise.all([import('./load/read.ts'), import('./pipeline.ts'), import('./records.ts')]);
    const dir = rest[0] ?? values.content;
    const reporter = new Collector();
    const { stories } = analyse(await readContent(dir, reporter), reporter);
    process.stdout.write(JSON.stringify(fileRecords(stories), null, values.json ? 1 : 2) + '\n');
    printDiagnostics(reporter, values.verbose);
    return 0;
  }
  const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1) {
    console.error(`news-archive: --threads must be a whole number of at least 1, not "${values.threads}"`);
    return 2;
  }
  if (command === 'build') {
    const { runBuild } = await import('./build.ts');
    const { removeInBackground } = await import('./write/index.ts');
    const result = await runBuild({
      content: values.content,
      out: values.out,
      // The previous site goes once the new one is in place, without the build waiting for it.
      removeOld: removeInBackground,
      explain: values.explain,
      ...(values['no-cache'] ? { cache: null } : {}),
      search: !values['no-search'],
      threads,
      log: console.error,
      verbose: values.verbose,
    });
    if (process.env.NEWS_ARCHIVE_STATS) {
      // For benchmarks: the process's own CPU time, peak memory and stage times.
      const cpu = process.cpuUsage();
      const stats = { ...result.summary, cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssKiB: process.resourceUsage().maxRSS };
      writeFileSync(process.env.NEWS_ARCHIVE_STATS, JSON.stringify(stats));
    }
    return exitCode(result.diagnostics, values.strict);
  }
  if (command === 'serve') {
    const { serve } = await import('./serve.ts');
    await serve({ content: values.content, out: values.out, port: values.port ? Number(values.port) : undefined });
    return new Promise<number>(() => {}); // runs until interrupted
  }
  console.error(`news-archive: unknown command "${command}"\n\n${USAGE}`);
  return 2;
}

function printDiagnostics(reporter: Collector, verbose: boolean): void {
  for (const d of sortDiagnostics(reporter.messages)) {
    if (verbose || d.severity !== 'info') console.error(formatDiagnostic(d));
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`news-archive: internal error\n${(error as Error).stack ?? String(error)}`);
    process.exitCode = 70;
  },
);

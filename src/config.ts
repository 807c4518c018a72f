/** The configuration file (`news-archive.config.json`): defaults, and validation with diagnostics. */
import { defaultOptions as dedupeDefaults, type Options as DedupeOptions } from './dedupe/options.ts';
import type { Reporter, SiteConfig } from './types.ts';

export const CONFIG_FILE = 'news-archive.config.json';

export interface Config {
  readonly site: SiteConfig;
  readonly dedupe: DedupeOptions;
}

export const defaultConfig: SiteConfig = {
  title: 'News archive',
  description: 'An archive of saved news stories.',
  language: 'en',
  pageSize: 20,
  baseUrl: 'https://example.org/',
  basePath: '/',
  searchShardSize: 1000,
};

/** Reads the configuration text; unknown keys and wrong types are reported and the default kept. */
export function parseConfig(text: string | null, file: string, reporter: Reporter): Config {
  const defaults: Config = { site: defaultConfig, dedupe: dedupeDefaults };
  if (text === null) return defaults;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    reporter.report({ file, severity: 'error', rule: 'config/invalid-json', reason: `not valid JSON: ${(cause as Error).message}`, cause });
    return defaults;
  }
  if (!isObject(data)) {
    reporter.report({ file, severity: 'error', rule: 'config/not-object', reason: 'configuration must be a JSON object' });
    return defaults;
  }
  const { dedupe, ...site } = data;
  const siteConfig = merge(defaultConfig, site, '', file, reporter);
  let baseUrl = siteConfig.baseUrl;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    baseUrl = url.href.endsWith('/') ? url.href : `${url.href}/`;
  } catch {
    reporter.report({ file, severity: 'error', rule: 'config/wrong-type', reason: `"baseUrl" must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}` });
    baseUrl = defaultConfig.baseUrl;
  }
  // The path defaults to the one in baseUrl, so setting baseUrl alone is enough for a subfolder.
  const path = 'basePath' in site ? siteConfig.basePath : new URL(baseUrl).pathname;
  const basePath = `/${path.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  return {
    site: { ...siteConfig, baseUrl, basePath },
    dedupe: dedupe === undefined ? dedupeDefaults : isObject(dedupe) ? merge(dedupeDefaults, dedupe, 'dedupe.', file, reporter) : invalid(),
  };

  function invalid(): DedupeOptions {
    reporter.report({ file, severity: 'error', rule: 'config/wrong-type', reason: '"dedupe" must be an object' });
    return dedupeDefaults;
  }
}

/** Takes each known key of `given` whose value has the default's type; reports the rest. */
function merge<T extends object>(defaults: T, given: Record<string, unknown>, prefix: string, file: string, reporter: Reporter): T {
  const out = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) {
    if (!(key in defaults)) {
      reporter.report({ file, severity: 'warning', rule: 'config/unknown-key', reason: `unknown setting "${prefix}${key}"; ignored` });
      continue;
    }
    const expected = typeof (defaults as Record<string, unknown>)[key];
    const positiveInteger = key === 'pageSize' || key === 'searchShardSize' || key === 'bands' || key === 'rows' || key === 'shingleSize' || key === 'maxBucket';
    const ok = typeof value === expected && (!positiveInteger || (Number.isInteger(value) && (value as number) > 0)) && (expected !== 'number' || Number.isFinite(value));
    if (!ok) {
      reporter.report({
        file,
        severity: 'error',
        rule: 'config/wrong-type',
        reason: `"${prefix}${key}" must be ${positiveInteger ? 'a positive whole number' : `a ${expected}`}`,
      });
      continue;
    }
    out[key] = value;
  }
  return out as T;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

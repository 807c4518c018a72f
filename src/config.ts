/** The site configuration file (`news-archive.config.json`): defaults, and validation with diagnostics. */
import type { Reporter, SiteConfig } from './types.ts';

export const CONFIG_FILE = 'news-archive.config.json';

export const defaultConfig: SiteConfig = {
  title: 'News archive',
  description: 'An archive of saved news stories.',
  language: 'en',
  pageSize: 20,
  basePath: '/',
};

/** Reads the configuration text; unknown keys and wrong types are reported and the default kept. */
export function parseConfig(text: string | null, file: string, reporter: Reporter): SiteConfig {
  if (text === null) return defaultConfig;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    reporter.report({ file, severity: 'error', rule: 'config/invalid-json', reason: `not valid JSON: ${(cause as Error).message}`, cause });
    return defaultConfig;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    reporter.report({ file, severity: 'error', rule: 'config/not-object', reason: 'configuration must be a JSON object' });
    return defaultConfig;
  }
  const config: Record<string, unknown> = { ...defaultConfig };
  for (const [key, value] of Object.entries(data)) {
    if (!(key in defaultConfig)) {
      reporter.report({ file, severity: 'warning', rule: 'config/unknown-key', reason: `unknown setting "${key}"; ignored` });
      continue;
    }
    const expected = typeof defaultConfig[key as keyof SiteConfig];
    const ok = typeof value === expected && (key !== 'pageSize' || (Number.isInteger(value) && (value as number) > 0));
    if (!ok) {
      reporter.report({ file, severity: 'error', rule: 'config/wrong-type', reason: `"${key}" must be ${key === 'pageSize' ? 'a positive whole number' : `a ${expected}`}` });
      continue;
    }
    config[key] = value;
  }
  const basePath = String(config.basePath);
  config.basePath = `/${basePath.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  return config as unknown as SiteConfig;
}

import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../src/config.ts';
import { defaultOptions } from '../../src/dedupe/options.ts';
import { Collector } from '../../src/diagnostics.ts';

const parse = (text: string | null) => {
  const reporter = new Collector();
  return { config: parseConfig(text, 'news-archive.config.json', reporter), messages: reporter.messages.map((m) => [m.severity, m.rule, m.reason]) };
};

describe('configuration file', () => {
  it('gives the documented defaults when there is none', () => {
    expect(parse(null)).toEqual({ config: { site: defaultConfig, dedupe: defaultOptions }, messages: [] });
  });

  it('takes the base path from baseUrl unless basePath is given', () => {
    expect(parse('{"baseUrl": "https://news.example/archive"}').config.site).toMatchObject({ baseUrl: 'https://news.example/archive/', basePath: '/archive/' });
    expect(parse('{"baseUrl": "https://news.example/a/", "basePath": "b"}').config.site.basePath).toBe('/b/');
  });

  it('reads dedup thresholds', () => {
    expect(parse('{"dedupe": {"jaccard": 0.75, "bands": 32, "rows": 4}}').config.dedupe).toMatchObject({ jaccard: 0.75, bands: 32, rows: 4, containment: 0.8 });
  });

  it('reports every bad setting by name and keeps the default', () => {
    const { config, messages } = parse('{"title": 3, "pageSize": 0, "colour": "red", "baseUrl": "ftp://x", "dedupe": {"rows": 2.5, "jacard": 1}}');
    expect(config.site).toEqual(defaultConfig);
    expect(config.dedupe).toEqual(defaultOptions);
    expect(messages).toEqual([
      ['error', 'config/wrong-type', '"title" must be a string'],
      ['error', 'config/wrong-type', '"pageSize" must be a positive whole number'],
      ['warning', 'config/unknown-key', 'unknown setting "colour"; ignored'],
      ['error', 'config/wrong-type', '"baseUrl" must be an absolute http(s) URL, got "ftp://x"'],
      ['error', 'config/wrong-type', '"dedupe.rows" must be a positive whole number'],
      ['warning', 'config/unknown-key', 'unknown setting "dedupe.jacard"; ignored'],
    ]);
  });

  it('takes a search shard size, and refuses one that is not a positive whole number', () => {
    expect(parse('{"searchShardSize": 250}').config.site.searchShardSize).toBe(250);
    for (const bad of ['0', '2.5', '"big"']) {
      const { config, messages } = parse(`{"searchShardSize": ${bad}}`);
      expect(config.site.searchShardSize).toBe(defaultConfig.searchShardSize);
      expect(messages).toEqual([['error', 'config/wrong-type', '"searchShardSize" must be a positive whole number']]);
    }
  });

  it('reports JSON that does not parse, and JSON that is not an object', () => {
    expect(parse('{ title: ').messages[0]).toEqual(['error', 'config/invalid-json', expect.stringMatching(/^not valid JSON: /)]);
    expect(parse('[1]').messages).toEqual([['error', 'config/not-object', 'configuration must be a JSON object']]);
  });
});

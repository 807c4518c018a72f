/** One isolated Handlebars environment: partials and helpers registered, templates compiled once. */
import Handlebars from 'handlebars';

/** Template sources by name (`layout`, `story`, `partials/story-list`…), as read from templates/. */
export type TemplateSources = Readonly<Record<string, string>>;

export type Template = (context: object) => string;

/** A template that failed to compile, with the template's name. */
export class TemplateError extends Error {
  constructor(
    readonly template: string,
    cause: unknown,
  ) {
    super(`templates/${template}.hbs: ${(cause as Error).message}`, { cause });
    this.name = 'TemplateError';
  }
}

/** Compiles every template up front so a syntax error is found before any page is rendered. */
export function compileTemplates(sources: TemplateSources, required: readonly string[]): Map<string, Template> {
  const hb = Handlebars.create();
  const helpers: Record<string, Handlebars.HelperDelegate> = {
    url(this: unknown, target: unknown, options: Handlebars.HelperOptions) {
      const root = (options.data as { root?: { root?: string } }).root?.root ?? '';
      const path = String(target ?? '');
      return path === '' ? root || './' : root + path;
    },
    eq: (a: unknown, b: unknown) => a === b,
    json: (value: unknown) => new hb.SafeString(safeJson(value)),
  };
  hb.registerHelper(helpers);
  // A template calling a helper not declared here fails now, naming itself, not on the first
  // page that reaches the call (or never, on a site without such a page). Declared helpers are
  // also called directly, without first looking their name up in the context.
  // Partials are compiled when first used, with the options of the template using them.
  const options = { preventIndent: true, knownHelpers: Object.fromEntries(Object.keys(helpers).map((name) => [name, true])), knownHelpersOnly: true };
  for (const name of required) {
    if (sources[name] === undefined) throw new TemplateError(name, new Error('template is missing'));
  }
  const compiled = new Map<string, Template>();
  for (const [name, source] of Object.entries(sources)) {
    try {
      // Precompiling surfaces syntax errors and unknown helpers now rather than at the first render.
      hb.precompile(source, options);
      if (name.startsWith('partials/')) hb.registerPartial(name.slice('partials/'.length), source);
      else compiled.set(name, hb.compile(source, options));
    } catch (cause) {
      throw new TemplateError(name, cause);
    }
  }
  return new Map(
    [...compiled].map(([name, template]) => [
      name,
      (context: object) => {
        try {
          return template(context);
        } catch (cause) {
          throw new TemplateError(name, cause);
        }
      },
    ]),
  );
}

/** JSON safe inside `<script>`: `<`, `>`, `&` and line separators escaped. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

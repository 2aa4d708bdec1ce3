import Handlebars from 'handlebars';
import { stringify } from 'yaml';

/*
 * Templates run with `noEscape: true`: every value reaches a file through one of these helpers, each of which
 * knows the syntax it writes into. A description with quotes, colons, `#`, newlines or `{{` stays data.
 */

type HelperOptions = Handlebars.HelperOptions;

function requireValue(helper: string, value: unknown, options: HelperOptions | undefined): void {
  if (value === undefined || options === undefined) {
    const location = (options as { loc?: { start: { line: number } } } | undefined)?.loc;
    const where = location ? ` at line ${location.start.line}` : '';
    throw new Error(`{{${helper}}} needs one value${where}`);
  }
}

const foldWhitespace = (text: string): string =>
  text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** A JSON literal: valid in JSON, JavaScript, TypeScript and YAML flow or block context. */
export function jsonLiteral(value: unknown): string {
  // U+2028/2029 are legal in JSON strings but end lines in older JavaScript parsers and editors.
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A YAML scalar on one line: plain when that reads back as the same string, quoted otherwise. */
export function yamlScalar(value: unknown): string {
  const text = stringify(value, { lineWidth: 0, minContentWidth: 0 }).replace(/\n$/, '');
  // Multi-line strings become block scalars; a double-quoted JSON string is also a valid YAML scalar.
  return text.includes('\n') ? jsonLiteral(value) : text;
}

/** Text that stays inside a `#`, `//` or `/* *\/` comment: one line, no comment terminator. */
export function commentText(value: unknown): string {
  return foldWhitespace(String(value)).replace(/\*\//g, '* /');
}

/** Inline Markdown text that renders as the literal characters given. */
export function markdownText(value: unknown): string {
  return (
    foldWhitespace(String(value))
      .replace(/[\\`*_[\]<>|~]/g, (character) => `\\${character}`)
      .replace(/&/g, '&amp;')
      // Markers that only mean something at the start of a line: headings, quotes, lists, setext underlines.
      .replace(/^([#>+=-])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2')
  );
}

/** A double-quoted Dockerfile word: no variable expansion, no line continuation. */
export function dockerString(value: unknown): string {
  return `"${foldWhitespace(String(value)).replace(/[\\"$]/g, (character) => `\\${character}`)}"`;
}

const helpers: Record<string, (value: unknown) => string> = {
  json: jsonLiteral,
  yamlString: yamlScalar,
  comment: commentText,
  markdown: markdownText,
  dockerString,
};

/** Tests for `{{#if}}` sub-expressions: `{{#if (eq kind "service")}}`. They return booleans, never text. */
const predicates: Record<string, (...values: unknown[]) => boolean> = {
  eq: (left, right) => left === right,
  not: (value) => !value,
  and: (...values) => values.every(Boolean),
  or: (...values) => values.some(Boolean),
  isService: (kind) => kind === 'service',
  isInfra: (kind) => kind === 'infra',
};

/** A private Handlebars environment with the escaping helpers and the predicates, nothing else. */
export function createHandlebars(): typeof Handlebars {
  const environment = Handlebars.create();
  for (const [name, helper] of Object.entries(helpers)) {
    environment.registerHelper(name, (...parameters: unknown[]) => {
      const options = parameters.pop() as HelperOptions | undefined;
      if (parameters.length !== 1) requireValue(name, undefined, options);
      requireValue(name, parameters[0], options);
      return helper(parameters[0]);
    });
  }
  for (const [name, predicate] of Object.entries(predicates)) {
    environment.registerHelper(name, (...parameters: unknown[]) => predicate(...parameters.slice(0, -1)));
  }
  return environment;
}

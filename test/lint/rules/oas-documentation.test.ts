/**
 * The "good" and "bad" snippets in every `oas` rule's documentation (what `docs/rules/<id>.md` shows) are real:
 * placed in a whole document, the rule accepts the good one and reports the bad one.
 */
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../../../src/core/lint/rules/index.js';
import type { AnyRule } from '../../../src/core/lint/types.js';
import { lintText } from '../helpers.js';

const indent = (snippet: string, spaces: number) =>
  snippet
    .split('\n')
    .map((line) => `${' '.repeat(spaces)}${line}`)
    .join('\n');

/** The document head for the versions a rule applies to. */
function headerOf(rule: AnyRule): string {
  if (rule.formats?.includes('oas2')) return 'swagger: "2.0"\ninfo: { title: A, version: 1.0.0 }\n';
  if (rule.id.startsWith('oas3_2-')) return 'openapi: 3.2.0\ninfo: { title: A, version: 1.0.0 }\n';
  if (rule.formats?.includes('oas3_0')) return 'openapi: 3.0.3\ninfo: { title: A, version: 1.0.0 }\n';
  return 'openapi: 3.1.0\ninfo: { title: A, version: 1.0.0 }\n';
}

/** Where each rule's documented snippets sit in a whole document. */
const PLACES: Record<string, (snippet: string, header: string) => string> = {
  topLevel: (snippet, header) => {
    if (/^(swagger|openapi):/.test(snippet)) return `${snippet}\n`;
    const head = snippet.startsWith('info:') ? header.replace(/info:.*\n/, '') : header;
    return `${head}${snippet}\n`;
  },
  operation: (snippet, header) => `${header}paths:\n  /orders:\n    post:\n${indent(snippet, 6)}\n`,
  pathItem: (snippet, header) => `${header}paths:\n  /orders:\n${indent(snippet, 4)}\n`,
  requestBody: (snippet, header) =>
    `${header}paths:\n  /orders:\n    post:\n      requestBody:\n${indent(snippet, 8)}\n`,
  mediaType: (snippet, header) =>
    `${header}paths:\n  /orders:\n    post:\n      requestBody:\n        content:\n          application/json:\n${indent(snippet, 12)}\n`,
  components: (snippet, header) => `${header}components:\n${indent(snippet, 2)}\n`,
  schema: (snippet, header) => `${header}components:\n  schemas:\n    Example:\n${indent(snippet, 6)}\n`,
};

const PLACE_OF_RULE: Record<string, keyof typeof PLACES> = {
  'array-items': 'schema',
  'duplicated-entry-in-enum': 'schema',
  'no-$ref-siblings': 'mediaType',
  'oas2-operation-formData-consume-check': 'pathItem',
  'operation-parameters': 'operation',
  'oas2-valid-media-example': 'operation',
  'oas3-callbacks-in-callbacks': 'operation',
  'oas3-examples-value-or-externalValue': 'components',
  'oas3-parameter-description': 'operation',
  'oas3-valid-media-example': 'requestBody',
  'oas3-valid-schema-example': 'mediaType',
  'oas3_2-no-deprecated-xml-attribute': 'schema',
  'typed-enum': 'schema',
};

describe('the documented examples of the oas rules', () => {
  for (const rule of builtInRules.filter((candidate) => candidate.family === 'oas')) {
    const place = PLACES[PLACE_OF_RULE[rule.id] ?? 'topLevel'] as (snippet: string, header: string) => string;
    const header = headerOf(rule);

    it(`${rule.id}: accepts its "good" example and reports its "bad" one`, async () => {
      const { good, bad } = rule.documentation;
      expect(good && bad).toBeTruthy();
      // Snippets may `$ref` components they do not show: the engine's `invalid-ref` is not the rule's business.
      const ofRule = async (snippet: string) =>
        (await lintText(place(snippet, header), [rule.id])).filter(
          (finding) => finding.code !== 'invalid-ref',
        );
      expect(await ofRule(good as string)).toEqual([]);
      const findings = await ofRule(bad as string);
      expect(findings.length).toBeGreaterThan(0);
      expect(new Set(findings.map((finding) => finding.code))).toEqual(new Set([rule.id]));
    });
  }
});

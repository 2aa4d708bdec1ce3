import { describe, expect, it } from 'vitest';
import { governanceRules } from '../../src/core/lint/rules/governance-rules.js';
import { lintText } from './helpers.js';

const HEADER = 'openapi: 3.1.0\ninfo: { title: A, version: 1.0.0 }\n';

const indent = (snippet: string, spaces: number) =>
  snippet
    .split('\n')
    .map((line) => `${' '.repeat(spaces)}${line}`)
    .join('\n');

/** Where each rule's documented snippets sit in a whole document. */
const PLACES: Record<string, (snippet: string) => string> = {
  topLevel: (snippet) => `${snippet.startsWith('info:') ? 'openapi: 3.1.0\n' : HEADER}${snippet}\n`,
  operation: (snippet) => `${HEADER}paths:\n  /orders:\n    post:\n${indent(snippet, 6)}\n`,
  responses: (snippet) => `${HEADER}paths:\n  /orders:\n    get:\n      responses:\n${indent(snippet, 8)}\n`,
  requestSchema: (snippet) =>
    `${HEADER}paths:\n  /orders:\n    post:\n      requestBody:\n        content:\n          application/json:\n${indent(snippet, 12)}\n`,
  component: (snippet) => `${HEADER}paths: {}\ncomponents:\n  schemas:\n${indent(snippet, 4)}\n`,
};

const PLACE_OF_RULE: Record<string, keyof typeof PLACES> = {
  'array-max-items': 'requestSchema',
  'error-response-problem-json': 'operation',
  'identifier-string': 'component',
  'rate-limit-headers': 'operation',
  'request-body-additional-properties': 'requestSchema',
  'request-body-example': 'operation',
  'response-example': 'responses',
  'schema-property-description': 'component',
  'string-max-length': 'operation',
};

describe('the documented examples of the governance rules', () => {
  for (const rule of governanceRules) {
    const place = PLACES[PLACE_OF_RULE[rule.id] ?? 'topLevel'] as (snippet: string) => string;

    it(`${rule.id}: accepts its "good" example and reports its "bad" one`, async () => {
      const { good, bad } = rule.documentation;
      expect(good && bad).toBeTruthy();
      // Snippets may `$ref` components they do not show: the engine's `invalid-ref` is not the rule's business.
      const ofRule = async (snippet: string) =>
        (await lintText(place(snippet), [rule.id])).filter((finding) => finding.code !== 'invalid-ref');
      expect(await ofRule(good as string)).toEqual([]);
      const findings = await ofRule(bad as string);
      expect(findings.length).toBeGreaterThan(0);
      expect(new Set(findings.map((finding) => finding.code))).toEqual(new Set([rule.id]));
    });
  }
});

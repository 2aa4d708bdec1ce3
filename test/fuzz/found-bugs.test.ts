/**
 * Bugs the fuzz tests found (test/fuzz/loaders.e2e.test.ts), each as the smallest input that shows it. A bug in
 * code this test's authors may not change is kept as `it.fails` with what is wrong: when it is fixed, the test
 * fails until `.fails` is removed, and with it the fuzz child's allowance for the bug (test/fuzz/fuzz-child.js).
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../lint/helpers.js';

/** A media type whose value is empty (null): the oas3-schema rule reports it. */
const EMPTY_MEDIA_TYPE = [
  'openapi: 3.0.0',
  'info: { title: t, version: "1" }',
  'paths:',
  '  /a:',
  '    get:',
  '      responses:',
  '        "200":',
  '          description: ok',
  '          content:',
  '            application/json:',
  '',
].join('\n');

describe('bugs found by fuzzing', () => {
  it('reports an empty YAML media type, as Spectral does (what the placement test below places)', async () => {
    const findings = await lintText(EMPTY_MEDIA_TYPE, ['oas3-schema']);
    expect(findings.map(({ code, message }) => `${code}: ${message}`).sort()).toEqual([
      'oas3-schema: "application/json" property must be object.',
      'oas3-schema: "application/json" property must not be valid.',
    ]);
  });

  // BUG (lint document reader, position index of YAML: src/core/lint/document/): a finding at a key whose value
  // is empty is placed at line 0, character -1 (printed `1:0`, a column no editor has), not at the key. Spectral
  // places it at 10:30, the end of the key's line. Found by the lint fuzz on petstore.yaml truncated after
  // `application/json:`.
  it.fails('places a finding on an empty YAML value at its key, not at line 0, character -1', async () => {
    const findings = await lintText(EMPTY_MEDIA_TYPE, ['oas3-schema']);
    for (const finding of findings) {
      expect(finding.range.start.line).toBe(9);
      expect(finding.range.start.character).toBeGreaterThanOrEqual(0);
    }
  });

  it('places the same finding in JSON, where the empty value is a written `null`', async () => {
    const json = JSON.stringify(
      {
        openapi: '3.0.0',
        info: { title: 't', version: '1' },
        paths: {
          '/a': {
            get: { responses: { '200': { description: 'ok', content: { 'application/json': null } } } },
          },
        },
      },
      null,
      2,
    );
    const findings = await lintText(json, ['oas3-schema'], 'openapi.json');
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(finding.range.start).toEqual({ line: 13, character: 34 });
  });
});

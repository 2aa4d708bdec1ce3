/**
 * Bugs the fuzz tests found (test/fuzz/loaders.e2e.test.ts), each as the smallest input that shows it. One not
 * fixed yet is kept as `it.fails` with what is wrong: when it is fixed, the test fails until `.fails` is removed,
 * and with it the fuzz child's allowance for the bug (test/fuzz/fuzz-child.js).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText, temporaryFolder } from '../lint/helpers.js';
import { FuzzChild } from './child.js';

/** For an input that hung: the linter runs in a child (on the built code) that is killed after this long. */
const HANG_TIMEOUT_MS = 10_000;
const child = new FuzzChild();
afterAll(() => child.close());

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

/**
 * A schema holding a YAML alias to the sequence it sits in (`&self [*self]`, which YAML allows: the data is a
 * cycle), and an example to validate against it.
 */
const SELF_ALIAS_IN_EXAMPLE_SCHEMA = [
  'openapi: 3.1.0',
  'info: { title: t, version: "1" }',
  'paths:',
  '  /p:',
  '    post:',
  '      requestBody:',
  '        content:',
  '          application/json:',
  '            schema:',
  '              type: object',
  '              properties:',
  '                name:',
  '                  type: string',
  '                  x-self: &self [*self]',
  '            example: { name: Francis }',
  '      responses:',
  '        "200": { description: ok }',
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

  // Was placed at line 0, character -1 (printed `1:0`, a column no editor has): found by the lint fuzz on
  // petstore.yaml truncated after `application/json:`. Spectral places it at the end of the key's line, as now.
  it('places a finding on an empty YAML value at its key, not at line 0, character -1', async () => {
    const findings = await lintText(EMPTY_MEDIA_TYPE, ['oas3-schema']);
    for (const finding of findings) {
      expect(finding.range.start).toEqual({ line: 9, character: 29 });
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

  // Was a hang (example validation's `inlineHeight` measured a cyclic schema forever, growing its memory): found by
  // the lint fuzz (MSCTL_FUZZ_SEED=32, 600 runs) on the train-travel description with `fz-self: &fzs [*fzs]` in a
  // schema. Fixed since by the reader refusing an alias inside the node it names; linting it would do as well.
  it('lints or refuses a schema that holds a self-referencing alias and has an example, in bounded time', async () => {
    const folder = await temporaryFolder();
    const file = path.join(folder, 'openapi.yaml');
    await writeFile(file, SELF_ALIAS_IN_EXAMPLE_SCHEMA);
    const result = await child.run({ target: 'lint', folder, file }, HANG_TIMEOUT_MS);
    expect(['linted', 'refused'], result.detail).toContain(result.outcome);
  });
});

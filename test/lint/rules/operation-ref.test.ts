import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument, rulesetFromPreset } from '../../../src/core/lint/lint.js';
import { lintText, writeFiles } from '../helpers.js';

const RULE = 'operation-ref';

const ROOT = `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /users:
    get:
      $ref: './get-users.yaml'
    post:
      responses:
        '201': { description: created }
`;

describe(RULE, () => {
  it('accepts operations written in their path item', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Users, version: 1.0.0 }\npaths:\n  /users:\n    get:\n      responses:\n        '200': { description: ok }\n",
      [RULE, 'oas3-schema'],
    );
    expect(findings).toEqual([]);
  });

  it('reports an operation $ref once, and nothing from oas3-schema, when the operation is valid', async () => {
    const folder = await writeFiles({
      'openapi.yaml': ROOT,
      'get-users.yaml': "responses:\n  '200': { description: ok }\n",
    });
    const { findings } = await lintDocument(join(folder, 'openapi.yaml'), {
      cwd: folder,
      ruleset: rulesetFromPreset(
        new Map([
          [RULE, 'warn'],
          ['oas3-schema', 'error'],
        ]),
      ),
    });
    expect(
      findings.map(({ code, path, severity, message, range }) => ({
        code,
        path,
        severity,
        message,
        line: range.start.line,
      })),
    ).toEqual([
      {
        code: RULE,
        path: ['paths', '/users', 'get'],
        severity: 1,
        message:
          'Operation "get" is a $ref (\'./get-users.yaml\'): OpenAPI allows $ref for a whole Path Item, not for an Operation; tools that follow the specification ignore it.',
        line: 4,
      },
    ]);
  });

  it('validates the operation it names as an Operation, in the file it is written in', async () => {
    const folder = await writeFiles({
      'openapi.yaml': ROOT,
      'get-users.yaml': "summary: 42\nresponse:\n  '200': { description: ok }\n",
    });
    const { findings } = await lintDocument(join(folder, 'openapi.yaml'), {
      cwd: folder,
      ruleset: rulesetFromPreset(
        new Map([
          [RULE, 'warn'],
          ['oas3-schema', 'error'],
        ]),
      ),
    });
    expect(
      findings.map(({ code, source, path, severity, message, range }) => ({
        code,
        file: source.slice(folder.length + 1),
        path: path.join('.'),
        severity,
        message,
        line: range.start.line,
      })),
    ).toEqual([
      {
        code: RULE,
        file: 'get-users.yaml',
        path: '',
        severity: 0,
        message: '"get" property must have required property "responses".',
        line: 0,
      },
      {
        code: RULE,
        file: 'get-users.yaml',
        path: 'summary',
        severity: 0,
        message: '"summary" property must be string.',
        line: 0,
      },
      {
        code: RULE,
        file: 'get-users.yaml',
        path: 'response',
        severity: 0,
        message: 'Property "response" is not expected to be here.',
        line: 1,
      },
      expect.objectContaining({
        code: RULE,
        file: 'openapi.yaml',
        path: 'paths./users.get',
        severity: 1,
        line: 4,
      }),
    ]);
  });

  it('leaves a $ref that leads nowhere to invalid-ref', async () => {
    const findings = await lintText(ROOT, [RULE, 'oas3-schema']);
    expect(findings.map(({ code, path }) => ({ code, path: path.join('.') }))).toEqual([
      { code: RULE, path: 'paths./users.get' },
      { code: 'invalid-ref', path: 'paths./users.get.$ref' },
    ]);
  });
});

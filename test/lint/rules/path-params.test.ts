import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument, rulesetFromPreset } from '../../../src/core/lint/lint.js';
import { lintText, writeFiles } from '../helpers.js';

const RULE = 'path-params';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders/{id}:\n    get:\n      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n      responses: { '200': { description: ok } }\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders/{id}:\n    get:\n      parameters: [{ name: orderId, in: path, required: true, schema: { type: string } }]\n      responses: { '200': { description: ok } }\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['paths', '/orders/{id}', 'get'] },
      { code: RULE, path: ['paths', '/orders/{id}', 'get', 'parameters', 0] },
    ]);
  });

  it('reports equivalent paths, repeated variables, and optional or repeated path parameters', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders/{id}:
    parameters:
      - { name: id, in: path, schema: { type: string } }
    get:
      responses: { '200': { description: ok } }
  /orders/{orderId}:
    get:
      parameters:
        - { name: orderId, in: path, required: true, schema: { type: string } }
        - { name: orderId, in: path, required: true, schema: { type: string } }
      responses: { '200': { description: ok } }
  /a/{x}/b/{x}:
    get:
      parameters:
        - { name: x, in: path, required: true, schema: { type: string } }
      responses: { '200': { description: ok } }
`,
      [RULE],
    );
    expect(findings.map(({ message, path }) => ({ message, path }))).toEqual([
      {
        message: 'Path parameter "id" must have "required" property that is set to "true".',
        path: ['paths', '/orders/{id}', 'parameters', 0],
      },
      {
        message: 'Paths "/orders/{id}" and "/orders/{orderId}" must not be equivalent.',
        path: ['paths', '/orders/{orderId}'],
      },
      {
        message: 'Path parameter "orderId" must not be defined multiple times.',
        path: ['paths', '/orders/{orderId}', 'get', 'parameters', 1],
      },
      {
        message: 'Path "/a/{x}/b/{x}" must not use parameter "{x}" multiple times.',
        path: ['paths', '/a/{x}/b/{x}'],
      },
    ]);
  });

  it('follows an operation written in another file, and its parameters relative to that file', async () => {
    const folder = await writeFiles({
      'openapi.yaml': `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders/{id}:
    get: { $ref: 'operations/get-order.yaml' }
`,
    });
    await mkdir(join(folder, 'operations', 'parameters'), { recursive: true });
    await writeFile(
      join(folder, 'operations', 'get-order.yaml'),
      "parameters:\n  - $ref: 'parameters/id.yaml'\nresponses: { '200': { description: ok } }\n",
    );
    await writeFile(
      join(folder, 'operations', 'parameters', 'id.yaml'),
      'name: id\nin: path\nschema: { type: string }\n',
    );
    const result = await lintDocument(join(folder, 'openapi.yaml'), {
      ruleset: rulesetFromPreset(new Map([[RULE, 'error']])),
      cwd: folder,
    });
    // The parameter is found (no "must define parameter"), and its missing `required` is reported.
    expect(result.findings.map(({ message }) => message)).toEqual([
      'Path parameter "id" must have "required" property that is set to "true".',
    ]);
  });
});

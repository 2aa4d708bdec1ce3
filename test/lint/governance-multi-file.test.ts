import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument, rulesetFromPreset } from '../../src/core/lint/lint.js';
import { presetSeverities } from '../../src/core/lint/presets.js';
import { writeFiles } from './helpers.js';

describe('governance rules across files', () => {
  it('place findings in the file a referenced operation, response or schema is written in', async () => {
    const folder = await writeFiles({
      'openapi.yaml': `openapi: 3.0.3
info: { title: Orders, version: 1.0.0, description: Orders., contact: { name: Team } }
servers: [{ url: 'https://api.example.com' }]
security: [{ bearerAuth: [] }]
tags: [{ name: orders, description: Orders. }]
paths:
  /orders:
    get:
      $ref: './list-orders.yaml'
components:
  securitySchemes:
    bearerAuth: { type: http, scheme: bearer }
`,
      'list-orders.yaml': `operationId: list_orders
summary: List orders
description: Lists orders.
tags: [orders]
responses:
  '200':
    description: Orders.
    content:
      application/json:
        schema: { type: array, items: { type: string } }
        example: [a]
  '400': { $ref: './responses.yaml#/BadRequest' }
  '500': { $ref: './responses.yaml#/BadRequest' }
`,
      'responses.yaml': `BadRequest:
  description: Bad request.
  content:
    application/json:
      schema: { type: object }
`,
    });
    const result = await lintDocument(join(folder, 'openapi.yaml'), {
      cwd: folder,
      ruleset: rulesetFromPreset(presetSeverities('msctl:recommended')),
    });
    const governance = result.findings.map(({ code, source, path, range }) => ({
      code,
      file: source.slice(folder.length + 1),
      path: path.join(' '),
      line: range.start.line,
    }));
    expect(governance).toEqual([
      { code: 'list-pagination', file: 'list-orders.yaml', path: '', line: 0 },
      { code: 'operation-operationId-camel-case', file: 'list-orders.yaml', path: 'operationId', line: 0 },
      // The operation `$ref` itself: once, where it is written (and no oas3-schema error for it).
      { code: 'operation-ref', file: 'openapi.yaml', path: 'paths /orders get', line: 7 },
      { code: 'error-response-problem-json', file: 'responses.yaml', path: 'BadRequest content', line: 2 },
    ]);
  });

  it('resolve each $ref against its own folder: path item parameters in the root, a response in another folder', async () => {
    const folder = await writeFiles({
      'openapi.yaml': `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /users:
    parameters:
      - $ref: './parameters/limit.yaml'
    get:
      $ref: './operations/list-users.yaml'
`,
    });
    await mkdir(join(folder, 'parameters'));
    await mkdir(join(folder, 'operations', 'responses'), { recursive: true });
    await writeFile(
      join(folder, 'parameters', 'limit.yaml'),
      'name: limit\nin: query\nschema: { type: integer }\n',
    );
    await writeFile(
      join(folder, 'operations', 'list-users.yaml'),
      "responses:\n  $ref: './responses/list.yaml'\n",
    );
    await writeFile(join(folder, 'operations', 'responses', 'list.yaml'), "'200':\n  $ref: './users.yaml'\n");
    await writeFile(
      join(folder, 'operations', 'responses', 'users.yaml'),
      'description: Users.\ncontent:\n  application/json:\n    schema: { type: array, items: { type: string } }\n',
    );
    const lint = async () =>
      (
        await lintDocument(join(folder, 'openapi.yaml'), {
          cwd: folder,
          ruleset: rulesetFromPreset(new Map([['list-pagination', 'warn']])),
        })
      ).findings.map((finding) => finding.code);
    // The list body is found two folders away, and the limit parameter written in the root counts.
    expect(await lint()).toEqual([]);
    await writeFile(
      join(folder, 'parameters', 'limit.yaml'),
      'name: sort\nin: query\nschema: { type: string }\n',
    );
    expect(await lint()).toEqual(['list-pagination']);
  });
});

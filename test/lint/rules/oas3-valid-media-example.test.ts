import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument, rulesetFromPreset } from '../../../src/core/lint/lint.js';
import { lintText, temporaryFolder } from '../helpers.js';

const RULE = 'oas3-valid-media-example';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { type: object, properties: { id: { type: integer } } }\n              example: { id: 1 }\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { type: object, properties: { id: { type: integer } } }\n              example: { id: one }\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      {
        code: RULE,
        path: ['paths', '/orders', 'get', 'responses', '200', 'content', 'application/json', 'example', 'id'],
      },
    ]);
  });

  it('relaxes read-only properties in request bodies and write-only ones in responses', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Order' }
            example: { note: hi, secret: s }
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Order' }
              example: { id: 1, note: hi }
components:
  schemas:
    Order:
      type: object
      required: [id, note, secret]
      properties:
        id: { type: integer, readOnly: true }
        note: { type: string }
        secret: { type: string, writeOnly: true }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('checks every named example, skips external ones, and says when a value is missing', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      parameters:
        - name: limit
          in: query
          schema: { type: integer, maximum: 100 }
          examples:
            fine: { value: 10 }
            tooMany: { value: 1000 }
            elsewhere: { externalValue: 'https://example.com/limit.json' }
            empty: { summary: nothing }
      responses: { '200': { description: ok } }
`,
      [RULE],
    );
    expect(findings.map(({ path }) => path)).toEqual([
      ['paths', '/orders', 'get', 'parameters', 0, 'examples', 'tooMany', 'value'],
      ['paths', '/orders', 'get', 'parameters', 0, 'examples', 'empty'],
    ]);
  });

  it('does not check examples of circular schemas, as Spectral does not', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /nodes:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Node' }
              example: { children: 'not a list' }
components:
  schemas:
    Node:
      type: object
      properties:
        children: { type: array, items: { $ref: '#/components/schemas/Node' } }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports a schema ajv cannot compile at the example, as Spectral does', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { nullable: true }
              example: 1
`,
      [RULE],
    );
    expect(findings.map(({ path, message }) => ({ path, message }))).toEqual([
      {
        path: ['paths', '/orders', 'get', 'responses', '200', 'content', 'application/json', 'example'],
        message: '"nullable" cannot be used without "type"',
      },
    ]);
  });

  it("checks an example written as a $ref as what it names, with the schema's $refs followed from their own folders", async () => {
    const folder = await temporaryFolder();
    await mkdir(join(folder, 'responses'));
    await mkdir(join(folder, 'models'));
    await writeFile(
      join(folder, 'openapi.yaml'),
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders:\n    get:\n      responses:\n        '200': { $ref: './responses/list.yaml' }\n",
    );
    await writeFile(
      join(folder, 'responses', 'list.yaml'),
      "description: ok\ncontent:\n  application/json:\n    schema: { $ref: '../models/list.yaml' }\n    example: { $ref: 'examples.yaml#/list' }\n",
    );
    await writeFile(join(folder, 'models', 'list.yaml'), "allOf:\n  - $ref: './meta.yaml'\n");
    await writeFile(
      join(folder, 'models', 'meta.yaml'),
      'type: object\nrequired: [meta]\nproperties:\n  meta: { type: integer }\n',
    );
    const lint = async (example: string) => {
      await writeFile(join(folder, 'responses', 'examples.yaml'), `list: ${example}\n`);
      const result = await lintDocument(join(folder, 'openapi.yaml'), {
        cwd: folder,
        ruleset: rulesetFromPreset(new Map([[RULE, 'error']])),
      });
      return result.findings.map(({ code, message }) => ({ code, message }));
    };
    expect(await lint('{ meta: 2 }')).toEqual([]);
    expect(await lint('{ meta: two }')).toEqual([
      { code: RULE, message: '"meta" property type must be integer' },
    ]);
  });

  it('checks a schema nested in a component alike whether the component was converted first or not', async () => {
    // A component 60 levels deep (each level a schema and its `properties`: 120 inline levels, past the limit of
    // 100): its users are not checked. The schema 30 levels down is 60 deep, within the limit: its own example is,
    // and converting it first must not make the component look shallower.
    let schema: Record<string, unknown> = { type: 'string' };
    for (let level = 60; level > 0; level--) {
      schema = { type: 'object', properties: { child: schema } };
      if (level === 30) schema.example = 'not an object';
    }
    const components = { schemas: { Deep: schema } };
    const deepList = { type: 'array', items: { $ref: '#/components/schemas/Deep' } };
    const parameter = { name: 'q', in: 'query', schema: deepList, example: [1] };
    const paths = {
      '/deep': { get: { parameters: [parameter], responses: { '204': { description: 'ok' } } } },
    };
    const info = { title: 'Deep', version: '1' };
    const nested = [
      'components',
      'schemas',
      'Deep',
      ...Array(29).fill(['properties', 'child']).flat(),
      'example',
    ];
    for (const document of [
      { openapi: '3.0.3', info, components, paths },
      { openapi: '3.0.3', info, paths, components },
    ]) {
      const findings = await lintText(
        JSON.stringify(document),
        [RULE, 'oas3-valid-schema-example'],
        'openapi.json',
      );
      expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
        { code: 'oas3-valid-schema-example', path: nested },
      ]);
    }
  });

  it('relaxes a read-only property nested in a component, whichever use converts it first', async () => {
    // Parameters (never relaxed) convert the schemas first, in three orders; then a request (read-only properties
    // relaxed) and a response (not relaxed) use Order: only the response lacks the customer's id.
    const customerInline = {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'integer', readOnly: true } },
    };
    const firstUses: [string, unknown[]][] = [
      ['nothing', []],
      [
        'the nested component, then the component',
        [
          {
            schema: { type: 'array', items: { $ref: '#/components/schemas/Customer' } },
            example: [{ id: 1 }],
          },
          { schema: { $ref: '#/components/schemas/Order' }, example: { customer: { id: 1 } } },
        ],
      ],
      [
        'an inline schema inside the component, then the component',
        [
          { schema: { $ref: '#/components/schemas/InlineOrder/properties/customer' }, example: { id: 1 } },
          { schema: { $ref: '#/components/schemas/InlineOrder' }, example: { customer: { id: 1 } } },
        ],
      ],
    ];
    for (const [label, uses] of firstUses) {
      const order = label.startsWith('an inline') ? 'InlineOrder' : 'Order';
      const body = (example: unknown) => ({
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${order}` }, example } },
      });
      const document = {
        openapi: '3.0.3',
        info: { title: 'Orders', version: '1.0.0' },
        paths: {
          '/orders': {
            get: {
              parameters: uses.map((use, index) => ({ name: `p${index}`, in: 'query', ...(use as object) })),
              responses: { '204': { description: 'none' } },
            },
            post: {
              requestBody: body({ customer: {} }),
              responses: { '201': { description: 'created', ...body({ customer: {} }) } },
            },
          },
        },
        components: {
          schemas: {
            Order: { type: 'object', properties: { customer: { $ref: '#/components/schemas/Customer' } } },
            InlineOrder: { type: 'object', properties: { customer: customerInline } },
            Customer: customerInline,
          },
        },
      };
      const findings = await lintText(JSON.stringify(document), [RULE], 'openapi.json');
      expect(
        findings.map(({ path, message }) => ({ path, message })),
        label,
      ).toEqual([
        {
          path: [
            'paths',
            '/orders',
            'post',
            'responses',
            '201',
            'content',
            'application/json',
            'example',
            'customer',
          ],
          message: '"customer" property must have required property "id"',
        },
      ]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas3-schema';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\nservers: [{ uri: 'https://a.io' }]\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['servers', 0] },
      { code: RULE, path: ['servers', 0, 'uri'] },
    ]);
  });

  it('reports what is wrong with a Reference-or-object value once, not every alternative', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      parameters:
        - { name: limit, schema: { type: integer } }
      responses: { '200': { description: ok } }
`,
      [RULE],
    );
    // Not "must have required property $ref" (the Reference alternative), not a path parameter's `required`.
    expect(findings.map(({ path, message }) => ({ path, message }))).toEqual([
      {
        path: ['paths', '/orders', 'get', 'parameters', 0],
        message: '"0" property must match exactly one schema in oneOf.',
      },
      {
        path: ['paths', '/orders', 'get', 'parameters', 0],
        message: '"0" property must have required property "in".',
      },
    ]);
  });

  it('accepts OpenAPI 3.1 with relative $refs and Schema objects with any keywords', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      parameters:
        - $ref: '#/components/parameters/limit'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { id: { type: [integer, 'null'] } }, unevaluatedProperties: false }
components:
  parameters:
    limit: { name: limit, in: query, schema: { type: integer } }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports a misspelt value against the alternative it is closest to, with a suggestion', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      parameters:
        - { name: limit, in: querry, schema: { type: integer } }
      responses: { '200': { description: ok } }
`,
      [RULE],
    );
    expect(findings.map(({ path, message }) => ({ path, message }))).toEqual([
      {
        path: ['paths', '/orders', 'get', 'parameters', 0, 'in'],
        message: '"in" property must be equal to one of the allowed values: "query". Did you mean "query"?.',
      },
    ]);
  });

  it('validates the document once, whatever other rules run beside it', async () => {
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
              schema: { type: integer, example: 1 }
`,
      [RULE, 'oas3-valid-schema-example'],
    );
    expect(findings).toEqual([]);
  });

  it('gives one clear finding for a document nested too deeply to validate (hostile input)', async () => {
    let schema: unknown = { type: 'string' };
    for (let level = 0; level < 1500; level++) schema = { type: 'object', properties: { child: schema } };
    const document = {
      openapi: '3.0.3',
      info: { title: 'Deep', version: '1' },
      paths: {},
      components: { schemas: { Deep: schema } },
    };
    const findings = await lintText(JSON.stringify(document), [RULE], 'openapi.json');
    expect(findings.map(({ code, path, message }) => ({ code, path, message }))).toEqual([
      {
        code: RULE,
        path: [],
        message:
          'The document is nested more than 256 levels deep: too deep to be validated against the OpenAPI 3.0 schema.',
      },
    ]);
  });

  it('names repeated items as ajv does, for lists of objects and of strings', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      parameters:
        - { name: a, in: query, schema: { type: string } }
        - { name: a, in: query, schema: { type: string } }
      responses: { '200': { description: ok } }
components:
  schemas:
    Order: { type: object, required: [id, id], properties: { uniqueItems: { type: string } } }
`,
      [RULE],
    );
    expect(findings.map(({ path, message }) => ({ path, message }))).toEqual([
      {
        path: ['paths', '/orders', 'get', 'parameters'],
        message: '"parameters" property must not have duplicate items (items ## 0 and 1 are identical).',
      },
      {
        path: ['components', 'schemas', 'Order', 'required'],
        message: '"required" property must not have duplicate items (items ## 1 and 0 are identical).',
      },
    ]);
  });

  it('checks 20,000 repeated parameters for uniqueness in linear time (hostile input)', async () => {
    const parameters = Array.from({ length: 20_000 }, () => ({
      name: 'a',
      in: 'query',
      schema: { type: 'string' },
    }));
    const document = {
      openapi: '3.0.3',
      info: { title: 'Orders', version: '1.0.0' },
      paths: { '/orders': { get: { parameters, responses: { '200': { description: 'ok' } } } } },
    };
    const findings = await lintText(JSON.stringify(document), [RULE], 'openapi.json');
    expect(findings.map(({ message }) => message)).toEqual([
      '"parameters" property must not have duplicate items (items ## 19998 and 19999 are identical).',
    ]);
  });
});

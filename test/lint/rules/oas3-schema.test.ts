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
    // Not "must have required property $ref" (the Reference alternative), not a path parameter's `required`,
    // and not that it matches several kinds of parameter: that is the missing `in`'s doing.
    expect(findings.map(({ path, message }) => ({ path, message }))).toEqual([
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

  it('checks OpenAPI 3.1 Schema objects against JSON Schema 2020-12, worded as Spectral words it', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths: {}
components:
  schemas:
    Order:
      type: object
      required: name
      properties:
        id: { type: strin }
        count: { type: 5 }
`,
      [RULE],
    );
    expect(findings.map(({ path, message }) => ({ path, message }))).toEqual([
      {
        path: ['components', 'schemas', 'Order', 'required'],
        message: '"required" property must be array.',
      },
      {
        path: ['components', 'schemas', 'Order', 'properties', 'id', 'type'],
        message:
          '"type" property must be equal to one of the allowed values: "array", "boolean", "integer", "null", "number", "object", "string". Did you mean "string"?.',
      },
      {
        path: ['components', 'schemas', 'Order', 'properties', 'count', 'type'],
        message: '"type" property must be either a string or an array of strings.',
      },
    ]);
  });

  it('checks every 3.1 Schema object: parameters, headers, media types, nested subschemas', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      parameters:
        - { name: limit, in: query, schema: { type: integer, minimum: low } }
      responses:
        '200':
          description: ok
          headers:
            X-Rate-Limit: { schema: { maxLength: -1 } }
          content:
            application/json:
              schema:
                type: object
                additionalProperties: 7
                properties:
                  tags: { type: array, items: { type: [strin, 'null'] } }
                  kind: { discriminator: { mapping: {} }, xml: { wrapped: 'yes' } }
                  any: true
components:
  schemas:
    Order: 12
`,
      [RULE],
    );
    const media = ['paths', '/orders', 'get', 'responses', '200', 'content', 'application/json', 'schema'];
    expect(findings.map(({ path, message }) => ({ path, message }))).toEqual([
      {
        path: ['paths', '/orders', 'get', 'parameters', 0, 'schema', 'minimum'],
        message: '"minimum" property must be number.',
      },
      {
        path: [
          'paths',
          '/orders',
          'get',
          'responses',
          '200',
          'headers',
          'X-Rate-Limit',
          'schema',
          'maxLength',
        ],
        message: '"maxLength" property must be >= 0.',
      },
      {
        path: [...media, 'additionalProperties'],
        message: '"additionalProperties" property must be a valid Schema Object.',
      },
      {
        path: [...media, 'properties', 'tags', 'items', 'type', 0],
        message:
          '"0" property must be equal to one of the allowed values: "array", "boolean", "integer", "null", "number", "object", "string". Did you mean "string"?.',
      },
      {
        path: [...media, 'properties', 'kind', 'discriminator'],
        message: '"discriminator" property must have required property "propertyName".',
      },
      {
        path: [...media, 'properties', 'kind', 'xml', 'wrapped'],
        message: '"wrapped" property must be boolean.',
      },
      {
        path: ['components', 'schemas', 'Order'],
        message: '"Order" property must be a valid Schema Object.',
      },
    ]);
  });

  it('checks 3.1 Schema objects against the dialect jsonSchemaDialect names, and not against one it does not know', async () => {
    const document = (dialect: string) => `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
jsonSchemaDialect: ${dialect}
paths: {}
components:
  schemas:
    Order: { type: strin, discriminator: 5 }
`;
    const paths = async (dialect: string) =>
      (await lintText(document(dialect), [RULE])).map(({ path }) => path.join('.'));
    const typeAndDiscriminator = ['components.schemas.Order.type', 'components.schemas.Order.discriminator'];
    expect(await paths('https://spec.openapis.org/oas/3.1/dialect/base')).toEqual(typeAndDiscriminator);
    expect(await paths('https://spec.openapis.org/oas/3.1/dialect/2024-11-10')).toEqual(typeAndDiscriminator);
    // JSON Schema 2020-12 alone: `discriminator` is an unknown keyword there, and unknown keywords are allowed.
    expect(await paths("'https://json-schema.org/draft/2020-12/schema'")).toEqual([
      'components.schemas.Order.type',
    ]);
    expect(await paths("'https://example.com/dialects/legacy'")).toEqual([]);
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

  it('reports the alternative that the discriminating value names: a path parameter, a security scheme type', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders/{id}:
    get:
      parameters:
        - { name: id, in: path, schema: { type: string } }
        - { name: sort, in: path, required: true, style: form, schema: { type: string } }
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    key: { type: apiKey, name: X-Key }
    basic: { type: http }
    oauth: { type: oauth2, flows: { implicit: { authorizationUrl: 'https://auth.example.com/a' } } }
`,
      [RULE],
    );
    expect(findings.map(({ path, message }) => ({ path, message }))).toEqual([
      {
        path: ['paths', '/orders/{id}', 'get', 'parameters', 0],
        message: '"0" property must have required property "required".',
      },
      {
        path: ['paths', '/orders/{id}', 'get', 'parameters', 1, 'style'],
        message:
          '"style" property must be equal to one of the allowed values: "matrix", "label", "simple". Did you mean "matrix"?.',
      },
      {
        path: ['components', 'securitySchemes', 'key'],
        message: '"key" property must have required property "in".',
      },
      {
        path: ['components', 'securitySchemes', 'basic'],
        message: '"basic" property must have required property "scheme".',
      },
      {
        path: ['components', 'securitySchemes', 'oauth', 'flows', 'implicit'],
        message: '"implicit" property must have required property "scopes".',
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

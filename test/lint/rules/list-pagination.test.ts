import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'list-pagination';

const listOf = (schema: string, parameters = '') => `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
paths:
  /orders:
${parameters}    get:
      responses:
        '200':
          description: Orders.
          content:
            application/json:
              schema: ${schema}
components:
  schemas:
    Order: { type: object, properties: { id: { type: string } } }
    OrderPage:
      allOf:
        - { $ref: '#/components/schemas/Page' }
        - type: object
          properties:
            data: { type: array, items: { $ref: '#/components/schemas/Order' } }
    Page: { type: object, properties: { next: { type: string } } }
`;

describe(RULE, () => {
  it('accepts lists that take limit, cursor, page or JSON:API page parameters, on the operation or its path', async () => {
    const paged = listOf(
      "{ type: array, items: { $ref: '#/components/schemas/Order' } }",
      "    parameters:\n      - { name: 'page[size]', in: query, schema: { type: integer } }\n",
    );
    expect(await lintText(paged, [RULE])).toEqual([]);
    const cursor = listOf("{ $ref: '#/components/schemas/OrderPage' }").replace(
      '    get:\n',
      '    get:\n      parameters: [{ name: cursor, in: query, schema: { type: string } }]\n',
    );
    expect(await lintText(cursor, [RULE])).toEqual([]);
  });

  it('accepts bodies that are not lists, and bounded arrays', async () => {
    expect(await lintText(listOf("{ $ref: '#/components/schemas/Order' }"), [RULE])).toEqual([]);
    expect(await lintText(listOf('{ type: array, maxItems: 10, items: { type: string } }'), [RULE])).toEqual(
      [],
    );
  });

  it('reports arrays and objects wrapping arrays (also through allOf) without paging parameters', async () => {
    for (const schema of [
      '{ type: array, items: { type: string } }',
      "{ type: [array, 'null'], items: { type: string } }",
      '{ type: object, properties: { items: { type: array, items: { type: string } } } }',
      "{ $ref: '#/components/schemas/OrderPage' }",
    ]) {
      const findings = await lintText(
        listOf(schema, '    parameters:\n      - { name: sort, in: query, schema: { type: string } }\n'),
        [RULE],
      );
      expect(findings.map(({ path }) => path)).toEqual([['paths', '/orders', 'get']]);
    }
  });

  it('reads the Swagger 2 response schema and query parameters', async () => {
    const document = (parameters: unknown[]) =>
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'A', version: '1' },
        paths: {
          '/orders': {
            get: {
              parameters,
              responses: { '200': { description: 'Orders.', schema: { type: 'array', items: {} } } },
            },
          },
        },
      });
    const unpaged = await lintText(
      document([{ name: 'limit', in: 'header', type: 'integer' }]),
      [RULE],
      'swagger.json',
    );
    expect(unpaged.map(({ path }) => path)).toEqual([['paths', '/orders', 'get', 'parameters']]);
    for (const name of ['per_page', 'continue', 'pageToken', 'starting_after']) {
      const paged = await lintText(document([{ name, in: 'query', type: 'string' }]), [RULE], 'swagger.json');
      expect(paged, name).toEqual([]);
    }
  });
});

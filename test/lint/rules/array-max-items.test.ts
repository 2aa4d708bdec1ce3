import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'array-max-items';

describe(RULE, () => {
  it('accepts bounded arrays in input and any array in responses', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
paths:
  /orders:
    post:
      parameters:
        - { name: ids, in: query, schema: { type: array, maxItems: 50, items: { type: string } } }
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { lines: { type: array, maxItems: 100 } } }
      responses:
        '200':
          description: Orders.
          content: { application/json: { schema: { type: array } } }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports unbounded arrays in parameters and request bodies, including Swagger 2 query arrays', async () => {
    const openapi = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { lines: { type: [array, 'null'] } } }
`,
      [RULE],
    );
    expect(openapi.map(({ path }) => path.at(-1))).toEqual(['lines']);
    const swagger = await lintText(
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'A', version: '1' },
        paths: {
          '/orders': {
            get: {
              parameters: [{ name: 'ids', in: 'query', type: 'array', items: { type: 'string' } }],
              responses: {},
            },
          },
        },
      }),
      [RULE],
      'swagger.json',
    );
    expect(swagger.map(({ path }) => path)).toEqual([['paths', '/orders', 'get', 'parameters', 0]]);
  });
});

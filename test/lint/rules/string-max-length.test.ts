import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'string-max-length';

describe(RULE, () => {
  it('accepts bounded strings, strings in responses, and formats bounded by definition', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
paths:
  /orders/{orderId}:
    parameters:
      - { name: orderId, in: path, required: true, schema: { type: string, format: uuid } }
    put:
      parameters:
        - { name: sort, in: query, schema: { type: string, enum: [asc, desc] } }
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/NewOrder' }
      responses:
        '200':
          description: The order.
          content: { application/json: { schema: { type: object, properties: { note: { type: string } } } } }
components:
  schemas:
    NewOrder:
      type: object
      properties:
        name: { type: string, maxLength: 200 }
        kind: { const: gift, type: string }
        due: { type: string, format: date }
        tags: { type: array, items: { type: string, maxLength: 20 } }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports unbounded strings in parameters and (nested, referenced) request bodies, where they are written', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: A, version: 1.0.0 }
paths:
  /orders:
    post:
      parameters:
        - { name: q, in: query, schema: { type: string } }
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                note: { type: string }
                lines: { type: array, items: { $ref: '#/components/schemas/Line' } }
components:
  schemas:
    Line: { type: object, properties: { sku: { type: string } } }
`,
      [RULE],
    );
    expect(findings.map(({ path }) => path.join(' '))).toEqual([
      'paths /orders post parameters 0 schema',
      'paths /orders post requestBody content application/json schema properties note',
      'components schemas Line properties sku',
    ]);
  });

  it('checks Swagger 2 parameters, which are their own schemas', async () => {
    const findings = await lintText(
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'A', version: '1' },
        paths: {
          '/orders': {
            get: {
              parameters: [
                { name: 'q', in: 'query', type: 'string' },
                { name: 'r', in: 'query', type: 'string', maxLength: 10 },
              ],
              responses: {},
            },
          },
        },
      }),
      [RULE],
      'swagger.json',
    );
    expect(findings.map(({ path }) => path)).toEqual([['paths', '/orders', 'get', 'parameters', 0]]);
  });
});

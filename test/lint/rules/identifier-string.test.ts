import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'identifier-string';

describe(RULE, () => {
  it('accepts string ids and numbers that are not ids', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
paths:
  /orders/{orderId}:
    parameters:
      - { name: orderId, in: path, required: true, schema: { type: string, format: uuid } }
    get:
      parameters:
        - { name: paid, in: query, schema: { type: integer } }
components:
  schemas:
    Order:
      type: object
      properties:
        id: { type: string }
        customer_id: { type: string }
        quantity: { type: integer }
        valid: { type: integer }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports numeric ids in properties (also through $ref) and in parameters', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: A, version: 1.0.0 }
paths:
  /orders/{orderId}:
    get:
      parameters:
        - { name: orderId, in: path, required: true, schema: { type: integer } }
components:
  schemas:
    Order:
      type: object
      properties:
        id: { type: integer, format: int64 }
        customerID: { $ref: '#/components/schemas/Number' }
        line_id: { type: number }
    Number: { type: integer }
`,
      [RULE],
    );
    expect(findings.map(({ path }) => path.join(' '))).toEqual([
      'paths /orders/{orderId} get parameters 0 schema type',
      'components schemas Order properties id type',
      'components schemas Order properties customerID',
      'components schemas Order properties line_id type',
    ]);
    const swagger = await lintText(
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'A', version: '1' },
        parameters: { petId: { name: 'pet-id', in: 'path', type: 'integer', required: true } },
        paths: {},
      }),
      [RULE],
      'swagger.json',
    );
    expect(swagger.map(({ path }) => path.join(' '))).toEqual(['parameters petId type']);
  });
});

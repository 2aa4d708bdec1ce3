import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'request-body-additional-properties';

describe(RULE, () => {
  it('accepts closed objects, maps, free-form objects, compositions and response schemas', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              properties:
                labels: { type: object, additionalProperties: { type: string } }
                metadata: { type: object }
                address:
                  allOf:
                    - { $ref: '#/components/schemas/Street' }
                    - { type: object, properties: { city: { type: string } } }
                  unevaluatedProperties: false
                customer: { type: object, properties: { id: { type: string } }, unevaluatedProperties: false }
      responses:
        '200':
          description: Order.
          content: { application/json: { schema: { type: object, properties: { id: { type: string } } } } }
components:
  schemas:
    Street: { type: object, properties: { street: { type: string } } }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports open objects with properties, nested and referenced, in OpenAPI 3 and the Swagger 2 body', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: A, version: 1.0.0 }
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              properties:
                customer: { $ref: '#/components/schemas/Customer' }
components:
  schemas:
    Customer: { properties: { name: { type: string } }, additionalProperties: true }
`,
      [RULE],
    );
    expect(findings.map(({ path }) => path.join(' '))).toEqual([
      'components schemas Customer additionalProperties',
    ]);
    const swagger = await lintText(
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'A', version: '1' },
        paths: {
          '/orders': {
            post: {
              parameters: [{ name: 'b', in: 'body', schema: { type: 'object', properties: { a: {} } } }],
              responses: {},
            },
          },
        },
      }),
      [RULE],
      'swagger.json',
    );
    expect(swagger.map(({ path }) => path.join(' '))).toEqual(['paths /orders post parameters 0 schema']);
  });
});

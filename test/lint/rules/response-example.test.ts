import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'response-example';

describe(RULE, () => {
  it('accepts examples, ignores bodiless and error responses', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
paths:
  /orders:
    get:
      responses:
        '200':
          description: Orders.
          content:
            application/json:
              schema: { type: array }
              examples: { two: { value: [1, 2] } }
        '404':
          description: None.
          content: { application/problem+json: { schema: { type: object } } }
    delete:
      responses:
        '204': { description: Deleted. }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports a 2xx body without an example, once for a shared response', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: A, version: 1.0.0 }
paths:
  /a:
    get:
      responses:
        '200': { $ref: '#/components/responses/Order' }
  /b:
    get:
      responses:
        2XX: { $ref: '#/components/responses/Order' }
components:
  responses:
    Order:
      description: An order.
      content:
        application/json: { schema: { type: object } }
`,
      [RULE],
    );
    expect(findings.map(({ path }) => path)).toEqual([['components', 'responses', 'Order', 'content']]);
  });

  it('reads Swagger 2 response `examples` and schema `example`', async () => {
    const document = (response: unknown) =>
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'A', version: '1' },
        paths: { '/orders': { get: { responses: { '200': response } } } },
      });
    const bare = await lintText(
      document({ description: 'x', schema: { type: 'object' } }),
      [RULE],
      'swagger.json',
    );
    expect(bare.map(({ path }) => path)).toEqual([['paths', '/orders', 'get', 'responses', '200', 'schema']]);
    const examples = document({
      description: 'x',
      schema: { type: 'object' },
      examples: { 'application/json': {} },
    });
    expect(await lintText(examples, [RULE], 'swagger.json')).toEqual([]);
  });
});

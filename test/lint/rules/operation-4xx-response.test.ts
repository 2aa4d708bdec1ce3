import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'operation-4xx-response';

describe(RULE, () => {
  it('accepts a 4xx status or the 4XX range, shared through $ref', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: A, version: 1.0.0 }
paths:
  /orders/{orderId}:
    parameters:
      - { name: orderId, in: path, required: true, schema: { type: string } }
    get:
      responses:
        '200': { description: The order. }
        '404': { $ref: '#/components/responses/NotFound' }
    delete:
      responses:
        '204': { description: Deleted. }
        4XX: { description: The request was refused. }
components:
  responses:
    NotFound: { description: No such order. }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('does not ask an operation that takes no input and needs no credentials to document client errors', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
security: [{ bearerAuth: [] }]
paths:
  /healthz:
    get:
      security: []
      responses: { '200': { description: Alive. } }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports operations with input, a request body or credentials and no 4xx, at their responses', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
security: [{ bearerAuth: [] }]
paths:
  /orders:
    get:
      responses:
        '200': { description: Orders. }
        default: { description: Failure. }
    post:
      security: []
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { '201': { description: Created. } }
  /orders/{orderId}:
    parameters:
      - { name: orderId, in: path, required: true, schema: { type: string } }
    get:
      security: []
      responses: { '200': { description: The order. } }
`,
      [RULE],
    );
    expect(findings.map(({ path }) => path)).toEqual([
      ['paths', '/orders', 'get', 'responses'],
      ['paths', '/orders', 'post', 'responses'],
      ['paths', '/orders/{orderId}', 'get', 'responses'],
    ]);
  });
});

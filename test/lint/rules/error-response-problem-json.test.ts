import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'error-response-problem-json';

describe(RULE, () => {
  it('accepts problem+json error bodies (beside other media types), shared or inline, and HEAD without a body', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
paths:
  /orders:
    get:
      responses:
        '200': { description: Orders. }
        '400':
          description: Bad request.
          content:
            application/json: { schema: { type: object } }
            application/problem+json; charset=utf-8: { schema: { type: object } }
        '500': { $ref: '#/components/responses/Failure' }
        default: { $ref: '#/components/responses/Failure' }
    head:
      responses:
        '404': { description: No orders. }
components:
  responses:
    Failure:
      description: Failure.
      content:
        application/problem+json:
          schema: { type: object }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('accepts an error that returns the same representation as the success (a readiness probe)', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
paths:
  /readyz:
    get:
      responses:
        '200':
          description: Ready.
          content: { application/json: { schema: { $ref: '#/components/schemas/Readiness' } } }
        '503':
          description: Not ready.
          content: { application/json: { schema: { $ref: '#/components/schemas/Readiness' } } }
components:
  schemas:
    Readiness: { type: object, properties: { status: { type: string } } }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports other media types and missing bodies; a shared response once, where it is written', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: A, version: 1.0.0 }
paths:
  /orders:
    get:
      responses:
        '200': { description: Orders. }
        '404': { description: No such order. }
        '500': { $ref: '#/components/responses/Failure' }
    post:
      responses:
        '201': { description: Created. }
        '500': { $ref: '#/components/responses/Failure' }
components:
  responses:
    Failure:
      description: Failure.
      content:
        application/json: { schema: { type: object } }
`,
      [RULE],
    );
    expect(findings.map(({ path }) => path)).toEqual([
      ['paths', '/orders', 'get', 'responses', '404'],
      ['components', 'responses', 'Failure', 'content'],
    ]);
  });

  it('checks Swagger 2 error schemas against `produces`', async () => {
    const document = (produces: string[]) =>
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'A', version: '1' },
        produces,
        paths: {
          '/orders': {
            get: {
              responses: {
                '200': { description: 'Orders.', schema: { type: 'array' } },
                '404': { description: 'None.', schema: { type: 'object' } },
                '500': { description: 'Failure.' },
              },
            },
          },
        },
      });
    const plain = await lintText(document(['application/json']), [RULE], 'swagger.json');
    expect(plain.map(({ path, message }) => [path.join(' '), message])).toEqual([
      ['paths /orders get responses 404 schema', expect.stringContaining('`produces` does not list')],
      [
        'paths /orders get responses 500',
        expect.stringContaining('must have an `application/problem+json` body'),
      ],
    ]);
    const problem = await lintText(
      document(['application/json', 'application/problem+json']),
      [RULE],
      'swagger.json',
    );
    expect(problem.map(({ path }) => path.join(' '))).toEqual(['paths /orders get responses 500']);
  });
});

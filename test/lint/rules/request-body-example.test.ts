import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'request-body-example';

describe(RULE, () => {
  it('accepts examples on a media type, on its schema or on its properties, and file uploads', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
paths:
  /a:
    post:
      requestBody:
        content:
          application/json: { schema: { type: object }, example: { name: x } }
          application/xml: { schema: { type: object } }
  /b:
    post:
      requestBody:
        content:
          application/json: { schema: { $ref: '#/components/schemas/New' } }
  /c:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { name: { type: string, examples: [x] } } }
  /d:
    put:
      requestBody:
        content:
          application/octet-stream: { schema: { type: string, format: binary } }
components:
  schemas:
    New: { type: object, example: { name: x } }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports bodies that show no example, at their content', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: A, version: 1.0.0 }
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { name: { type: string } } }
`,
      [RULE],
    );
    expect(findings.map(({ path }) => path)).toEqual([
      ['paths', '/orders', 'post', 'requestBody', 'content'],
    ]);
  });

  it('checks the Swagger 2 body parameter', async () => {
    const document = (schema: unknown) =>
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'A', version: '1' },
        paths: {
          '/orders': { post: { parameters: [{ name: 'order', in: 'body', schema }], responses: {} } },
        },
      });
    const bare = await lintText(document({ type: 'object' }), [RULE], 'swagger.json');
    expect(bare.map(({ path }) => path)).toEqual([['paths', '/orders', 'post', 'parameters', 0, 'schema']]);
    expect(await lintText(document({ type: 'object', example: {} }), [RULE], 'swagger.json')).toEqual([]);
  });
});

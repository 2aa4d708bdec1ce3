import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'rate-limit-headers';

describe(RULE, () => {
  it('accepts Retry-After, RateLimit and RateLimit-Policy in any case, also through $ref', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
paths:
  /a:
    get:
      responses:
        '429': { $ref: '#/components/responses/TooManyRequests' }
  /b:
    get:
      responses:
        '429':
          description: Slow down.
          headers:
            ratelimit: { schema: { type: string } }
            RateLimit-Policy: { schema: { type: string } }
components:
  responses:
    TooManyRequests:
      description: Slow down.
      headers:
        Retry-After: { $ref: '#/components/headers/RetryAfter' }
  headers:
    RetryAfter: { schema: { type: integer } }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports 429 responses without headers or with only X-RateLimit-*, in OpenAPI 3 and Swagger 2', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: A, version: 1.0.0 }
paths:
  /a:
    get:
      responses:
        '429': { description: Slow down. }
        '503': { description: Not a rate limit. }
  /b:
    get:
      responses:
        '429':
          description: Slow down.
          headers:
            X-RateLimit-Remaining: { schema: { type: integer } }
`,
      [RULE],
    );
    expect(findings.map(({ path }) => path.join(' '))).toEqual([
      'paths /a get responses 429',
      'paths /b get responses 429 headers',
    ]);
    const swagger = await lintText(
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'A', version: '1' },
        paths: {
          '/a': {
            get: {
              responses: { '429': { description: 'Slow.', headers: { 'Retry-After': { type: 'integer' } } } },
            },
          },
        },
      }),
      [RULE],
      'swagger.json',
    );
    expect(swagger).toEqual([]);
  });
});

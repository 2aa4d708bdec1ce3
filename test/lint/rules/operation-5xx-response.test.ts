import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'operation-5xx-response';

describe(RULE, () => {
  it('accepts a 5xx status, the 5XX range or a default response', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: A, version: 1.0.0 }
paths:
  /a:
    get: { responses: { '200': { description: A. }, '503': { description: Unavailable. } } }
  /b:
    get: { responses: { '200': { description: B. }, 5XX: { description: Failed. } } }
  /c:
    get: { responses: { '200': { description: C. }, default: { description: Failed. } } }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports operations whose responses say nothing of server failures', async () => {
    const findings = await lintText(
      `swagger: '2.0'
info: { title: A, version: '1' }
paths:
  /orders:
    get:
      responses:
        '200': { description: Orders. }
        '400': { description: Bad request. }
`,
      [RULE],
      'swagger.yaml',
    );
    expect(findings.map(({ code, path, severity }) => ({ code, path, severity }))).toEqual([
      { code: RULE, path: ['paths', '/orders', 'get', 'responses'], severity: 1 },
    ]);
  });
});

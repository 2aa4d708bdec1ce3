import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas2-valid-media-example';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "swagger: '2.0'\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders:\n    get:\n      responses:\n        '200':\n          description: ok\n          schema: { type: integer }\n          examples: { application/json: 42 }\n",
      [RULE],
      'swagger.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "swagger: '2.0'\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders:\n    get:\n      responses:\n        '200':\n          description: ok\n          schema: { type: integer }\n          examples: { application/json: forty-two }\n",
      [RULE],
      'swagger.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['paths', '/orders', 'get', 'responses', '200', 'examples', 'application/json'] },
    ]);
  });
});

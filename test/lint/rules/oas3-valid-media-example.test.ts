import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas3-valid-media-example';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { type: object, properties: { id: { type: integer } } }\n              example: { id: 1 }\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { type: object, properties: { id: { type: integer } } }\n              example: { id: one }\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      {
        code: RULE,
        path: ['paths', '/orders', 'get', 'responses', '200', 'content', 'application/json', 'example', 'id'],
      },
    ]);
  });
});

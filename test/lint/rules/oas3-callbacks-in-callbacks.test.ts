import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas3-callbacks-in-callbacks';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders:\n    get:\n      callbacks:\n        shipped:\n          '{$request.body#/url}':\n            post: { responses: { '200': { description: ok } } }\n      responses: { '200': { description: ok } }\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders:\n    get:\n      callbacks:\n        shipped:\n          '{$request.body#/url}':\n            post:\n              callbacks: {}\n              responses: { '200': { description: ok } }\n      responses: { '200': { description: ok } }\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      {
        code: RULE,
        path: [
          'paths',
          '/orders',
          'get',
          'callbacks',
          'shipped',
          '{$request.body#/url}',
          'post',
          'callbacks',
        ],
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas3_1-servers-in-webhook';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "openapi: 3.1.0\ninfo: { title: Orders, version: 1.0.0 }\nwebhooks:\n  shipped:\n    post: { responses: { '200': { description: ok } } }\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "openapi: 3.1.0\ninfo: { title: Orders, version: 1.0.0 }\nwebhooks:\n  shipped:\n    post:\n      servers: [{ url: 'https://hooks.orders.io' }]\n      responses: { '200': { description: ok } }\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['webhooks', 'shipped', 'post', 'servers'] },
    ]);
  });
});

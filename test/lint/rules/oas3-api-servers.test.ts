import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas3-api-servers';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\nservers: [{ url: 'https://api.orders.io' }]\npaths: {}\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\nservers: []\npaths: {}\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([{ code: RULE, path: ['servers'] }]);
  });
});

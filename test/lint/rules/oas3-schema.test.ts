import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas3-schema';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\nservers: [{ uri: 'https://a.io' }]\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['servers', 0] },
      { code: RULE, path: ['servers', 0, 'uri'] },
    ]);
  });
});

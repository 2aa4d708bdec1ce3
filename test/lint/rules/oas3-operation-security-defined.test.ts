import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas3-operation-security-defined';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\ncomponents:\n  securitySchemes:\n    oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: 'https://a.io/t', scopes: { read: Read } } } }\nsecurity: [{ oauth: [read] }]\npaths: {}\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\ncomponents:\n  securitySchemes:\n    oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: 'https://a.io/t', scopes: { read: Read } } } }\nsecurity: [{ oauth: [write] }, { key: [] }]\npaths: {}\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['security', 0, 'oauth', 0] },
      { code: RULE, path: ['security', 1, 'key'] },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas3-parameter-description';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  parameters:\n    limit: { name: limit, in: query, description: Page size., schema: { type: integer } }\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  parameters:\n    limit: { name: limit, in: query, schema: { type: integer } }\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['components', 'parameters', 'limit'] },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'array-items';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    Tags: { type: array, items: { type: string } }\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    Tags: { type: array }\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['components', 'schemas', 'Tags'] },
    ]);
  });

  it('takes a type list with "array" for an array schema in OpenAPI 3.1', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths: {}
components:
  schemas:
    Tags: { type: [array, 'null'] }
    Name: { type: [string, 'null'] }
`,
      [RULE],
    );
    expect(findings.map(({ path }) => path)).toEqual([['components', 'schemas', 'Tags']]);
  });
});

import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'operation-summary';

describe(RULE, () => {
  it('accepts operations with a summary', async () => {
    const findings = await lintText(
      'openapi: 3.1.0\ninfo: { title: A, version: 1.0.0 }\npaths:\n  /orders:\n    get: { summary: List orders }\n',
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports missing and blank summaries, at the operation', async () => {
    const findings = await lintText(
      `swagger: '2.0'
info: { title: A, version: '1' }
paths:
  /orders:
    get: { responses: {} }
    post: { summary: '  ', responses: {} }
    x-note: { summary: not an operation }
`,
      [RULE],
    );
    expect(findings.map(({ path, severity }) => [path.join(' '), severity])).toEqual([
      ['paths /orders get', 1],
      ['paths /orders post summary', 1],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas3-examples-value-or-externalValue';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  examples:\n    open: { value: { status: open } }\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  examples:\n    open: { summary: An open order }\n    both: { value: 1, externalValue: 'https://a.io/x.json' }\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['components', 'examples', 'open'] },
      { code: RULE, path: ['components', 'examples', 'both'] },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'duplicated-entry-in-enum';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    Size: { type: string, enum: [s, m] }\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    Size: { type: string, enum: [s, m, s] }\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['components', 'schemas', 'Size', 'enum'] },
    ]);
  });

  it('compares enum values nested thousands of levels deep without exhausting the stack (hostile input)', async () => {
    const value = deepValue(5000);
    const findings = await lintText(
      `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"E":{"type":"object","enum":[${value},${value}]}}}}`,
      [RULE],
      'openapi.json',
    );
    expect(findings.map(({ path }) => path)).toEqual([['components', 'schemas', 'E', 'enum']]);
  });

  it('names the pair ajv names: the last repeated value and the closest earlier one', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    S: { type: string, enum: [a, b, a, c, b] }\n',
      [RULE],
    );
    expect(findings.map(({ message }) => message)).toEqual([
      '"enum" property must not have duplicate items (items ## 1 and 4 are identical)',
    ]);
  });
});

/** An enum value nested `depth` levels deep, written as JSON text (hostile input). */
function deepValue(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'typed-enum';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    Size: { type: integer, enum: [1, 2] }\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    Size: { type: integer, enum: [1, two] }\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['components', 'schemas', 'Size', 'enum', 1] },
    ]);
  });

  it('allows null in the enum of a nullable OpenAPI 3.0 schema and integers in a number enum', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths: {}
components:
  schemas:
    Size: { type: string, nullable: true, enum: [s, m, null] }
    Ratio: { type: number, enum: [1, 1.5] }
    Count: { type: integer, enum: [1, 1.5] }
`,
      [RULE],
    );
    expect(findings.map(({ path }) => path)).toEqual([['components', 'schemas', 'Count', 'enum', 1]]);
  });

  it('names an enum value nested thousands of levels deep without exhausting the stack (hostile input)', async () => {
    const findings = await lintText(
      `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"E":{"type":"string","enum":["a",${deepValue(5000)}]}}}}`,
      [RULE],
      'openapi.json',
    );
    expect(findings.map(({ path }) => path)).toEqual([['components', 'schemas', 'E', 'enum', 1]]);
    expect(findings[0]?.message).toMatch(/^Enum value .* must be "string"\.$/);
  });
});

/** An enum value nested `depth` levels deep, written as JSON text (hostile input). */
function deepValue(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

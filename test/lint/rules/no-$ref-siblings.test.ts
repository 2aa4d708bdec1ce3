import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'no-$ref-siblings';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    A: { type: string }\n    B: { $ref: '#/components/schemas/A' }\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    A: { type: string }\n    B: { $ref: '#/components/schemas/A', description: An A }\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['components', 'schemas', 'B', 'description'] },
    ]);
  });

  it('places the finding on the sibling even when the $ref points into another file', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths: {}
components:
  schemas:
    Order:
      $ref: 'order.yaml'
      description: An order
`,
      [RULE],
    );
    // The engine also reports the `$ref` to the missing file (`invalid-ref`); this rule's finding is on the sibling.
    const own = findings.filter(({ code }) => code === RULE);
    expect(own.map(({ path, range }) => ({ path, line: range.start.line }))).toEqual([
      { path: ['components', 'schemas', 'Order', 'description'], line: 7 },
    ]);
  });
});

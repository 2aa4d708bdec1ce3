import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas3-unused-component';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders:\n    get:\n      responses:\n        '200': { $ref: '#/components/responses/Orders' }\ncomponents:\n  responses:\n    Orders: { description: ok }\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  responses:\n    Orders: { description: ok }\n  schemas:\n    Order: { type: object }\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['components', 'responses', 'Orders'] },
      { code: RULE, path: ['components', 'schemas', 'Order'] },
    ]);
  });

  it('counts a $ref with escaped characters and one naming the root file as uses', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      responses:
        '200': { $ref: '#/components/responses/Order~1List' }
        '404': { $ref: 'openapi.yaml#/components/responses/Not%20Found' }
components:
  responses:
    Order/List: { description: ok }
    Not Found: { description: missing }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });
});

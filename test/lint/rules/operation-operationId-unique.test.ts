import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'operation-operationId-unique';

describe(RULE, () => {
  it('accepts distinct operation ids', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get: { operationId: listOrders }
    post: { operationId: createOrder }
  /orders/{id}:
    get: { operationId: getOrder }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports every repeat after the first, at its operationId', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      operationId: orders
    post:
      operationId: orders
  /orders/{id}:
    get:
      operationId: orders
    parameters: []
`,
      [RULE],
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['paths', '/orders', 'post', 'operationId'] },
      { code: RULE, path: ['paths', '/orders/{id}', 'get', 'operationId'] },
    ]);
    expect(findings[0]?.severity).toBe(0);
    expect(findings[0]?.range.start).toEqual({ line: 7, character: 19 });
  });

  it('does not take non-operation keys of a path item for operations', async () => {
    const findings = await lintText(
      `openapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get: { operationId: orders }
    x-internal: { operationId: orders }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });
});

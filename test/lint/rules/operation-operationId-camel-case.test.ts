import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'operation-operationId-camel-case';

describe(RULE, () => {
  it('accepts camelCase ids, with acronyms and digits, and operations without an id', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: A, version: 1.0.0 }
paths:
  /orders:
    get: { operationId: listOrders }
    post: { operationId: createOrderV2 }
    put: { operationId: getHTTPStatus }
    delete: {}
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports kebab, snake, Pascal and dotted ids at the operationId', async () => {
    const findings = await lintText(
      `swagger: '2.0'
info: { title: A, version: '1' }
paths:
  /orders:
    get: { operationId: list-orders, responses: {} }
    post: { operationId: create_order, responses: {} }
    put: { operationId: ReplaceOrders, responses: {} }
    delete: { operationId: orders.delete, responses: {} }
`,
      [RULE],
    );
    expect(findings.map(({ path, message }) => [path.join(' '), message])).toEqual([
      ['paths /orders get operationId', 'operationId "list-orders" must be camelCase.'],
      ['paths /orders post operationId', 'operationId "create_order" must be camelCase.'],
      ['paths /orders put operationId', 'operationId "ReplaceOrders" must be camelCase.'],
      ['paths /orders delete operationId', 'operationId "orders.delete" must be camelCase.'],
    ]);
  });
});

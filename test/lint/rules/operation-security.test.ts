import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'operation-security';

const codesAndPaths = (findings: { code: string; path: (string | number)[] }[]) =>
  findings.map(({ code, path }) => ({ code, path }));

describe(RULE, () => {
  it('accepts a global requirement, an own requirement and an explicit public opt-out', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
security:
  - bearerAuth: []
paths:
  /orders:
    get: { operationId: listOrders }
    post:
      operationId: createOrder
      security: [{ apiKey: [] }]
  /healthz:
    get:
      operationId: getHealth
      security: []
components:
  securitySchemes:
    bearerAuth: { type: http, scheme: bearer }
    apiKey: { type: apiKey, in: header, name: X-Api-Key }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports operations covered by nothing, and a root `security: []` covers nothing', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
security: []
paths:
  /orders:
    get: { operationId: listOrders }
    delete:
      operationId: deleteOrders
      security: []
`,
      [RULE],
    );
    expect(codesAndPaths(findings)).toEqual([{ code: RULE, path: ['paths', '/orders', 'get'] }]);
    expect(findings[0]?.severity).toBe(0);
    expect(findings[0]?.documentationUrl).toMatch(/docs\/rules\/operation-security\.md$/);
  });

  it('checks Swagger 2 documents the same way', async () => {
    const findings = await lintText(
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'Orders', version: '1' },
        securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
        paths: { '/orders': { get: { responses: {} }, post: { security: [{ key: [] }], responses: {} } } },
      }),
      [RULE],
      'swagger.json',
    );
    expect(codesAndPaths(findings)).toEqual([{ code: RULE, path: ['paths', '/orders', 'get'] }]);
  });

  it('reports a document that declares no security anywhere once, at its root, not once per operation', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get: { operationId: listOrders }
    post: { operationId: createOrder }
  /orders/{id}:
    get: { operationId: getOrder }
components:
  securitySchemes:
    bearerAuth: { type: http, scheme: bearer }
`,
      [RULE],
    );
    expect(codesAndPaths(findings)).toEqual([{ code: RULE, path: [] }]);
    expect(findings[0]?.message).toBe(
      'The document declares no security requirement, at its root or on any of its 3 operations: every operation is open to anyone. Add a root `security`, and `security: []` on the operations that are public on purpose.',
    );
    expect(findings[0]?.range.start.line).toBe(0);
  });

  it('speaks of one operation when there is one', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders:\n    get: { operationId: listOrders }\n',
      [RULE],
    );
    expect(findings[0]?.message).toBe(
      'The document declares no security requirement, at its root or on its one operation: it is open to anyone. Add a root `security`, or `security: []` on the operation if it is public on purpose.',
    );
  });

  it('keeps one finding per uncovered operation once any operation declares security', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get: { operationId: listOrders }
    post: { operationId: createOrder }
  /healthz:
    get: { operationId: getHealth, security: [] }
`,
      [RULE],
    );
    expect(codesAndPaths(findings)).toEqual([
      { code: RULE, path: ['paths', '/orders', 'get'] },
      { code: RULE, path: ['paths', '/orders', 'post'] },
    ]);
  });
});

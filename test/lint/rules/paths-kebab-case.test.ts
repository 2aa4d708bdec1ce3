import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'paths-kebab-case';

describe(RULE, () => {
  it('accepts kebab-case segments, any template parameter, versions, extensions and .well-known', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
paths:
  /: {}
  /order-items/{orderItemId}: {}
  /v1.2/reports/{report_id}.json: {}
  /.well-known/openid-configuration: {}
  x-internal: {}
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports camelCase, snake_case and capitals, once per path, at the path key', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
paths:
  /orderItems/{orderItemId}: {}
  /order_items/lineItems: {}
  /Orders: {}
`,
      [RULE],
    );
    expect(findings.map(({ path, message }) => ({ path, message }))).toEqual([
      {
        path: ['paths', '/orderItems/{orderItemId}'],
        message: 'Path segment "orderItems" must be kebab-case: lowercase words joined by hyphens.',
      },
      {
        path: ['paths', '/order_items/lineItems'],
        message: 'Path segment "order_items" must be kebab-case: lowercase words joined by hyphens.',
      },
      {
        path: ['paths', '/Orders'],
        message: 'Path segment "Orders" must be kebab-case: lowercase words joined by hyphens.',
      },
    ]);
    expect(findings[0]?.range.start.line).toBe(3);
  });
});

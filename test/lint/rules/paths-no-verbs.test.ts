import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'paths-no-verbs';

describe(RULE, () => {
  it('accepts resource names, nouns that start like verbs, add-ons and verbs as template parameters', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: A, version: 1.0.0 }
paths:
  /orders/{orderId}: {}
  /settings: {}
  /updates: {}
  /creators/{get}: {}
  /recordings/{sid}/AddOnResults: {}
  /search: {}
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports verbs alone and leading kebab, snake and camel case names', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: A, version: 1.0.0 }
paths:
  /orders/create: {}
  /getOrders: {}
  /orders/{orderId}/delete_items: {}
  /carts/{cartId}/add-item: {}
  /v1/List: {}
`,
      [RULE],
    );
    expect(findings.map(({ path, message }) => [path[1], message])).toEqual([
      ['/orders/create', expect.stringContaining('"create" names an action ("create")')],
      ['/getOrders', expect.stringContaining('("get")')],
      ['/orders/{orderId}/delete_items', expect.stringContaining('("delete")')],
      ['/carts/{cartId}/add-item', expect.stringContaining('("add")')],
      ['/v1/List', expect.stringContaining('("list")')],
    ]);
  });
});

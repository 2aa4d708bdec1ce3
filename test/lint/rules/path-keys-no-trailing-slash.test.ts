import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'path-keys-no-trailing-slash';

describe(RULE, () => {
  it('accepts paths without a trailing slash, and the root path', async () => {
    const findings = await lintText(
      'openapi: 3.0.0\ninfo: { title: A, version: "1" }\npaths:\n  /: {}\n  /orders: {}\n',
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports a path that ends with a slash, placed as Spectral places it (after the key)', async () => {
    const findings = await lintText(
      'openapi: 3.0.0\ninfo: { title: A, version: "1" }\npaths:\n  /orders/: {}\n  /items: {}\n',
      [RULE],
    );
    expect(findings.map(({ code, path, message }) => ({ code, path, message }))).toEqual([
      { code: RULE, path: ['paths', '/orders/'], message: 'Path must not end with slash.' },
    ]);
    expect(findings[0]?.range.start).toEqual({ line: 3, character: 11 });
  });
});

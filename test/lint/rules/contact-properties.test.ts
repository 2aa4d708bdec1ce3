import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'contact-properties';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0, contact: { name: n, url: 'https://a.io', email: a@a.io } }\npaths: {}\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  // `url` and `email` are both missing: one finding on the contact object, as Spectral's de-duplication gives.
  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0, contact: { name: n } }\npaths: {}\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['info', 'contact'] },
    ]);
  });
});

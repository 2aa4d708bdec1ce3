import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas2-oneOf';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "swagger: '2.0'\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ndefinitions:\n  Id: { type: string }\n",
      [RULE],
      'swagger.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "swagger: '2.0'\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ndefinitions:\n  Id:\n    oneOf: [{ type: string }, { type: integer }]\n",
      [RULE],
      'swagger.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['definitions', 'Id', 'oneOf'] },
    ]);
  });
});

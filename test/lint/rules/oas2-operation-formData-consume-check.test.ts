import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas2-operation-formData-consume-check';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "swagger: '2.0'\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders:\n    get:\n      consumes: [multipart/form-data]\n      parameters: [{ name: note, in: formData, type: string }]\n      responses: { '200': { description: ok } }\n",
      [RULE],
      'swagger.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "swagger: '2.0'\ninfo: { title: Orders, version: 1.0.0 }\npaths:\n  /orders:\n    get:\n      consumes: [application/json]\n      parameters: [{ name: note, in: formData, type: string }]\n      responses: { '200': { description: ok } }\n",
      [RULE],
      'swagger.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['paths', '/orders', 'get'] },
    ]);
  });
});

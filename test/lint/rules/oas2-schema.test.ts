import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas2-schema';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "swagger: '2.0'\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\n",
      [RULE],
      'swagger.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "swagger: '2.0'\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\nhosts: api.orders.io\n",
      [RULE],
      'swagger.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([{ code: RULE, path: ['hosts'] }]);
  });

  it('reports the alternative that the discriminating value names: a path parameter, a security definition type', async () => {
    const findings = await lintText(
      `swagger: '2.0'
info: { title: Orders, version: 1.0.0 }
paths:
  /orders/{id}:
    get:
      parameters:
        - { name: id, in: path, type: string }
        - { name: file, in: query, type: file }
      responses: { '200': { description: ok } }
securityDefinitions:
  key: { type: apiKey, name: X-Key }
  oauth: { type: oauth2, flow: implicit, scopes: {} }
`,
      [RULE],
      'swagger.yaml',
    );
    expect(findings.map(({ path, message }) => ({ path, message }))).toEqual([
      {
        path: ['paths', '/orders/{id}', 'get', 'parameters', 0],
        message: '"0" property must have required property "required".',
      },
      {
        path: ['paths', '/orders/{id}', 'get', 'parameters', 1, 'type'],
        message:
          '"type" property must be equal to one of the allowed values: "string", "number", "boolean", "integer", "array". Did you mean "string"?.',
      },
      { path: ['securityDefinitions', 'key'], message: '"key" property must have required property "in".' },
      {
        path: ['securityDefinitions', 'oauth'],
        message: '"oauth" property must have required property "authorizationUrl".',
      },
    ]);
  });
});

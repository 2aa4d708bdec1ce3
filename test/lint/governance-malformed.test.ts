import { describe, expect, it } from 'vitest';
import { governanceRules } from '../../src/core/lint/rules/governance-rules.js';
import { lintText } from './helpers.js';

const ALL = governanceRules.map((rule) => rule.id);

describe('governance rules on malformed documents', () => {
  it('never throw on fields of the wrong type, and leave them to the schema rules', async () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 'A', version: ['1'] },
      servers: [null, 'https://x', { url: 42 }, { url: 'http://{host}', variables: 'none' }],
      security: 'everyone',
      paths: {
        '/orders': {
          parameters: 'none',
          get: {
            operationId: 7,
            parameters: [null, 1, { name: 'limit', in: 'query', schema: 'integer' }],
            responses: {
              '200': { content: { 'application/json': { schema: { type: 'array', items: null } } } },
              '429': { headers: [] },
              '500': 'failed',
            },
            requestBody: { content: [] },
            security: {},
          },
          post: 'not an operation',
          put: { responses: null, requestBody: { content: { 'application/json': null } } },
        },
        '/items/{id}': null,
        '': {},
      },
      components: {
        schemas: {
          A: { properties: [] },
          B: { properties: { id: null, name: true, other: { $ref: '#/nowhere' } } },
        },
      },
    };
    const findings = await lintText(JSON.stringify(document), ALL, 'openapi.json');
    expect(
      findings.every((finding) => typeof finding.message === 'string' && finding.range.start.line >= 0),
    ).toBe(true);
  });

  it('stay linear on long path templates and hostile names', async () => {
    const segment = `${'a-'.repeat(20_000)}A`;
    const longPath = `/${Array.from({ length: 2_000 }, (_, index) => `s${index}`).join('/')}/${segment}`;
    const findings = await lintText(
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'A', version: `${'1.'.repeat(10_000)}x` },
        servers: [{ url: `https://${'v1/'.repeat(10_000)}` }],
        paths: { [longPath]: {} },
      }),
      ['paths-kebab-case', 'paths-no-verbs', 'api-versioning'],
      'openapi.json',
    );
    expect(findings.map((finding) => finding.code)).toEqual(['paths-kebab-case']);
  });

  it('reach a shared operation component once, however many paths use it', async () => {
    const paths = Object.fromEntries(
      Array.from({ length: 500 }, (_, index) => [
        `/orders-${index}`,
        { get: { $ref: '#/components/x-operation' } },
      ]),
    );
    const findings = await lintText(
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'A', version: '1.0.0' },
        paths,
        components: { 'x-operation': { operationId: 'Shared_Operation', responses: {} } },
      }),
      ['operation-operationId-camel-case'],
      'openapi.json',
    );
    expect(findings.map((finding) => finding.path)).toEqual([['components', 'x-operation', 'operationId']]);
  });
});

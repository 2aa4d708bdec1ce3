/**
 * Every `oas` rule on documents whose nodes have the wrong types: no rule may throw (one exception would stop the
 * whole lint), and the schema rule still says what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { presetSeverities } from '../../../src/core/lint/presets.js';
import { lintText } from '../helpers.js';

const ALL_OAS_RULES = [...presetSeverities('msctl:oas', true).keys()];

const BASE = {
  openapi: '3.0.3',
  info: { title: 'Orders', version: '1.0.0', contact: { name: 'Team' }, license: { name: 'MIT' } },
  servers: [{ url: 'https://{region}.orders.io', variables: { region: { default: 'eu', enum: ['eu'] } } }],
  tags: [{ name: 'Orders', description: 'Orders.' }],
  security: [{ key: [] }],
  paths: {
    '/orders/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        operationId: 'getOrder',
        tags: ['Orders'],
        security: [{ key: [] }],
        parameters: [{ $ref: '#/components/parameters/limit' }],
        responses: {
          '200': {
            description: 'ok',
            headers: { 'X-Rate': { schema: { type: 'integer' }, example: 1 } },
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Order' },
                examples: { one: { value: { id: 'a' } } },
              },
            },
            links: { self: { operationId: 'getOrder', server: { url: 'https://a.io' } } },
          },
        },
        callbacks: {
          done: { '{$request.body#/url}': { post: { responses: { '200': { description: 'ok' } } } } },
        },
      },
    },
  },
  components: {
    parameters: {
      limit: { name: 'limit', in: 'query', schema: { type: 'integer', enum: [1, 2], default: 1 } },
    },
    schemas: {
      Order: {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'string', example: 'a' },
          tags: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    securitySchemes: { key: { type: 'apiKey', name: 'X-Key', in: 'header' } },
    examples: { one: { value: 1 } },
  },
};

const WRONG_VALUES: unknown[] = [null, 7, 'text', [], {}, [null, 'x', 3]];

/** Every path in `value`, to containers and leaves. */
function allPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [path];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return [path, ...entries.flatMap(([key, child]) => allPaths(child, [...path, key]))];
}

function replaced(document: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let parent = copy;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = value;
  return copy;
}

describe('oas rules on malformed documents', () => {
  it('accept the well-formed base document without schema errors', async () => {
    const findings = await lintText(JSON.stringify(BASE), ['oas3-schema'], 'openapi.json');
    expect(findings).toEqual([]);
  });

  it('never throw when any node of the document has the wrong type', async () => {
    const paths = allPaths(BASE).filter((path) => path.length > 0);
    expect(paths.length).toBeGreaterThan(100);
    for (const path of paths) {
      for (const value of WRONG_VALUES) {
        const text = JSON.stringify(replaced(BASE, path, value));
        // A rejection here names the path and value that broke a rule.
        const findings = await lintText(text, ALL_OAS_RULES, 'openapi.json').catch((error: unknown) => {
          throw new Error(`${JSON.stringify(path)} = ${JSON.stringify(value)}: ${String(error)}`);
        });
        expect(Array.isArray(findings)).toBe(true);
      }
    }
  }, 120_000);

  it('still reports what is wrong through the schema rule', async () => {
    const text = JSON.stringify(replaced(BASE, ['paths', '/orders/{id}', 'get', 'responses'], []));
    const findings = await lintText(text, ALL_OAS_RULES, 'openapi.json');
    expect(findings.filter(({ code }) => code === 'oas3-schema').map(({ path }) => path)).toEqual([
      ['paths', '/orders/{id}', 'get', 'responses'],
    ]);
  });
});

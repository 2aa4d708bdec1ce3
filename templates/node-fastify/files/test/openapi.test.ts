import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { LightMyRequestResponse, RouteOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildApp } from '../src/app.js';
import { LIVENESS_PATH, READINESS_PATH } from '../src/health.js';
import type { ItemStore } from '../src/items/store.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

interface Response {
  $ref?: string;
  content?: Record<string, { schema: object }>;
}
interface Operation {
  operationId: string;
  responses: Record<string, Response>;
}
interface OpenApiDocument {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
}

let spec: OpenApiDocument;
let components: { responses: Record<string, Response> };
// OpenAPI 3.1 schemas are JSON Schema 2020-12: the spec itself is the schema the responses are checked with.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
beforeAll(async () => {
  spec = parse(await readFile(new URL('../openapi.yaml', import.meta.url), 'utf8')) as OpenApiDocument;
  components = (spec as unknown as { components: typeof components }).components;
  ajv.addSchema(spec, 'openapi.yaml');
});

function specOperations(): string[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map(
      (method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`,
    ),
  );
}

async function appRoutes(): Promise<string[]> {
  const app = buildApp();
  const routes: string[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // HEAD routes are added by Fastify for every GET; the spec describes the GET.
    for (const method of methods.filter((name) => name !== 'HEAD')) routes.push(`${method} ${route.url}`);
  });
  await app.ready();
  await app.close();
  return routes;
}

const pointer = (...segments: string[]) =>
  segments.map((segment) => `/${segment.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** Checks a real response against what the spec documents for its operation, status and media type. */
function expectDocumented(path: string, method: (typeof METHODS)[number], response: LightMyRequestResponse) {
  const operation = spec.paths[path]?.[method];
  if (!operation) throw new Error(`openapi.yaml has no ${method.toUpperCase()} ${path}`);
  const status = String(response.statusCode);
  const documented = operation.responses[status];
  expect(documented, `${operation.operationId} documents status ${status}`).toBeDefined();
  const [responseLocation, definition] = documented?.$ref
    ? [documented.$ref.slice(1), components.responses[documented.$ref.split('/').pop() ?? '']]
    : [pointer('paths', path, method, 'responses', status), documented];
  const mediaType = String(response.headers['content-type']).split(';')[0] ?? '';
  expect(
    definition?.content?.[mediaType],
    `${operation.operationId} ${status} documents ${mediaType}`,
  ).toBeDefined();
  const validate = ajv.getSchema(
    `openapi.yaml#${responseLocation}${pointer('content', mediaType, 'schema')}`,
  );
  if (!validate) throw new Error(`no schema for ${operation.operationId} ${status} ${mediaType}`);
  validate(response.json());
  expect(validate.errors ?? [], `${operation.operationId} ${status} body`).toEqual([]);
}

describe('openapi.yaml', () => {
  it('describes every route, and every operation it describes has a route', async () => {
    const [operations, routes] = [specOperations(), await appRoutes()];
    expect(routes.length).toBeGreaterThan(0);
    expect([...operations].sort()).toEqual([...routes].sort());
  });

  it('documents the status, media type and body of real responses', async () => {
    const app = buildApp();
    const created = await app.inject({ method: 'POST', url: '/items', payload: { name: 'first' } });
    expectDocumented('/items', 'post', created);
    expectDocumented('/items', 'post', await app.inject({ method: 'POST', url: '/items', payload: {} }));
    expectDocumented('/items', 'get', await app.inject({ method: 'GET', url: '/items?limit=1' }));
    expectDocumented('/items', 'get', await app.inject({ method: 'GET', url: '/items?limit=0' }));
    expectDocumented(
      '/items/{id}',
      'get',
      await app.inject({ method: 'GET', url: `/items/${created.json().id}` }),
    );
    expectDocumented(
      '/items/{id}',
      'get',
      await app.inject({ method: 'GET', url: '/items/2f1c8f5e-8d4b-4c36-9d2b-6a1f0c3e7b11' }),
    );
    expectDocumented(LIVENESS_PATH, 'get', await app.inject({ method: 'GET', url: LIVENESS_PATH }));
    expectDocumented(READINESS_PATH, 'get', await app.inject({ method: 'GET', url: READINESS_PATH }));
    await app.close();

    const failing: ItemStore = {
      list: () => Promise.reject(new Error('store unavailable')),
      get: () => Promise.reject(new Error('store unavailable')),
      create: () => Promise.reject(new Error('store unavailable')),
    };
    const broken = buildApp({ store: failing });
    expectDocumented('/items', 'get', await broken.inject({ method: 'GET', url: '/items' }));
    await broken.close();
  });
});

import { readFile } from 'node:fs/promises';
import type { RouteOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildApp } from '../src/app.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

interface OpenApiDocument {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], { operationId?: string }>>>;
}

async function specOperations(): Promise<string[]> {
  const document = parse(
    await readFile(new URL('../openapi.yaml', import.meta.url), 'utf8'),
  ) as OpenApiDocument;
  return Object.entries(document.paths).flatMap(([path, item]) =>
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

describe('openapi.yaml', () => {
  it('describes every route, and every operation it describes has a route', async () => {
    const [operations, routes] = await Promise.all([specOperations(), appRoutes()]);
    expect(routes.length).toBeGreaterThan(0);
    expect([...operations].sort()).toEqual([...routes].sort());
  });
});

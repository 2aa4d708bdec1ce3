import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonPathSyntaxError } from '../../src/core/lint/jsonpath/filter-expression.js';
import { parsePath } from '../../src/core/lint/jsonpath/parse-path.js';
import { lintDocument } from '../../src/core/lint/lint.js';
import type { Rule } from '../../src/core/lint/types.js';
import { writeFiles } from './helpers.js';

const SPEC = `openapi: 3.0.3
info: { title: Shop, version: "1" }
paths:
  /orders:
    parameters:
      - { name: tenant, in: header }
    get:
      operationId: listOrders
      parameters:
        - { name: limit, in: query }
        - { name: cursor, in: query }
        - $ref: '#/components/parameters/Trace'
      responses:
        '200': { description: ok }
    x-extension: { parameters: [{ name: hidden, in: query }] }
  /orders/{id}:
    delete:
      operationId: deleteOrder
      responses:
        '204': { description: gone }
components:
  parameters:
    Trace: { name: trace, in: query }
`;

/** The logical paths a `given` selects in SPEC, joined with dots, in walk order. */
async function select(given: string | string[], resolved = true): Promise<string[]> {
  const seen: string[] = [];
  const rule: Rule = {
    id: 'probe',
    description: 'probe',
    severity: 'hint',
    family: 'governance',
    preset: 'all',
    given,
    resolved,
    documentation: { rationale: 'test' },
    check(target) {
      seen.push([...target.path].join('.') + (typeof target.value === 'string' ? `=${target.value}` : ''));
    },
  };
  const folder = await writeFiles({ 'openapi.yaml': SPEC });
  await lintDocument(join(folder, 'openapi.yaml'), {
    ruleset: { rules: [{ rule, severity: 'hint' }] },
    cwd: folder,
  });
  return seen.sort();
}

describe('JSONPath given', () => {
  it('selects operations with a method union and path items with a wildcard', async () => {
    expect(await select('$.paths[*][get,delete]')).toEqual([
      'paths./orders.get',
      'paths./orders/{id}.delete',
    ]);
    expect(await select('$.paths.*')).toEqual(['paths./orders', 'paths./orders/{id}']);
  });

  it('selects descendants at any depth, through $ref, including extensions', async () => {
    expect(await select('$..parameters[*].name')).toEqual([
      'paths./orders.get.parameters.0.name=limit',
      'paths./orders.get.parameters.1.name=cursor',
      'paths./orders.get.parameters.2.name=trace',
      'paths./orders.parameters.0.name=tenant',
      'paths./orders.x-extension.parameters.0.name=hidden',
    ]);
  });

  it('filters by the value of the node (@) and by its key (@property)', async () => {
    expect(await select("$.paths[*][*].parameters[?(@.in == 'query')].name")).toEqual([
      'paths./orders.get.parameters.0.name=limit',
      'paths./orders.get.parameters.1.name=cursor',
      'paths./orders.get.parameters.2.name=trace',
      'paths./orders.x-extension.parameters.0.name=hidden',
    ]);
    expect(await select("$.paths[*][?(@property === 'get' || @property.match(/^x-/))]")).toEqual([
      'paths./orders.get',
      'paths./orders.x-extension',
    ]);
  });

  it('sees $ref objects as written when the rule asks for unresolved nodes', async () => {
    expect(await select('$.paths[*].get.parameters[*].$ref', false)).toEqual([
      'paths./orders.get.parameters.2.$ref=#/components/parameters/Trace',
    ]);
    expect(await select('$.paths[*].get.parameters[*].$ref', true)).toEqual([]);
  });

  it('selects property names with a trailing ~', async () => {
    expect(await select('$.paths.*~')).toEqual(['paths./orders/{id}=/orders/{id}', 'paths./orders=/orders']);
  });

  it('selects quoted names and indexes', async () => {
    expect(await select("$['paths']['/orders'].get.parameters[1].name")).toEqual([
      'paths./orders.get.parameters.1.name=cursor',
    ]);
  });

  it('rejects what it cannot run, saying why', () => {
    expect(() => parsePath('paths.*')).toThrow(JsonPathSyntaxError);
    expect(() => parsePath('$.tags[0:2]')).toThrow(/slices are not supported/);
    expect(() => parsePath("$[?(@.in == 'query'")).toThrow(/unclosed/);
  });
});

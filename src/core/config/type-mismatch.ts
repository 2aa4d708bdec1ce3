import type { z } from 'zod';
import { plural } from '../plural.js';
import type { PathSegment } from './positions.js';

/** Values people write for each key, so that a problem can show the shape it expects. */
const EXAMPLES: Readonly<Record<string, string>> = {
  port: '3000',
  publish: '8080',
  replicas: '2',
  min: '2',
  max: '5',
  targetCPUUtilization: '70',
  name: '"shop"',
  path: '"services/orders"',
  api: '"openapi.yaml"',
  dockerfile: '"Dockerfile"',
  image: '"redis:7"',
  registry: '"ghcr.io/acme/shop"',
  version: '"16"',
  description: '"Orders and their items"',
  ruleset: '".spectral.yaml"',
  baseline: '".msctl/lint-baseline.json"',
  dependsOn: '[postgres, inventory]',
  secrets: '[JWT_SECRET]',
  extends: '[msctl:recommended]',
  routes: '[{ path: /orders, service: orders }]',
  env: '{ LOG_LEVEL: info }',
  health: '{ readiness: /readyz }',
  resources: '{ cpu: 100m, memory: 128Mi }',
  images: '{ registry: ghcr.io/acme/shop }',
  base: '{ node: "node:24-bookworm-slim" }',
  services: '{ orders: { path: services/orders, port: 3000 } }',
  infra: '{ postgres: { kind: postgres } }',
  governance: '{ extends: [msctl:recommended] }',
};

/** Keys that take a number or a mapping, with an example of the mapping. */
const NUMBER_OR_MAPPING: Readonly<Record<string, string>> = {
  publish: '{ port: 8080, host: 127.0.0.1 }',
  replicas: '{ min: 2, max: 5 }',
};

/**
 * `expected a number such as 3000, got the string "three thousand"`: what the key takes, shown by example,
 * and what the file holds. Undefined for issues that are not about the kind of value.
 */
export function describeTypeMismatch(
  issue: z.core.$ZodIssue,
  segments: readonly PathSegment[],
  value: unknown,
): string | undefined {
  const key = [...segments].reverse().find((segment) => typeof segment === 'string');
  const example = key === undefined ? undefined : EXAMPLES[key];
  let expected: string | undefined;
  if (issue.code === 'invalid_type') expected = expectedKind(issue.expected, example);
  else if (issue.code === 'invalid_value' && issue.values.length === 1) {
    expected = JSON.stringify(issue.values[0]);
  } else if (issue.code === 'invalid_union' && key !== undefined && NUMBER_OR_MAPPING[key]) {
    if (typeof value === 'number' || (typeof value === 'object' && value !== null && !Array.isArray(value))) {
      return undefined;
    }
    expected = `a number such as ${example} or a mapping such as ${NUMBER_OR_MAPPING[key]}`;
  }
  return expected === undefined ? undefined : `expected ${expected}, got ${describeValue(value)}`;
}

function expectedKind(kind: string, example: string | undefined): string | undefined {
  const suchAs = example ? ` such as ${example}` : '';
  switch (kind) {
    case 'number':
      return `a number${suchAs}`;
    case 'int':
      return `a whole number${suchAs}`;
    case 'string':
      return `a string${suchAs}`;
    case 'boolean':
      return 'true or false';
    case 'array':
      return `a list${suchAs}`;
    case 'object':
    case 'record':
      return `a mapping${suchAs}`;
    default:
      return undefined;
  }
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (the key has no value)';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return `a list of ${plural(value.length, 'item')}`;
  return 'a mapping';
}

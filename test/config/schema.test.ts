import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseWorkspace } from '../../src/core/config/load.js';
import { STRING_LIMITS, workspaceJsonSchema } from '../../src/core/config/schema.js';
import { ConfigError } from '../../src/core/errors.js';
import { renderWorkspaceFile } from '../../src/core/workspace/init.js';
import { repositoryRoot } from '../support/cli.js';

const validate = new Ajv2020({ strict: false, allErrors: true }).compile(workspaceJsonSchema());

describe('the JSON Schema of msctl.yaml', () => {
  it('is the published schema/msctl.schema.json, byte for byte', async () => {
    const published = await readFile(path.join(repositoryRoot, 'schema/msctl.schema.json'), 'utf8');
    expect(published).toBe(`${JSON.stringify(workspaceJsonSchema(), null, 2)}\n`);
  });

  it('accepts what `msctl init` writes', () => {
    expect(validate(parse(renderWorkspaceFile('shop'))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts a full workspace', () => {
    const workspace = {
      version: 1,
      name: 'shop',
      images: { registry: 'registry.example.com/shop', base: { node: 'mirror.example.com/node:24' } },
      services: {
        orders: {
          path: 'services/orders',
          template: 'node-fastify',
          templateVersion: '1.0.0',
          port: 3000,
          api: 'openapi.yaml',
          dependsOn: ['postgres'],
          env: { LOG_LEVEL: 'info', RETRIES: 3 },
          secrets: ['JWT_SECRET'],
          health: { liveness: '/healthz', readiness: '/readyz' },
          replicas: { min: 2, max: 6 },
          resources: { cpu: '250m', memory: '256Mi' },
        },
        gateway: {
          path: 'services/gateway',
          port: 8080,
          publish: 8080,
          routes: [{ path: '/orders', service: 'orders', auth: 'jwt', rateLimit: '100/minute' }],
        },
      },
      infra: {
        postgres: { kind: 'postgres', version: '16' },
        redis: { image: 'mirror.example.com/redis:7' },
      },
      governance: { extends: ['msctl:recommended'], failSeverity: 'warn' },
    };
    expect(validate(workspace), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['an unknown top-level key', { version: 1, name: 'shop', servces: {} }],
    ['a wrong version', { version: 2, name: 'shop' }],
    ['a port out of range', { version: 1, name: 'shop', services: { a: { path: 'a', port: 70000 } } }],
    [
      'an unknown service key',
      { version: 1, name: 'shop', services: { a: { path: 'a', port: 1, prot: 2 } } },
    ],
    [
      'a bad rate limit',
      {
        version: 1,
        name: 'shop',
        services: { a: { path: 'a', port: 1, routes: [{ path: '/x', service: 'a', rateLimit: 'lots' }] } },
      },
    ],
    [
      'a service name that starts with a digit',
      { version: 1, name: 'shop', services: { '1orders': { path: 'a', port: 1 } } },
    ],
    [
      'an infra name with an underscore',
      { version: 1, name: 'shop', infra: { my_db: { kind: 'postgres' } } },
    ],
    [
      'a description over its limit',
      {
        version: 1,
        name: 'shop',
        services: { a: { path: 'a', port: 1, description: 'x'.repeat(STRING_LIMITS.description + 1) } },
      },
    ],
    [
      'an env value over its limit',
      {
        version: 1,
        name: 'shop',
        services: { a: { path: 'a', port: 1, env: { BIG: 'x'.repeat(STRING_LIMITS.envValue + 1) } } },
      },
    ],
  ])('rejects %s, as the loader does', (_title, workspace) => {
    expect(validate(workspace)).toBe(false);
    expect(() => parseWorkspace('msctl.yaml', stringify(workspace))).toThrow(ConfigError);
  });

  it('accepts a project name that starts with a digit (a Kubernetes namespace may), and strings at their limits', () => {
    const workspace = {
      version: 1,
      name: '1shop',
      services: {
        ['a'.repeat(STRING_LIMITS.name)]: {
          path: 'a',
          port: 1,
          description: 'x'.repeat(STRING_LIMITS.description),
        },
      },
    };
    expect(validate(workspace), JSON.stringify(validate.errors)).toBe(true);
    expect(parseWorkspace('msctl.yaml', stringify(workspace)).config.name).toBe('1shop');
  });
});

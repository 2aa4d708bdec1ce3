// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Compose references are written as ${NAME} on purpose
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workspaceSchema } from '../../src/core/config/schema.js';
import { COMPOSE_FILE, composeDocument, generateComposeFile } from '../../src/core/generate/compose.js';
import { planGenerate } from '../../src/core/generate/plan.js';
import { generatedState } from '../../src/core/generate/provenance.js';
import { desiredState } from '../../src/core/runtime/desired.js';
import { skipTestWithout } from '../support/prerequisites.js';

const run = promisify(execFile);
const DOCKER_COMPOSE = '/usr/bin/docker-compose';

/** Two services, postgres and redis: the smallest system that uses every part of the mapping. */
const workspace = workspaceSchema.parse({
  version: 1,
  name: 'shop',
  images: { base: { node: 'node:24-bookworm-slim' } },
  services: {
    orders: {
      path: 'services/orders',
      port: 3000,
      publish: 8080,
      dependsOn: ['inventory', 'postgres', 'redis'],
      env: { LOG_LEVEL: 'info', GREETING: 'costs $5' },
      secrets: ['JWT_SECRET'],
    },
    inventory: {
      path: 'services/inventory',
      port: 3001,
      dockerfile: 'docker/Dockerfile',
      dependsOn: ['postgres'],
      health: { readiness: '/ready' },
    },
  },
  infra: { postgres: { kind: 'postgres' }, redis: { kind: 'redis', publish: 6380 } },
});

/** Values and keys that YAML 1.1 or 1.2 would not read as strings unless quoted. */
const quoting = workspaceSchema.parse({
  version: 1,
  name: 'lab',
  services: {
    api: {
      path: 'api',
      port: 8000,
      env: { A: 'on', B: 'no', C: '1:30', D: '0o17', E: 'plain', ON: 'key', Y: 'key' },
    },
  },
});

const composeText = () => generateComposeFile(workspace).get(COMPOSE_FILE) as string;

describe('msctl generate compose', () => {
  it('writes compose.yaml as the golden file says, stamped like every generated file', async () => {
    const text = composeText();
    await expect(text).toMatchFileSnapshot('golden/compose.yaml');
    expect(generatedState(text)).toBe('unchanged');
    expect(generateComposeFile(workspace).get(COMPOSE_FILE)).toBe(text);
  });

  it('carries the containers of `msctl up` field by field: image, env, ports, volumes, order, labels', () => {
    const secrets = { JWT_SECRET: 'jwt', POSTGRES_PASSWORD: 'pw' };
    const desired = desiredState(workspace, { secrets });
    const document = parse(composeText());
    expect(Object.keys(document.services)).toEqual(desired.containers.map((container) => container.node));
    for (const container of desired.containers) {
      const service = document.services[container.node];
      expect(service.image).toBe(container.image);
      expect(service.labels).toEqual(container.labels);
      expect(service.stop_signal).toBe(container.stopSignal);
      // The values with the secrets filled in as Compose would fill them from .env.
      const environment = Object.fromEntries(
        Object.entries((service.environment ?? {}) as Record<string, string>).map(([name, value]) => [
          name,
          fillLikeCompose(value, secrets),
        ]),
      );
      expect(environment).toEqual(container.env);
      expect(service.volumes ?? []).toEqual(
        container.volumes.map((volume) => `${volume.name}:${volume.target}`),
      );
      expect(Object.keys(service.depends_on ?? {})).toEqual(container.dependsOn);
    }
    expect(document.services.orders.ports).toEqual(['127.0.0.1:8080:3000']);
    expect(document.services.inventory.ports).toEqual(['127.0.0.1::3001']);
    expect(document.services.redis.ports).toEqual(['127.0.0.1:6380:6379']);
    expect(document.services.postgres.ports).toBeUndefined();
    expect(document.networks.default.name).toBe(desired.network.name);
    expect(Object.keys(document.volumes)).toEqual(desired.volumes.map((volume) => volume.name));
  });

  it('never holds a secret value: declared secrets are required references, the postgres password has a default', () => {
    const text = composeText();
    const orders = composeDocument(workspace).services as Record<
      string,
      { environment: Record<string, string> }
    >;
    expect(orders.orders?.environment.JWT_SECRET).toBe(
      '${JWT_SECRET:?JWT_SECRET is not set: add it to .env}',
    );
    expect(orders.orders?.environment.DATABASE_URL).toBe(
      'postgres://postgres:${POSTGRES_PASSWORD:-postgres}@postgres:5432/shop',
    );
    expect(orders.postgres?.environment.POSTGRES_PASSWORD).toBe('${POSTGRES_PASSWORD:-postgres}');
    // A `$` of a plain value is doubled, so that Compose does not read it as a variable.
    expect(orders.orders?.environment.GREETING).toBe('costs $$5');
    expect(text).not.toContain('msctl-secret');
  });

  it('waits for each dependency to be healthy, with a check that runs inside each container', () => {
    const document = parse(composeText());
    expect(document.services.orders.depends_on).toEqual({
      inventory: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    expect(document.services.inventory.healthcheck.test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(document.services.inventory.healthcheck.test[3]).toContain('"http://127.0.0.1:3001/ready"');
    const desired = desiredState(workspace, { secrets: {} });
    const postgres = desired.containers.find((container) => container.node === 'postgres');
    expect(document.services.postgres.healthcheck).toEqual({
      test: postgres?.healthcheck?.test,
      interval: '1s',
      timeout: '5s',
      retries: 60,
    });
    for (const service of Object.values(document.services) as { healthcheck?: unknown }[])
      expect(service.healthcheck).toBeDefined();
  });

  it('builds each service from its context and Dockerfile with the base image of its runtime', () => {
    const document = parse(composeText());
    expect(document.services.inventory.build).toEqual({
      context: './services/inventory',
      dockerfile: 'docker/Dockerfile',
      args: { NODE_IMAGE: 'node:24-bookworm-slim' },
    });
    expect(document.services.postgres.build).toBeUndefined();
  });

  it('asks a service of another runtime with wget or curl, and brackets an IPv6 host address', () => {
    const other = workspaceSchema.parse({
      version: 1,
      name: 'lab',
      services: {
        api: { path: 'api', port: 8000, runtime: 'python', publish: { host: '::1', port: 8000 } },
      },
    });
    const document = parse(generateComposeFile(other).get(COMPOSE_FILE) as string);
    expect(document.services.api.healthcheck.test).toEqual([
      'CMD-SHELL',
      'wget -q -O /dev/null http://127.0.0.1:8000/readyz || curl -fsS -o /dev/null http://127.0.0.1:8000/readyz',
    ]);
    expect(document.services.api.ports).toEqual(['[::1]:8000:8000']);
    expect(document.volumes).toBeUndefined();
  });

  it('quotes what a YAML 1.1 or 1.2 reader would not read as a string', () => {
    const text = generateComposeFile(quoting).get(COMPOSE_FILE) as string;
    for (const line of [
      'A: "on"',
      'B: "no"',
      'C: "1:30"',
      'D: "0o17"',
      'E: plain',
      '"ON": key',
      'restart: "no"',
    ])
      expect(text).toContain(line);
  });

  it('is part of `generate all` only once the workspace has its compose.yaml', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'msctl-compose-all-'));
    // The Kubernetes overlays need a registry.
    const registered = { ...workspace, images: { ...workspace.images, registry: 'ghcr.io/acme/shop' } };
    try {
      const paths = async () =>
        (await planGenerate({ root, config: registered }, { kinds: ['k8s', 'ci'], all: true })).files.map(
          (file) => file.path,
        );
      expect(await paths()).not.toContain(COMPOSE_FILE);
      writeFileSync(path.join(root, COMPOSE_FILE), composeText());
      expect(await paths()).toContain(COMPOSE_FILE);
      // Asked by name, it is planned whether or not the file exists.
      rmSync(path.join(root, COMPOSE_FILE));
      const named = await planGenerate({ root, config: workspace }, { kinds: ['compose'] });
      expect(named.files.map((file) => [file.path, file.action])).toEqual([[COMPOSE_FILE, 'create']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('is accepted by docker-compose config', async (context) => {
    skipTestWithout(context, existsSync(DOCKER_COMPOSE), 'docker-compose (Debian package docker-compose)');
    const directory = mkdtempSync(path.join(os.tmpdir(), 'msctl-compose-'));
    try {
      writeFileSync(path.join(directory, COMPOSE_FILE), composeText());
      // Compose checks that each build context is a folder.
      for (const service of ['orders', 'inventory'])
        mkdirSync(path.join(directory, 'services', service), { recursive: true });
      writeFileSync(path.join(directory, '.env'), 'JWT_SECRET=from-dot-env\n');
      const { stdout } = await run(DOCKER_COMPOSE, ['config'], { cwd: directory });
      const resolved = parse(stdout);
      expect(resolved.services.orders.environment.JWT_SECRET).toBe('from-dot-env');
      expect(resolved.services.orders.environment.DATABASE_URL).toBe(
        'postgres://postgres:postgres@postgres:5432/shop',
      );
      expect(resolved.services.orders.depends_on.postgres).toEqual({ condition: 'service_healthy' });

      // Without the secret, Compose refuses, as `msctl up` does, and says where to put it.
      rmSync(path.join(directory, '.env'));
      const refused = await run(DOCKER_COMPOSE, ['config'], { cwd: directory }).catch(
        (error: { stderr: string }) => error,
      );
      expect('stderr' in refused ? refused.stderr : '').toContain('JWT_SECRET is not set: add it to .env');

      // docker-compose 1.x reads YAML 1.1: every quoted value and key arrives as the string msctl.yaml says.
      writeFileSync(
        path.join(directory, COMPOSE_FILE),
        generateComposeFile(quoting).get(COMPOSE_FILE) as string,
      );
      mkdirSync(path.join(directory, 'api'));
      // Its output is YAML 1.1 too (it writes `0o17` plain): read it as such.
      const quoted = parse((await run(DOCKER_COMPOSE, ['config'], { cwd: directory })).stdout, {
        version: '1.1',
      });
      expect(quoted.services.api.environment).toEqual({ PORT: '8000', ...quoting.services.api?.env });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

/** What Compose makes of a value: `${NAME:-default}` and `${NAME:?message}` filled, `$$` read as `$`. */
function fillLikeCompose(value: string, variables: Record<string, string>): string {
  return value
    .replace(/(?<!\$)\$\{(\w+)(?::[-?][^}]*)?\}/g, (_match, name: string) => variables[name] ?? '')
    .replaceAll('$$', '$');
}

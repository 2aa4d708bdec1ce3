import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import {
  createRuntimeWorkspace,
  DOCKER,
  prepareImages,
  type RuntimeWorkspace,
} from '../runtime/runtime-workspace.js';
import { requirePrerequisite, skipWithout } from '../support/prerequisites.js';

const DOCKER_COMPOSE = '/usr/bin/docker-compose';
const hasCompose = existsSync(DOCKER_COMPOSE);

interface ComposeService {
  image: string;
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

/** One container of `msctl up --dry-run`'s plan: the lines under its `create` row. */
interface PlannedContainer {
  image?: string;
  env: Record<string, string>;
  ports: string[];
  after: string[];
}

function parseDryRun(text: string): Map<string, PlannedContainer> {
  const containers = new Map<string, PlannedContainer>();
  let current: PlannedContainer | undefined;
  for (const line of text.split('\n')) {
    const row = /^ {2}(\w+) +(.+?) \(.*\)$/.exec(line);
    if (row) {
      const [, action, subject = ''] = row;
      // Containers to create; not the network, volumes nor images, whose subjects say what they are.
      const container = (action === 'create' || action === 'recreate') && !subject.includes(' ');
      current = container ? { env: {}, ports: [], after: [] } : undefined;
      if (current) containers.set(subject, current);
      continue;
    }
    const detail = /^ {13}(image|env|ports|after) +(.*)$/.exec(line);
    if (!current || !detail) continue;
    const [, field, value = ''] = detail;
    if (field === 'image') current.image = value;
    if (field === 'env')
      for (const pair of value.split(' ')) {
        const [name = '', ...rest] = pair.split('=');
        current.env[name] = rest.join('=');
      }
    if (field === 'ports') current.ports = value.split(' ');
    if (field === 'after') current.after = value.split(', ');
  }
  return containers;
}

describe.skipIf(skipWithout(hasCompose, 'docker-compose (Debian package docker-compose)'))(
  'msctl generate compose on a real engine',
  () => {
    let workspace: RuntimeWorkspace;
    const compose = (args: readonly string[]) =>
      execa(DOCKER_COMPOSE, ['-p', workspace.project, ...args], { cwd: workspace.root, reject: false });

    beforeAll(async () => {
      requirePrerequisite(hasCompose, 'docker-compose (Debian package docker-compose)');
      await prepareImages();
      workspace = await createRuntimeWorkspace('compose');
      // `generate all` writes the Kubernetes overlays too, which need a registry.
      const file = path.join(workspace.root, 'msctl.yaml');
      const config = parseDocument(await readFile(file, 'utf8'));
      config.setIn(['images', 'registry'], 'ghcr.io/acme/shop');
      await writeFile(file, config.toString());
    });
    afterAll(async () => workspace?.cleanUp());

    it('writes compose.yaml, checks clean, and keeps a hand edit like every generated file', async () => {
      const written = await workspace.msctl(['generate', 'compose']);
      expect(written.stdout).toContain('create   compose.yaml (not found)');
      expect(written.exitCode).toBe(0);
      const text = await readFile(path.join(workspace.root, 'compose.yaml'), 'utf8');
      expect(text).not.toContain('token-that-must-stay-secret');

      expect((await workspace.msctl(['generate', 'compose', '--check'])).exitCode).toBe(0);
      // `all` takes compose in once the workspace has its compose.yaml.
      const all = await workspace.msctl(['generate', 'all', '--dry-run', '--json']);
      expect(JSON.parse(all.stdout).files).toContainEqual({
        path: 'compose.yaml',
        action: 'unchanged',
        reason: 'up to date',
      });

      await writeFile(path.join(workspace.root, 'compose.yaml'), `${text}# tuned by hand\n`);
      // An edit alone is kept (nothing to merge into it), and --check reports it.
      const kept = await workspace.msctl(['generate', 'compose']);
      expect(kept.exitCode).toBe(0);
      expect(kept.stdout).toContain('edited   compose.yaml (edited by hand; your edits are kept');
      expect((await workspace.msctl(['generate', 'compose', '--check'])).exitCode).toBe(1);
      expect((await workspace.msctl(['generate', 'compose', '--force'])).exitCode).toBe(0);
      expect(await readFile(path.join(workspace.root, 'compose.yaml'), 'utf8')).toBe(text);
    });

    it("has the services, env, ports and dependencies of `msctl up --dry-run`'s plan", async () => {
      expect((await workspace.msctl(['generate', 'compose'])).exitCode).toBe(0);
      const dryRun = await workspace.msctl(['up', '--dry-run']);
      expect(dryRun.exitCode).toBe(0);
      const planned = parseDryRun(dryRun.stdout);
      const document = parse(await readFile(path.join(workspace.root, 'compose.yaml'), 'utf8')) as {
        services: Record<string, ComposeService>;
      };
      expect(Object.keys(document.services).sort()).toEqual([...planned.keys()].sort());
      for (const [node, container] of planned) {
        const service = document.services[node] as ComposeService;
        expect(service.image).toBe(container.image);
        // The plan masks secrets as ***; compose.yaml holds references to .env, never values.
        const environment = Object.fromEntries(
          Object.entries(service.environment ?? {}).map(([name, value]) => [
            name,
            container.env[name] === '***' && value.includes('${') ? '***' : value,
          ]),
        );
        expect(environment).toEqual(container.env);
        expect(service.ports ?? []).toEqual(
          container.ports.map((port) => port.replace('(any)', '').replace(/^(.*):(\d*)->(\d+)$/, '$1:$2:$3')),
        );
        expect(Object.keys(service.depends_on ?? {})).toEqual(container.after);
        expect(service.healthcheck?.test.length).toBeGreaterThan(1);
      }
    });

    it('comes up healthy under docker-compose with the local images, every service answering on 127.0.0.1', async () => {
      expect((await workspace.msctl(['generate', 'compose'])).exitCode).toBe(0);
      try {
        const up = await compose(['up', '-d']);
        expect(up.exitCode, up.stderr).toBe(0);
        const ids = (await compose(['ps', '-q'])).stdout.split('\n').filter(Boolean);
        expect(ids).toHaveLength(3);
        await waitHealthy(ids);

        for (const [service, port] of [
          ['orders', 3000],
          ['inventory', 3001],
        ] as const) {
          const address = (await compose(['port', service, String(port)])).stdout.trim();
          expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
          expect((await fetch(`http://${address}/healthz`)).status).toBe(200);
          expect((await fetch(`http://${address}/readyz`)).status).toBe(200);
        }
        // The secret came from .env by reference, and orders reaches inventory by its name on the network.
        const orders = (await compose(['port', 'orders', '3000'])).stdout.trim();
        expect(await (await fetch(`http://${orders}/whoami`)).json()).toEqual({
          service: 'orders',
          tokenSet: true,
        });
        expect(await (await fetch(`http://${orders}/call`)).json()).toMatchObject({
          via: 'http://inventory:3001',
          answer: { service: 'inventory' },
        });
        const network = await execa(DOCKER, ['network', 'inspect', `${workspace.project}_default`]);
        expect(JSON.parse(network.stdout)[0].Labels['dev.msctl.project']).toBe(workspace.project);
      } finally {
        await compose(['down', '-v', '--remove-orphans']);
      }
      const left = await execa(DOCKER, [
        'ps',
        '-aq',
        '--filter',
        `label=dev.msctl.project=${workspace.project}`,
      ]);
      expect(left.stdout.trim()).toBe('');
    });
  },
);

/** docker-compose 1.x has no `up --wait`: the engine's health status of each container, polled. */
async function waitHealthy(ids: string[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  let states: string[] = [];
  while (Date.now() < deadline) {
    const inspect = await execa(DOCKER, [
      'inspect',
      '--format',
      '{{.Name}} {{.State.Health.Status}}',
      ...ids,
    ]);
    states = inspect.stdout.split('\n');
    if (states.every((state) => state.endsWith(' healthy'))) return;
    if (states.some((state) => state.endsWith(' unhealthy'))) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`not every container became healthy: ${states.join(', ')}`);
}

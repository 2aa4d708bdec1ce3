import { appendFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msctl } from '../support/cli.js';
import {
  createRuntimeWorkspace,
  DOCKER,
  leftovers,
  prepareImages,
  psRows,
  publishedAddress,
  type RuntimeWorkspace,
} from './runtime-workspace.js';

describe('msctl up on a real engine', () => {
  let workspace: RuntimeWorkspace;

  beforeAll(async () => {
    await prepareImages();
    workspace = await createRuntimeWorkspace('up');
  });
  afterAll(async () => workspace?.cleanUp());

  it('brings a two-service system with postgres up, ready, the dependent reaching its dependency by name', async () => {
    const up = await workspace.msctl(['up', '-d', '--timeout', '90']);
    expect(up.stderr).toContain('ready');
    expect(up.exitCode).toBe(0);
    // Without a terminal: a line per change, names aligned, and none of BuildKit's step-by-step output.
    expect(up.stderr).toMatch(/^inventory {2}build \(no image yet\)$/m);
    expect(up.stderr).toMatch(/^inventory {2}waiting for postgres$/m);
    expect(up.stderr).toMatch(/^orders {5}healthy \(\d+\.\d s\)$/m);
    expect(up.stderr).not.toMatch(/CACHED|\[\d+\/\d+\]|FROM |load build definition/);
    expect(up.stdout + up.stderr).not.toContain('token-that-must-stay-secret');

    const rows = await psRows(workspace);
    expect([...rows.keys()].sort()).toEqual(['inventory', 'orders', 'postgres']);
    expect(rows.get('postgres')?.state).toBe('running');
    // `ps` asks msctl's own readiness check, the one `up` waited on, not only the engine's later one.
    expect(rows.get('postgres')?.health).toBe('healthy');
    expect(rows.get('orders')?.ports[0]).toMatch(/^127\.0\.0\.1:\d+->3000$/);

    const orders = publishedAddress(rows.get('orders'));
    const call = (await (await fetch(`http://${orders}/call`)).json()) as Record<string, unknown>;
    expect(call).toEqual({
      from: 'orders',
      via: 'http://inventory:3001',
      answer: { service: 'inventory', tokenSet: false },
    });
    // inventory is ready only when postgres answers the PostgreSQL protocol at DATABASE_URL.
    const inventory = publishedAddress(rows.get('inventory'));
    expect((await fetch(`http://${inventory}/readyz`)).status).toBe(200);
    expect(await (await fetch(`http://${orders}/whoami`)).json()).toEqual({
      service: 'orders',
      tokenSet: true,
    });

    // The secret reaches the container, never the image.
    const image = await execa(DOCKER, ['image', 'inspect', `${workspace.project}/orders:local`]);
    expect(image.stdout).not.toContain('token-that-must-stay-secret');
    const container = JSON.parse((await execa(DOCKER, ['inspect', `${workspace.project}-orders`])).stdout)[0];
    expect(container.HostConfig.Init).toBe(true);
    expect(container.Config.Labels['dev.msctl.config-hash']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('changes nothing on a second up', async () => {
    const before = await psRows(workspace);
    const up = await workspace.msctl(['up', '-d']);
    expect(up.exitCode).toBe(0);
    expect(up.stderr).not.toMatch(/create|recreate|build/);
    const after = await psRows(workspace);
    expect([...after].map(([service, row]) => [service, row.id])).toEqual(
      [...before].map(([service, row]) => [service, row.id]),
    );
  });

  it('prints one JSON event per line with --progress json or MSCTL_PROGRESS=json, the flag first', async () => {
    const json = await workspace.msctl(['up', '-d'], { MSCTL_PROGRESS: 'json' });
    expect(json.exitCode).toBe(0);
    const events = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; service: string; time: string });
    expect(events[0]).toMatchObject({
      type: 'plan',
      services: [
        { service: 'postgres', kind: 'infra' },
        { service: 'inventory', kind: 'service' },
        { service: 'orders', kind: 'service' },
      ],
    });
    expect(events.filter((event) => event.type === 'ready').map((event) => event.service)).toEqual([
      'postgres',
      'inventory',
      'orders',
    ]);
    expect(events.filter((event) => event.type === 'step')).toEqual(
      ['postgres', 'inventory', 'orders'].map((service) =>
        expect.objectContaining({ service, action: 'keep', cause: 'up to date' }),
      ),
    );
    expect(
      events.filter((event) => !['plan', 'step', 'waiting', 'started', 'ready'].includes(event.type)),
    ).toEqual([]);
    expect(events.every((event) => !Number.isNaN(Date.parse(event.time)))).toBe(true);
    const plain = await workspace.msctl(['up', '-d', '--progress', 'plain'], { MSCTL_PROGRESS: 'json' });
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toMatch(/^postgres {3}up to date$/m);
    const wrong = await workspace.msctl(['up', '-d'], { MSCTL_PROGRESS: 'fancy' });
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toContain('MSCTL_PROGRESS=fancy is not a progress mode.');
  });

  it('prints the plan with --dry-run and changes nothing', async () => {
    await appendFile(path.join(workspace.root, 'services/inventory/server.js'), '\n// a dry edit\n');
    const before = await psRows(workspace);
    const dry = await workspace.msctl(['up', '--dry-run']);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('  build    inventory (build context changed)\n');
    expect(dry.stdout).toContain(`             image  ${workspace.project}/inventory:local\n`);
    expect(dry.stdout).toContain('  recreate inventory (image will be rebuilt)\n');
    expect(dry.stdout).toMatch(/^ {2}keep {5}orders \(up to date\)$/m);
    expect((await psRows(workspace)).get('inventory')?.id).toBe(before.get('inventory')?.id);
  });

  it('recreates only the service that was edited', async () => {
    const before = await psRows(workspace);
    const up = await workspace.msctl(['up', '-d']);
    expect(up.exitCode).toBe(0);
    const after = await psRows(workspace);
    expect(after.get('inventory')?.id).not.toBe(before.get('inventory')?.id);
    expect(after.get('orders')?.id).toBe(before.get('orders')?.id);
    expect(after.get('postgres')?.id).toBe(before.get('postgres')?.id);

    await workspace.editYaml((source) =>
      source.replace('SERVICE_NAME: orders', 'SERVICE_NAME: orders, LOG_LEVEL: debug'),
    );
    const again = await workspace.msctl(['up', '-d']);
    expect(again.stderr).toMatch(/^orders +recreate \(config changed\)$/m);
    const last = await psRows(workspace);
    expect(last.get('orders')?.id).not.toBe(after.get('orders')?.id);
    expect(last.get('inventory')?.id).toBe(after.get('inventory')?.id);
  });

  it('names the service that never became ready, not its dependent, with its last check and log lines', async () => {
    await workspace.editYaml((source) =>
      source.replace('SERVICE_NAME: inventory', 'SERVICE_NAME: inventory, NEVER_READY: "yes"'),
    );
    const up = await workspace.msctl(['up', '-d', '--timeout', '4']);
    expect(up.exitCode).toBe(1);
    expect(up.stderr).toContain('inventory did not become ready within 4 s.');
    expect(up.stderr).toContain('It blocks: orders.');
    expect(up.stderr).toContain('Last check: GET /readyz: HTTP 503');
    expect(up.stderr).toContain('NEVER_READY is set');
    expect(up.stderr).toMatch(/Last \d+ log lines of inventory:\n {2}inventory listening on 3001/);
    expect(up.stderr).not.toContain('orders did not become ready');
    expect(up.stderr).toMatch(/^inventory {2}failed: did not become ready$/m);
    expect(up.stderr).toMatch(/^orders {5}not started: inventory failed$/m);
  });

  it('warns when git would commit the .env that holds the secrets', async () => {
    await execa('git', ['init', '-q'], { cwd: workspace.root });
    const exposed = await workspace.msctl(['up', '--dry-run']);
    expect(exposed.stderr).toContain('holds secrets but git does not ignore it');
    await writeFile(path.join(workspace.root, '.gitignore'), '.env\n');
    const ignored = await workspace.msctl(['up', '--dry-run']);
    expect(ignored.exitCode).toBe(0);
    expect(ignored.stderr).not.toContain('holds secrets');
  });

  it('runs only the named service and its dependencies', async () => {
    await workspace.editYaml((source) => source.replace(', NEVER_READY: "yes"', ''));
    await workspace.msctl(['down']);
    // Without --volumes, down keeps the database: only anonymous volumes go with their containers.
    expect(await leftovers(workspace.project)).toEqual({
      containers: [],
      networks: [],
      volumes: [`${workspace.project}_postgres-data`],
    });
    const up = await workspace.msctl(['up', '-d', 'inventory']);
    expect(up.exitCode).toBe(0);
    expect([...(await psRows(workspace)).keys()].sort()).toEqual(['inventory', 'postgres']);
  });

  it('logs and ps work from labels, with and without msctl.yaml', async () => {
    const logs = await workspace.msctl(['logs', 'inventory', '--tail', '5']);
    expect(logs.exitCode).toBe(0);
    expect(logs.stdout).toMatch(/^inventory \| inventory listening on 3001$/m);
    // Every prefix is padded to the longest name, infra and services alike, from the first line on.
    const both = await workspace.msctl(['logs', '--tail', '1']);
    expect(both.stdout).toMatch(/^postgres {2}\| /m);
    expect(both.stdout).toMatch(/^inventory \| /m);
    const json = await workspace.msctl(['logs', '--json', '--tail', '1']);
    const lines = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { service: string; time: string });
    expect(new Set(lines.map((line) => line.service))).toEqual(new Set(['inventory', 'postgres']));
    expect(lines.map((line) => line.time)).toEqual([...lines.map((line) => line.time)].sort());
    const unknown = await workspace.msctl(['logs', 'nope']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('No container of nope');
    const elsewhere = await msctl(['ps', '--json', '--project', workspace.project], { cwd: os.tmpdir() });
    expect(elsewhere.exitCode).toBe(0);
    expect((JSON.parse(elsewhere.stdout) as { service: string }[]).map((row) => row.service).sort()).toEqual([
      'inventory',
      'postgres',
    ]);
    const nameless = await msctl(['ps'], { cwd: os.tmpdir() });
    expect(nameless.exitCode).toBe(2);
    expect(nameless.stderr).toContain('--project');
  });
});

import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRuntimeWorkspace,
  leftovers,
  prepareImages,
  type RuntimeWorkspace,
} from './runtime-workspace.js';

/** Mistakes a user makes: each is an exit 2 that says what to do, and nothing is started. */
describe('msctl up refuses bad input before it changes anything', () => {
  let system: RuntimeWorkspace;

  beforeAll(async () => {
    await prepareImages();
    system = await createRuntimeWorkspace('errors');
  });
  afterAll(async () => system?.cleanUp());

  it('names a secret without a value and the .env it belongs in', async () => {
    await writeFile(path.join(system.root, '.env'), '# nothing here\n');
    const up = await system.msctl(['up', '-d']);
    expect(up.exitCode).toBe(2);
    expect(up.stderr).toContain('Secret without a value: ORDERS_TOKEN (orders).');
    expect(up.stderr).toContain(`Add ORDERS_TOKEN=... to ${path.join(system.root, '.env')}`);
    // Starting only what does not need the secret works.
    const partial = await system.msctl(['up', '-d', 'inventory']);
    expect(partial.exitCode).toBe(0);
    await system.msctl(['down']);
    await writeFile(path.join(system.root, '.env'), 'ORDERS_TOKEN=back\n');
  });

  it('names unknown services and lists the known ones', async () => {
    const up = await system.msctl(['up', 'ordres']);
    expect(up.exitCode).toBe(2);
    expect(up.stderr).toContain('Unknown service: ordres.');
    expect(up.stderr).toContain('Services and infra of');
  });

  it('says which service has no Dockerfile', async () => {
    await rm(path.join(system.root, 'services/orders/Dockerfile'));
    const up = await system.msctl(['up', '-d']);
    expect(up.exitCode).toBe(2);
    expect(up.stderr).toContain(`No Dockerfile in ${path.join(system.root, 'services/orders')}.`);
    expect((await leftovers(system.project)).containers).toEqual([]);
  });

  it('rejects a timeout that is not a number of seconds', async () => {
    const up = await system.msctl(['up', '--timeout', 'soon']);
    expect(up.exitCode).toBe(2);
    expect(up.stderr).toContain('--timeout soon is not a number of seconds.');
  });

  it('reports msctl.yaml problems at their line, before touching the engine', async () => {
    await system.editYaml((source) => source.replace('port: 3000', 'port: 70000'));
    const up = await system.msctl(['up', '-d']);
    expect(up.exitCode).toBe(2);
    expect(up.stderr).toMatch(/msctl\.yaml:\d+:\d+/);
  });
});

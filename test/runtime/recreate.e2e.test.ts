import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRuntimeWorkspace,
  prepareImages,
  psRows,
  publishedAddress,
  type RuntimeWorkspace,
} from './runtime-workspace.js';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Editing a running system: what `up` recreates keeps its address, and what follows it keeps following. */
describe('msctl up recreating services of a running system', () => {
  let workspace: RuntimeWorkspace;

  beforeAll(async () => {
    await prepareImages();
    workspace = await createRuntimeWorkspace('recreate');
  });
  afterAll(async () => workspace?.cleanUp());

  it('keeps the ephemeral port of a service it recreates', async () => {
    expect((await workspace.msctl(['up', '-d', '--timeout', '90'])).exitCode).toBe(0);
    const before = await psRows(workspace);
    await workspace.editYaml((source) =>
      source.replace('SERVICE_NAME: orders', 'SERVICE_NAME: orders, LOG_LEVEL: debug'),
    );
    const up = await workspace.msctl(['up', '-d']);
    expect(up.stderr).toMatch(/^orders +recreate \(config changed\)$/m);
    expect(up.exitCode).toBe(0);
    const after = await psRows(workspace);
    expect(after.get('orders')?.id).not.toBe(before.get('orders')?.id);
    expect(after.get('orders')?.ports).toEqual(before.get('orders')?.ports);
  });

  it('recreates a service with a published port, on that port', async () => {
    const port = await freePort();
    await workspace.editYaml((source) =>
      source.replace('    port: 3000\n', `    port: 3000\n    publish: ${port}\n`),
    );
    const first = await workspace.msctl(['up', '-d']);
    expect(first.exitCode).toBe(0);
    expect((await psRows(workspace)).get('orders')?.ports).toEqual([`127.0.0.1:${port}->3000`]);

    await workspace.editYaml((source) => source.replace('LOG_LEVEL: debug', 'LOG_LEVEL: info'));
    const again = await workspace.msctl(['up', '-d']);
    expect(again.stderr).not.toContain('held by');
    expect(again.exitCode).toBe(0);
    const rows = await psRows(workspace);
    expect(rows.get('orders')?.ports).toEqual([`127.0.0.1:${port}->3000`]);
    expect(await (await fetch(`http://${publishedAddress(rows.get('orders'))}/whoami`)).json()).toEqual({
      service: 'orders',
      tokenSet: true,
    });
  });
});

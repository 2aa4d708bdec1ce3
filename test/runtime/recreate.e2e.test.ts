import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msctlBin } from '../support/cli.js';
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

const children = new Set<ReturnType<typeof spawn>>();

/** A long-running msctl (foreground `up`, `logs -f`) whose output is collected as it comes. */
function background(workspace: RuntimeWorkspace, args: string[]) {
  const child = spawn(process.execPath, [msctlBin, ...args], {
    cwd: workspace.root,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let stdout = '';
  let stderr = '';
  let exited = false;
  void exit.then(() => {
    exited = true;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const waitFor = async (pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout', seconds = 60) => {
    const until = Date.now() + seconds * 1000;
    while (!pattern.test(stream === 'stdout' ? stdout : stderr)) {
      if (Date.now() > until || exited) {
        throw new Error(`no ${pattern} in ${args.join(' ')}:\n${stdout}\n${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return { child, exit, waitFor, output: () => ({ stdout, stderr }) };
}

/** Editing a running system: what `up` recreates keeps its address, and what follows it keeps following. */
describe('msctl up recreating services of a running system', () => {
  let workspace: RuntimeWorkspace;

  beforeAll(async () => {
    await prepareImages();
    workspace = await createRuntimeWorkspace('recreate');
  });
  afterAll(async () => {
    // A failed assertion must not leave a foreground `up` running to recreate what the clean-up removes.
    for (const child of children) child.kill('SIGKILL');
    await workspace?.cleanUp();
  });

  it('reports every service healthy in ps right after up -d says they are ready', async () => {
    const up = await workspace.msctl(['up', '-d', '--timeout', '90']);
    expect(up.exitCode).toBe(0);
    const rows = await psRows(workspace);
    expect([...rows].map(([service, row]) => [service, row.health])).toEqual([
      ['inventory', 'healthy'],
      ['orders', 'healthy'],
      ['postgres', 'healthy'],
    ]);
  });

  it('keeps the ephemeral port of a service it recreates', async () => {
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

  it('follows a recreated container in logs -f and in a foreground up, which Ctrl-C then stops', async () => {
    const foreground = background(workspace, ['up']);
    await foreground.waitFor(/Ctrl-C stops/, 'stderr');
    const follower = background(workspace, ['logs', '-f', 'orders', '--tail', '0']);
    // The follower attaches before the edit: give it a moment to open its streams.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    await workspace.editYaml((source) => source.replace('SERVICE_NAME: orders', 'SERVICE_NAME: orders-v2'));
    const up = await workspace.msctl(['up', '-d']);
    expect(up.exitCode).toBe(0);
    await follower.waitFor(/^orders \| orders-v2 listening on 3000$/m, 'stdout', 30);
    await foreground.waitFor(/^orders +\| orders-v2 listening on 3000$/m, 'stdout', 30);

    follower.child.kill('SIGINT');
    foreground.child.kill('SIGINT');
    expect(await follower.exit).toBe(0);
    expect(await foreground.exit).toBe(130);
    const { stderr } = foreground.output();
    expect(stderr).toContain(
      `Stopping and removing ${workspace.project}: postgres, inventory, orders (all running before this \`msctl up\`)…`,
    );
    expect(stderr).not.toMatch(/error/i);
    expect((await psRows(workspace)).size).toBe(0);

    // Nothing left: `logs` says so, on stderr, and it is not a failure.
    const logs = await workspace.msctl(['logs']);
    expect(logs.exitCode).toBe(0);
    expect(logs.stdout).toBe('');
    expect(logs.stderr).toContain(
      `Nothing of project ${workspace.project} exists. Start it with \`msctl up\`.`,
    );
  });
});

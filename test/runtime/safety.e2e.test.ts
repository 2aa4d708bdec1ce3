import net from 'node:net';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msctlBin } from '../support/cli.js';
import { NODE_BASE_IMAGE } from '../support/node-image.js';
import {
  createRuntimeWorkspace,
  DOCKER,
  leftovers,
  prepareImages,
  type RuntimeWorkspace,
} from './runtime-workspace.js';

const foreignContainers: string[] = [];

/** A container without our labels (or with another project's), which msctl must never touch. */
async function runForeignContainer(name: string, extra: string[] = []): Promise<void> {
  foreignContainers.push(name);
  await execa(DOCKER, [
    'run',
    '-d',
    '--name',
    name,
    ...extra,
    NODE_BASE_IMAGE,
    'node',
    '-e',
    'setInterval(() => {}, 1e9)',
  ]);
}

async function containerExists(name: string): Promise<boolean> {
  return (await execa(DOCKER, ['inspect', name], { reject: false })).exitCode === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `msctl up` as a user would and resolves once its stderr shows `text`. */
function startUp(workspace: RuntimeWorkspace, args: string[], text: string | RegExp) {
  const child = execa(process.execPath, [msctlBin, 'up', ...args], {
    cwd: workspace.root,
    env: { NO_COLOR: '1' },
    reject: false,
    stdin: 'ignore',
  });
  let stderr = '';
  const seen = new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (typeof text === 'string' ? stderr.includes(text) : text.test(stderr)) resolve();
    });
    void child.then(() => reject(new Error(`msctl up ended before "${text}":\n${stderr}`)));
  });
  return { child, seen, stderr: () => stderr };
}

describe('msctl up and down leave nothing behind and touch nothing that is not theirs', () => {
  const workspaces: RuntimeWorkspace[] = [];
  const workspace = async (label: string) => {
    const created = await createRuntimeWorkspace(label);
    workspaces.push(created);
    return created;
  };

  beforeAll(prepareImages);
  afterAll(async () => {
    await Promise.all(workspaces.map((created) => created.cleanUp()));
    if (foreignContainers.length > 0)
      await execa(DOCKER, ['rm', '-f', ...foreignContainers], { reject: false });
  });

  it('reports a host port held by a host process or another container, naming the holder', async () => {
    const system = await workspace('ports');
    const port = await freePort();
    await system.editYaml((source) =>
      source.replace('SERVICE_NAME: orders }', `SERVICE_NAME: orders }\n    publish: ${port}`),
    );
    const holder = net.createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => holder.once('listening', resolve));
    try {
      const up = await system.msctl(['up', '-d']);
      expect(up.exitCode).toBe(2);
      expect(up.stderr).toContain(`orders needs 127.0.0.1:${port}, held by host process`);
      expect(up.stderr).toContain(`(pid ${process.pid})`);
    } finally {
      holder.close();
    }
    const other = `${system.project}-port-holder`;
    await runForeignContainer(other, ['-p', `127.0.0.1:${port}:80`]);
    const up = await system.msctl(['up', '-d']);
    expect(up.exitCode).toBe(2);
    expect(up.stderr).toContain(`held by container ${other} (not managed by msctl)`);
    expect((await leftovers(system.project)).containers).toEqual([]);
  });

  it('never touches a container with one of its names that is not its own, nor one without its label on down', async () => {
    const system = await workspace('foreign');
    const clash = `${system.project}-postgres`;
    await runForeignContainer(clash);
    const up = await system.msctl(['up', '-d']);
    expect(up.exitCode).toBe(2);
    expect(up.stderr).toContain(
      `A container named ${clash} exists and is not part of project ${system.project}`,
    );
    expect(await containerExists(clash)).toBe(true);
    await execa(DOCKER, ['rm', '-f', clash]);

    const unlabelled = `${system.project}-bystander`;
    const otherProject = `${system.project}-neighbour`;
    await runForeignContainer(unlabelled);
    await runForeignContainer(otherProject, ['--label', 'dev.msctl.project=someone-else']);
    expect((await system.msctl(['up', '-d'])).exitCode).toBe(0);
    const down = await system.msctl(['down', '--volumes']);
    expect(down.exitCode).toBe(0);
    expect(await containerExists(unlabelled)).toBe(true);
    expect(await containerExists(otherProject)).toBe(true);
    expect(await leftovers(system.project)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('stops and removes everything on Ctrl-C of a foreground up, exiting 130', async () => {
    const system = await workspace('sigint');
    const run = startUp(system, [], 'ready in');
    await run.seen;
    run.child.kill('SIGINT');
    const result = await run.child;
    expect(result.exitCode).toBe(130);
    expect(run.stderr()).toContain('Stopped and removed the containers');
    const left = await leftovers(system.project);
    expect(left.containers).toEqual([]);
    expect(left.networks).toEqual([]);
  });

  it('kills at once on a second Ctrl-C, still exiting 130 with nothing left', async () => {
    const system = await workspace('sigint-twice');
    const run = startUp(system, [], 'ready in');
    await run.seen;
    run.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 50));
    run.child.kill('SIGINT');
    const result = await run.child;
    expect(result.exitCode).toBe(130);
    expect((await leftovers(system.project)).containers).toEqual([]);
  });

  it('leaves nothing after down when up was killed with SIGKILL halfway', async () => {
    const system = await workspace('kill');
    const run = startUp(system, ['-d'], /^postgres +healthy/m);
    await run.seen;
    run.child.kill('SIGKILL');
    await run.child;
    expect((await leftovers(system.project)).containers.length).toBeGreaterThan(0);
    const down = await system.msctl(['down', '--volumes']);
    expect(down.exitCode).toBe(0);
    expect(await leftovers(system.project)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it("reports the engine's refusal in its own words, not as a bug", async () => {
    const system = await workspace('refused');
    await system.editYaml((source) =>
      source.replace(
        'SERVICE_NAME: orders }',
        'SERVICE_NAME: orders }\n    publish: { port: 18080, host: 192.0.2.1 }',
      ),
    );
    const up = await system.msctl(['up', '-d']);
    expect(up.exitCode).toBe(2);
    expect(up.stderr).toContain('The Docker engine refused a request (HTTP 500)');
    expect(up.stderr).toContain('192.0.2.1');
    expect(up.stderr).not.toContain('This is a bug');
  });

  it('says how to start an engine when none answers (exit 2)', async () => {
    const system = await workspace('no-engine');
    const up = await system.msctl(['up', '-d'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(up.exitCode).toBe(2);
    expect(up.stderr).toContain(
      'No Docker engine answered at unix:///nonexistent/docker.sock (from DOCKER_HOST)',
    );
    expect(up.stderr).toContain('systemctl start docker');
  });
});

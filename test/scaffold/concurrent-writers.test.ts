import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadWorkspace } from '../../src/core/config/load.js';
import { CancelledError, UserError } from '../../src/core/errors.js';
import { regenerateWorkspace } from '../../src/core/generate/regenerate.js';
import {
  type CreateServiceInWorkspaceRequest,
  createServiceInWorkspace,
} from '../../src/core/scaffold/create.js';
import { initWorkspace } from '../../src/core/workspace/init.js';
import { withWorkspaceLock } from '../../src/core/workspace/lock.js';
import { useTempDirectories } from '../support/temp.js';

const temporary = useTempDirectories();
const templatesDirectory = path.join(import.meta.dirname, 'fixtures', 'templates');

async function emptyFolder(): Promise<string> {
  const folder = path.join(await temporary(), 'shop');
  await mkdir(folder);
  return folder;
}

const request = (
  cwd: string,
  name: string,
  extra: Partial<CreateServiceInWorkspaceRequest> = {},
): CreateServiceInWorkspaceRequest => ({
  cwd,
  name,
  templateId: 'probe',
  templatesDirectory,
  ci: 'github',
  ...extra,
});

describe('createServiceInWorkspace: concurrent calls in one process', () => {
  it('two calls at once both land, with distinct ports, even in a folder with no workspace yet', async () => {
    for (let round = 0; round < 4; round += 1) {
      const cwd = await emptyFolder();
      const outcomes = await Promise.all([
        createServiceInWorkspace(request(cwd, 'orders')),
        createServiceInWorkspace(request(cwd, 'billing')),
      ]);
      const { config } = await loadWorkspace({ cwd });
      expect(Object.keys(config.services).sort()).toEqual(['billing', 'orders']);
      expect(new Set(Object.values(config.services).map((service) => service.port)).size).toBe(2);
      expect(outcomes.map((outcome) => outcome.plan.service.port).sort()).toEqual(
        [config.services.billing?.port, config.services.orders?.port].sort(),
      );
      // One of them created the workspace; the other found it under the lock and added to it.
      expect(outcomes.filter((outcome) => outcome.result?.createdWorkspace)).toHaveLength(1);
    }
  });

  it('two calls asking for one port: one lands, the other is refused and leaves nothing', async () => {
    const cwd = await emptyFolder();
    const settled = await Promise.allSettled([
      createServiceInWorkspace(request(cwd, 'orders', { port: 3100 })),
      createServiceInWorkspace(request(cwd, 'billing', { port: 3100 })),
    ]);
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    const refusal = (settled[1] as PromiseRejectedResult).reason;
    expect(refusal).toBeInstanceOf(UserError);
    expect((refusal as UserError).message).toBe(
      'Port 3100 is already used by the service "orders" in msctl.yaml.',
    );
    expect(existsSync(path.join(cwd, 'services/billing'))).toBe(false);
    const { config } = await loadWorkspace({ cwd });
    expect(Object.keys(config.services)).toEqual(['orders']);
  });

  it('a dry run takes no lock and writes nothing', async () => {
    const cwd = await emptyFolder();
    const outcome = await createServiceInWorkspace(request(cwd, 'orders', { dryRun: true }));
    expect(outcome.result).toBeUndefined();
    expect(outcome.plan.service.port).toBe(3000);
    expect(existsSync(path.join(cwd, '.msctl'))).toBe(false);
    expect(existsSync(path.join(cwd, 'msctl.yaml'))).toBe(false);
  });
});

describe('createServiceInWorkspace: what msctl.yaml could not hold is refused before anything is written', () => {
  it.each([
    [
      'a 2 MB description',
      { description: 'x'.repeat(2 * 1024 * 1024) },
      /description is 2097152 characters long; at most 1000/,
    ],
    ['a dependency named against the rule', { dependsOn: ['1orders'] }, /"1orders" starts with a digit/],
    ['a name against the rule', { name: '1orders' }, /"1orders" starts with a digit/],
  ])('%s', async (_title, extra, message) => {
    const cwd = await emptyFolder();
    await initWorkspace({ directory: cwd, name: 'shop' });
    const before = await readFile(path.join(cwd, 'msctl.yaml'), 'utf8');
    await expect(createServiceInWorkspace(request(cwd, 'orders', extra))).rejects.toThrow(message);
    expect(await readFile(path.join(cwd, 'msctl.yaml'), 'utf8')).toBe(before);
    expect(existsSync(path.join(cwd, 'services'))).toBe(false);
  });
});

describe('other writers take the lock too', () => {
  it('msctl generate waits for the holder, then plans from the msctl.yaml it left', async () => {
    const cwd = await emptyFolder();
    await createServiceInWorkspace(request(cwd, 'orders', { ci: 'none' }));
    let release!: () => void;
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    // The holder adds a service while generate waits: generate must see it.
    const holder = withWorkspaceLock(cwd, async () => {
      entered();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      const file = path.join(cwd, 'msctl.yaml');
      const workspace = parse(await readFile(file, 'utf8'));
      workspace.services.billing = { path: 'services/billing', port: 3005 };
      // The Kubernetes overlays need a registry.
      workspace.images = { ...workspace.images, registry: 'ghcr.io/acme/shop' };
      await writeFile(file, stringify(workspace));
    });
    await inside;
    let finished = false;
    const generate = regenerateWorkspace({ cwd, kinds: ['k8s'], write: true }).then((outcome) => {
      finished = true;
      return outcome;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(finished).toBe(false);
    release();
    await holder;
    const { written } = await generate;
    expect(written).toContain('services/billing/k8s/deployment.yaml');
  });

  it('msctl init takes it: of two at once, one creates the workspace and the other is refused', async () => {
    const directory = await emptyFolder();
    const settled = await Promise.allSettled([
      initWorkspace({ directory, name: 'shop' }),
      initWorkspace({ directory, name: 'shop' }),
    ]);
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(UserError);
    expect(await readFile(path.join(directory, '.gitignore'), 'utf8')).toBe(
      '.env\nnode_modules/\ndist/\n.msctl/lock/\n',
    );
  });
});

describe('withWorkspaceLock', () => {
  it('runs the writers of one folder one at a time, in the order they came', async () => {
    const root = await emptyFolder();
    const events: string[] = [];
    const writer = (name: string) =>
      withWorkspaceLock(root, async () => {
        events.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push(`${name} out`);
        return name;
      });
    expect(await Promise.all([writer('a'), writer('b'), writer('c')])).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
    // Released, nothing is left of it.
    expect(existsSync(path.join(root, '.msctl'))).toBe(false);
  });

  it('a holder that takes too long: the waiter gets an error naming the process and what it does', async () => {
    const root = await emptyFolder();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const holder = withWorkspaceLock(
      root,
      async () => {
        entered();
        await held;
      },
      { purpose: 'create service orders' },
    );
    await inside;
    // Held, the lock's folder keeps itself out of git.
    expect(await readFile(path.join(root, '.msctl/lock/.gitignore'), 'utf8')).toMatch(/^\*$/m);
    const waiter = withWorkspaceLock(root, async () => 'ran', { timeoutMs: 200 });
    await expect(waiter).rejects.toThrow(
      new RegExp(`process ${process.pid} \\(.*create service orders\\) has held it for`),
    );
    // A writer that gave up does not block the ones after it.
    const next = withWorkspaceLock(root, async () => 'next ran');
    release();
    await holder;
    expect(await next).toBe('next ran');
  });

  it('leaves what else is in .msctl alone', async () => {
    const root = await emptyFolder();
    await mkdir(path.join(root, '.msctl'));
    await writeFile(path.join(root, '.msctl/lint-baseline.json'), '{}');
    await withWorkspaceLock(root, async () => undefined);
    expect(await readFile(path.join(root, '.msctl/lint-baseline.json'), 'utf8')).toBe('{}');
    expect(existsSync(path.join(root, '.msctl/lock'))).toBe(false);
  });

  it('an aborted wait is a cancel, and the holder is not disturbed', async () => {
    const root = await emptyFolder();
    let release!: () => void;
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const holder = withWorkspaceLock(root, () => {
      entered();
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await inside;
    const controller = new AbortController();
    const waiter = withWorkspaceLock(root, async () => 'ran', { signal: controller.signal });
    controller.abort();
    await expect(waiter).rejects.toBeInstanceOf(CancelledError);
    release();
    await holder;
  });
});

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError, UserError } from '../../src/core/errors.js';
import { type CreateServiceRequest, planCreateService } from '../../src/core/scaffold/plan.js';
import { findWorkspaceTarget } from '../../src/core/scaffold/workspace-target.js';
import { writeCreateServicePlan } from '../../src/core/scaffold/write.js';

const templatesDirectory = path.join(import.meta.dirname, 'fixtures', 'templates');
const folders: string[] = [];
const temporaryFolder = (name = 'shop'): string => {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'msctl-create-'));
  folders.push(parent);
  const folder = path.join(parent, name);
  mkdirSync(folder);
  return folder;
};
afterEach(() => {
  folders.length = 0;
});

const request = (
  overrides: Partial<CreateServiceRequest['answers']> = {},
  ci: CreateServiceRequest['ci'] = 'github',
) => ({
  templateId: 'probe',
  templatesDirectory,
  ci,
  answers: {
    name: 'orders',
    port: 3000,
    description: 'Orders: "all" # of them',
    dependsOn: ['postgres'],
    ...overrides,
  },
});

/** Every file under `root`, with its bytes, for whole-tree comparisons. */
function tree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else files[child] = readFileSync(path.join(root, child)).toString('base64');
    }
  };
  walk('');
  return files;
}

async function plan(
  cwd: string,
  overrides: Partial<CreateServiceRequest['answers']> = {},
  extra: Partial<CreateServiceRequest> = {},
) {
  const workspace = await findWorkspaceTarget({ cwd });
  return planCreateService(workspace, { ...request(overrides), ...extra });
}

describe('create-service core: plan, then write', () => {
  it('plans a new workspace and writes nothing while planning', async () => {
    const cwd = temporaryFolder();
    const planned = await plan(cwd);
    expect(planned.workspace.newWorkspace).toEqual({ name: 'shop' });
    expect(planned.files.map((file) => file.path)).toEqual(
      expect.arrayContaining([
        'msctl.yaml',
        '.github/workflows/orders.yml',
        'services/orders/package.json',
        'services/orders/k8s/deployment.yaml',
      ]),
    );
    expect(planned.files.every((file) => file.action === 'create' && file.size > 0)).toBe(true);
    expect(planned.addedInfra).toEqual(['postgres']);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('writes exactly the planned files and registers the service', async () => {
    const cwd = temporaryFolder();
    const planned = await plan(cwd);
    const result = await writeCreateServicePlan(planned);
    expect(result.createdWorkspace).toBe(true);
    const files = tree(cwd);
    for (const file of planned.files) expect(Object.keys(files)).toContain(file.path);
    expect(Object.keys(files).sort()).toEqual(
      [...planned.files.map((file) => file.path), '.gitignore', 'README.md'].sort(),
    );
    for (const [file, content] of planned.serviceFiles) {
      expect(readFileSync(path.join(cwd, 'services/orders', file))).toEqual(Buffer.from(content));
    }
    const workspace = await findWorkspaceTarget({ cwd });
    expect(workspace.config.services.orders).toMatchObject({
      port: 3000,
      template: 'probe',
      templateVersion: '1.2.3',
      dependsOn: ['postgres'],
    });
    expect(workspace.config.infra.postgres).toEqual({ kind: 'postgres', version: '17' });
  });

  it('is deterministic: the same answers give byte-identical trees', async () => {
    const first = temporaryFolder();
    const second = temporaryFolder();
    await writeCreateServicePlan(await plan(first, { dependsOn: ['postgres', 'redis'] }));
    await writeCreateServicePlan(await plan(second, { dependsOn: ['postgres', 'redis'] }));
    expect(tree(second)).toEqual(tree(first));
  });

  it.each([1, 5, 12])('leaves nothing behind when writing fails at file %i', async (failAt) => {
    const cwd = temporaryFolder();
    writeFileSync(path.join(cwd, 'msctl.yaml'), 'version: 1\nname: shop # mine\n');
    const before = tree(cwd);
    const planned = await plan(cwd);
    let count = 0;
    const failing = async (file: string, content: Buffer | string) => {
      count += 1;
      if (count === failAt)
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      await writeFile(file, content);
    };
    await expect(writeCreateServicePlan(planned, { writeFile: failing })).rejects.toMatchObject({
      message: expect.stringMatching(/^Could not write .* \(ENOSPC\); nothing was written\.$/),
      exitCode: 2,
    });
    expect(tree(cwd)).toEqual(before);
    expect(readdirSync(cwd)).toEqual(['msctl.yaml']);
  });

  it('stops on Ctrl-C between files, as a cancel, and removes what was staged', async () => {
    const cwd = temporaryFolder();
    const planned = await plan(cwd, {}, { ci: 'gitlab' });
    const controller = new AbortController();
    let count = 0;
    const write = async (file: string, content: Buffer | string) => {
      count += 1;
      if (count === 3) controller.abort();
      await writeFile(file, content);
    };
    const outcome = writeCreateServicePlan(planned, { signal: controller.signal, writeFile: write });
    await expect(outcome).rejects.toBeInstanceOf(CancelledError);
    await expect(outcome).rejects.toMatchObject({ exitCode: 130 });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses a non-empty service folder (exit 2, says what to do); --force overwrites template files and keeps the others', async () => {
    const cwd = temporaryFolder();
    await writeCreateServicePlan(await plan(cwd));
    writeFileSync(path.join(cwd, 'services/orders/package.json'), '{"edited": true}\n');
    writeFileSync(path.join(cwd, 'services/orders/NOTES.md'), 'my notes\n');
    rmWorkspaceEntry(cwd);

    const refusal = plan(cwd);
    await expect(refusal).rejects.toBeInstanceOf(UserError);
    await expect(refusal).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('services/orders is not empty'),
      hint: expect.stringContaining('--force'),
    });

    await writeCreateServicePlan(await plan(cwd, {}, { force: true }));
    expect(JSON.parse(readFileSync(path.join(cwd, 'services/orders/package.json'), 'utf8')).name).toBe(
      'orders',
    );
    expect(readFileSync(path.join(cwd, 'services/orders/NOTES.md'), 'utf8')).toBe('my notes\n');
    expect(readdirSync(path.join(cwd, 'services')).filter((entry) => entry.startsWith('.'))).toEqual([]);
  });

  it('--force into an existing folder: a failure part-way leaves every existing file as it was', async () => {
    const cwd = temporaryFolder();
    await writeCreateServicePlan(await plan(cwd));
    writeFileSync(path.join(cwd, 'services/orders/package.json'), '{"edited": true}\n');
    rmWorkspaceEntry(cwd);
    const before = tree(cwd);
    let count = 0;
    const failing = async (file: string, content: Buffer | string) => {
      count += 1;
      if (count === 7)
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: file });
      await writeFile(file, content);
    };
    await expect(
      writeCreateServicePlan(await plan(cwd, {}, { force: true }), { writeFile: failing }),
    ).rejects.toThrow(/nothing was written/);
    expect(tree(cwd)).toEqual(before);
  });

  it('refuses a service that is already registered, a clashing port and an existing workflow', async () => {
    const cwd = temporaryFolder();
    await writeCreateServicePlan(await plan(cwd));
    await expect(plan(cwd)).rejects.toThrow(/already has a service "orders"/);
    await expect(plan(cwd, { name: 'billing', port: 3000 })).rejects.toMatchObject({
      exitCode: 2,
      message: 'Port 3000 is already used by the service "orders" in msctl.yaml.',
      hint: expect.stringContaining('3001 is free'),
    });
    mkdirSync(path.join(cwd, '.github/workflows'), { recursive: true });
    writeFileSync(path.join(cwd, '.github/workflows/billing.yml'), 'name: mine\n');
    await expect(plan(cwd, { name: 'billing', port: 3001 })).rejects.toThrow(
      /\.github\/workflows\/billing\.yml exists/,
    );
  });

  it("puts the service beside the workspace's other services when they share a folder", async () => {
    const cwd = temporaryFolder();
    writeFileSync(
      path.join(cwd, 'msctl.yaml'),
      'version: 1\nname: shop\nservices:\n  web:\n    path: apps/web\n    port: 8080\n',
    );
    const planned = await plan(cwd, { dependsOn: [] });
    expect(planned.service.path).toBe('apps/orders');
    await writeCreateServicePlan(planned);
    expect(existsSync(path.join(cwd, 'apps/orders/package.json'))).toBe(true);
    expect(readFileSync(path.join(cwd, '.github/workflows/orders.yml'), 'utf8')).toContain('apps/orders/**');
  });

  it('says which manifests of other services the new one makes out of date', async () => {
    const cwd = temporaryFolder();
    await writeCreateServicePlan(await plan(cwd));
    const planned = await plan(cwd, { name: 'billing', port: 3001, dependsOn: ['orders', 'postgres'] });
    expect(planned.notes).toEqual([
      expect.stringMatching(/NetworkPolicy of "orders" is regenerated to let "billing" in/),
    ]);
    expect(planned.addedInfra).toEqual([]);
  });

  it('keeps the workspace kustomization listing every service, unless the user edited it', async () => {
    const cwd = temporaryFolder();
    await writeCreateServicePlan(await plan(cwd));
    await writeCreateServicePlan(await plan(cwd, { name: 'billing', port: 3001, dependsOn: [] }));
    const kustomization = () => readFileSync(path.join(cwd, 'k8s/base/kustomization.yaml'), 'utf8');
    expect(kustomization()).toContain('  - ../../services/billing/k8s\n  - ../../services/orders/k8s\n');
    expect(readFileSync(path.join(cwd, 'k8s/base/namespace.yaml'), 'utf8')).toContain(
      'pod-security.kubernetes.io/enforce: restricted',
    );

    writeFileSync(path.join(cwd, 'k8s/base/kustomization.yaml'), `${kustomization()}# mine\n`);
    const planned = await plan(cwd, { name: 'shipping', port: 3002, dependsOn: [] });
    expect(planned.workspaceFiles.has('k8s/base/kustomization.yaml')).toBe(false);
    expect(planned.notes).toEqual([
      expect.stringContaining(
        'k8s/base/kustomization.yaml was edited by hand: the new service is merged into it',
      ),
    ]);
    await writeCreateServicePlan(planned);
    expect(kustomization()).toMatch(/# mine\n$/);
    expect(kustomization()).not.toContain('shipping');
  });

  it('adds to an existing GitLab root pipeline instead of replacing it', async () => {
    const cwd = temporaryFolder();
    writeFileSync(
      path.join(cwd, '.gitlab-ci.yml'),
      '# mine\nstages: [lint, test]\ninclude: templates/base.yml\nlint:\n  stage: lint\n  script: [make lint]\n',
    );
    await writeCreateServicePlan(await plan(cwd, {}, { ci: 'gitlab' }));
    const root = readFileSync(path.join(cwd, '.gitlab-ci.yml'), 'utf8');
    expect(root).toContain('# mine');
    expect(root).toContain('make lint');
    expect(root).toMatch(/include:\n\s+- templates\/base.yml\n\s+- local: .gitlab\/ci\/orders.yml/);
    expect(existsSync(path.join(cwd, '.gitlab/ci/orders.yml'))).toBe(true);
  });
});

/** Forget the service in msctl.yaml but keep its folder: the "folder exists" refusal on its own. */
function rmWorkspaceEntry(cwd: string): void {
  writeFileSync(
    path.join(cwd, 'msctl.yaml'),
    'version: 1\nname: shop\ninfra:\n  postgres: { kind: postgres }\n',
  );
}

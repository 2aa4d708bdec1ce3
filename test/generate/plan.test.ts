import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadWorkspace } from '../../src/core/config/load.js';
import { type GenerateRequest, planGenerate, writeGeneratePlan } from '../../src/core/generate/plan.js';
import { planCreateService } from '../../src/core/scaffold/plan.js';
import { findWorkspaceTarget } from '../../src/core/scaffold/workspace-target.js';
import { writeCreateServicePlan } from '../../src/core/scaffold/write.js';

const templatesDirectory = path.join(import.meta.dirname, '../scaffold/fixtures/templates');

/** A workspace made by create-service itself: orders (GitHub) and inventory (no CI). */
async function scaffoldedWorkspace(): Promise<string> {
  const cwd = path.join(mkdtempSync(path.join(os.tmpdir(), 'msctl-generate-')), 'shop');
  mkdirSync(cwd);
  // The Kubernetes overlays need a registry (msctl init --registry writes it).
  writeFileSync(
    path.join(cwd, 'msctl.yaml'),
    'version: 1\nname: shop\nimages:\n  registry: ghcr.io/acme/shop\n',
  );
  for (const [name, port, ci] of [
    ['inventory', 3001, 'none'],
    ['orders', 3000, 'github'],
  ] as const) {
    const target = await findWorkspaceTarget({ cwd });
    const plan = await planCreateService(target, {
      templateId: 'probe',
      templatesDirectory,
      ci,
      answers: {
        name,
        port,
        description: name,
        dependsOn: name === 'orders' ? ['inventory', 'postgres'] : [],
      },
    });
    await writeCreateServicePlan(plan);
  }
  return cwd;
}

const plan = async (cwd: string, request: GenerateRequest) =>
  planGenerate(await loadWorkspace({ cwd }), request);
const actions = (files: { path: string; action: string }[]) =>
  Object.fromEntries(
    files.filter((file) => file.action !== 'unchanged').map((file) => [file.path, file.action]),
  );
const edit = (cwd: string, file: string, change: (text: string) => string) =>
  writeFileSync(path.join(cwd, file), change(readFileSync(path.join(cwd, file), 'utf8')));

describe('msctl generate, planned against what create-service wrote', () => {
  it("right after create-service, only updates the NetworkPolicy of the new service's dependency", async () => {
    const cwd = await scaffoldedWorkspace();
    const result = await plan(cwd, { kinds: ['k8s', 'ci'] });
    // inventory was created before orders: its policy did not admit orders, and create-service said so. The
    // workspace gates come from regeneration (create-service's last step, not run by this lower-level write).
    expect(actions(result.files)).toEqual({
      '.github/renovate.json': 'create',
      '.github/workflows/_msctl.yml': 'create',
      'services/inventory/k8s/network-policy.yaml': 'update',
    });
    expect(result.files.map((file) => file.path)).toContain('.github/workflows/orders.yml');
    expect(result.files.map((file) => file.path)).not.toContain('.github/workflows/inventory.yml');
    await writeGeneratePlan(result);
    const policy = parse(readFileSync(path.join(cwd, 'services/inventory/k8s/network-policy.yaml'), 'utf8'));
    expect(policy.spec.ingress[0].from[0].podSelector.matchLabels['app.kubernetes.io/name']).toBe('orders');
    expect((await plan(cwd, { kinds: ['k8s', 'ci'] })).drift).toBe(false);
  });

  it('updates what msctl.yaml changed, and then is clean again', async () => {
    const cwd = await scaffoldedWorkspace();
    await writeGeneratePlan(await plan(cwd, { kinds: ['k8s'] }));
    edit(cwd, 'msctl.yaml', (text) =>
      text.replace('  orders:\n', '  orders:\n    resources: { memory: 256Mi }\n'),
    );
    const result = await plan(cwd, { kinds: ['k8s'] });
    expect(actions(result.files)).toEqual({ 'services/orders/k8s/deployment.yaml': 'update' });
    expect(result.files.find((file) => file.action === 'update')?.reason).toBe('msctl.yaml changed');
    expect(await writeGeneratePlan(result)).toEqual(['services/orders/k8s/deployment.yaml']);
    expect(readFileSync(path.join(cwd, 'services/orders/k8s/deployment.yaml'), 'utf8')).toContain(
      'memory: 256Mi',
    );
    expect((await plan(cwd, { kinds: ['k8s'] })).drift).toBe(false);
  });

  it('merges msctl.yaml changes into a file edited by hand, keeping the edit; force overwrites it', async () => {
    const cwd = await scaffoldedWorkspace();
    await writeGeneratePlan(await plan(cwd, { kinds: ['k8s'] }));
    edit(cwd, 'services/orders/k8s/deployment.yaml', (text) => text.replace('maxSurge: 1', 'maxSurge: 2'));
    edit(cwd, 'msctl.yaml', (text) =>
      text.replace('  orders:\n', '  orders:\n    resources: { memory: 256Mi }\n'),
    );
    const merged = await plan(cwd, { kinds: ['k8s'] });
    expect(merged.drift).toBe(true);
    expect(merged.files.find((file) => file.path.endsWith('orders/k8s/deployment.yaml'))).toMatchObject({
      action: 'merge',
      reason: "edited by hand: your edits kept, msctl.yaml's changes applied",
    });
    expect(await writeGeneratePlan(merged)).toEqual(['services/orders/k8s/deployment.yaml']);
    const text = readFileSync(path.join(cwd, 'services/orders/k8s/deployment.yaml'), 'utf8');
    expect(text).toContain('maxSurge: 2');
    expect(text).toContain('memory: 256Mi');
    // Nothing new to merge: the edit stays, reported as an edit (drift for --check).
    expect(actions((await plan(cwd, { kinds: ['k8s'] })).files)).toEqual({
      'services/orders/k8s/deployment.yaml': 'edited',
    });

    const forced = await plan(cwd, { kinds: ['k8s'], force: true });
    expect(actions(forced.files)).toEqual({ 'services/orders/k8s/deployment.yaml': 'update' });
    await writeGeneratePlan(forced);
    expect(readFileSync(path.join(cwd, 'services/orders/k8s/deployment.yaml'), 'utf8')).toContain(
      'maxSurge: 1',
    );
  });

  it('recreates a deleted file, and switches a workspace to GitLab when asked, editing the root pipeline and deleting the GitHub workflow', async () => {
    const cwd = await scaffoldedWorkspace();
    await writeGeneratePlan(await plan(cwd, { kinds: ['k8s'] }));
    rmSync(path.join(cwd, 'services/inventory/k8s/service.yaml'));
    writeFileSync(path.join(cwd, '.gitlab-ci.yml'), '# ours\nlint:\n  script: [make lint]\n');
    const result = await plan(cwd, { kinds: ['k8s', 'ci'], ci: 'gitlab' });
    expect(actions(result.files)).toEqual({
      '.github/workflows/orders.yml': 'delete',
      '.gitlab-ci.yml': 'update',
      '.gitlab/ci/_msctl.yml': 'create',
      '.gitlab/ci/inventory.yml': 'create',
      '.gitlab/ci/orders.yml': 'create',
      '.gitlab/renovate.json': 'create',
      'services/inventory/k8s/service.yaml': 'create',
    });
    await writeGeneratePlan(result);
    const root = readFileSync(path.join(cwd, '.gitlab-ci.yml'), 'utf8');
    expect(root).toContain('# ours');
    expect(parse(root).include).toEqual([
      { local: '.gitlab/ci/inventory.yml' },
      { local: '.gitlab/ci/orders.yml' },
      { local: '.gitlab/ci/_msctl.yml' },
    ]);
    expect(existsSync(path.join(cwd, '.github/workflows/orders.yml'))).toBe(false);
    // The switch is recorded in msctl.yaml: without --ci, GitLab stays.
    expect(readFileSync(path.join(cwd, 'msctl.yaml'), 'utf8')).toMatch(/orders:[\s\S]*ci: gitlab/);
    expect((await plan(cwd, { kinds: ['k8s', 'ci'] })).drift).toBe(false);
  });
});

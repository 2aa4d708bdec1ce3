import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServiceBin, msctl, runBin } from '../support/cli.js';
import { useTempDirectories } from '../support/temp.js';

const temporary = useTempDirectories();

/** A workspace as `msctl init --registry` makes it: the Kubernetes overlays need the registry. */
async function registeredWorkspace(): Promise<string> {
  const cwd = await temporary();
  const init = await msctl(['init', '--yes', '--name', 'shop', '--registry', 'ghcr.io/acme/shop'], { cwd });
  expect(init.exitCode, init.stderr).toBe(0);
  return cwd;
}

async function scaffoldSystem(): Promise<string> {
  const cwd = await registeredWorkspace();
  for (const args of [
    ['inventory', '--yes', '--depends-on', 'postgres'],
    ['orders', '--yes', '--depends-on', 'inventory'],
  ]) {
    const result = await runBin(createServiceBin, args, { cwd });
    expect(result.exitCode, result.stderr).toBe(0);
  }
  return cwd;
}

describe('msctl generate', () => {
  it('create-service regenerates what it makes stale: --check exits 0 on the fresh workspace', async () => {
    const cwd = await registeredWorkspace();
    const inventory = await runBin(createServiceBin, ['inventory', '--yes', '--depends-on', 'postgres'], {
      cwd,
    });
    expect(inventory.exitCode, inventory.stderr).toBe(0);
    const orders = await runBin(createServiceBin, ['orders', '--yes', '--depends-on', 'inventory,postgres'], {
      cwd,
    });
    expect(orders.exitCode, orders.stderr).toBe(0);
    expect(orders.stdout).toContain('Regenerated services/inventory/k8s/network-policy.yaml: update');
    const policy = await readFile(path.join(cwd, 'services/inventory/k8s/network-policy.yaml'), 'utf8');
    expect(policy).not.toContain('ingress: []');
    expect(policy).toContain('app.kubernetes.io/name: orders');

    const check = await msctl(['generate', 'all', '--check'], { cwd });
    expect(check.exitCode, check.stdout).toBe(0);
    expect(check.stdout).toContain('Everything is up to date.');
  });

  it('merges msctl.yaml into an edited file (exit 0); a conflict is written with markers and exits 1', async () => {
    const cwd = await scaffoldSystem();
    const deployment = path.join(cwd, 'services/orders/k8s/deployment.yaml');
    const config = path.join(cwd, 'msctl.yaml');
    await writeFile(deployment, (await readFile(deployment, 'utf8')).replace('maxSurge: 1', 'maxSurge: 2'));
    await writeFile(config, (await readFile(config, 'utf8')).replace('port: 3001', 'port: 3011'));
    const merged = await msctl(['generate', 'k8s'], { cwd });
    expect(merged.exitCode, merged.stdout).toBe(0);
    expect(merged.stdout).toContain(
      "merge    services/orders/k8s/deployment.yaml (edited by hand: your edits kept, msctl.yaml's changes applied)",
    );
    expect(await readFile(deployment, 'utf8')).toMatch(/maxSurge: 2[\s\S]*containerPort: 3011/);
    const check = await msctl(['generate', 'k8s', '--check'], { cwd });
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toContain('edited   services/orders/k8s/deployment.yaml');

    await writeFile(
      deployment,
      (await readFile(deployment, 'utf8')).replace('containerPort: 3011', 'containerPort: 4000'),
    );
    await writeFile(config, (await readFile(config, 'utf8')).replace('port: 3011', 'port: 3012'));
    const conflict = await msctl(['generate', 'k8s'], { cwd });
    expect(conflict.exitCode).toBe(1);
    expect(conflict.stdout).toContain('conflict services/orders/k8s/deployment.yaml');
    expect(conflict.stdout).toContain('spec.template.spec.containers[orders].ports[http].containerPort');
    expect(conflict.stdout).toContain('Needs you: services/orders/k8s/deployment.yaml.');
    expect(await readFile(deployment, 'utf8')).toMatch(/^<<<<<<< yours$/m);

    const forced = await msctl(['generate', 'k8s', '--force'], { cwd });
    expect(forced.exitCode).toBe(0);
    expect(await readFile(deployment, 'utf8')).not.toMatch(/maxSurge: 2|<<<<<<</);
  });

  it('--out writes CI too, --check there finds a deleted workflow, and a switched provider leaves one pipeline', async () => {
    const cwd = await scaffoldSystem();
    const out = await temporary();
    const written = await msctl(['generate', 'ci', '--out', out], { cwd });
    expect(written.exitCode, written.stdout).toBe(0);
    expect(written.stdout).toContain('create   .github/workflows/orders.yml (not found)');
    expect((await msctl(['generate', 'ci', '--out', out, '--check'], { cwd })).exitCode).toBe(0);
    await rm(path.join(out, '.github/workflows/orders.yml'));
    const missing = await msctl(['generate', 'ci', '--out', out, '--check'], { cwd });
    expect(missing.exitCode).toBe(1);
    expect(missing.stdout).toContain('create   .github/workflows/orders.yml (not found)');

    const switched = await msctl(['generate', 'ci', '--ci', 'gitlab'], { cwd });
    expect(switched.exitCode, switched.stdout).toBe(0);
    expect(switched.stdout).toContain(
      'delete   .github/workflows/orders.yml (no longer generated from msctl.yaml)',
    );
    expect(existsSync(path.join(cwd, '.github/workflows/inventory.yml'))).toBe(false);
    expect(existsSync(path.join(cwd, '.gitlab/ci/orders.yml'))).toBe(true);
    expect((await msctl(['generate', 'all', '--check'], { cwd })).exitCode).toBe(0);
  });

  it('refuses an unknown kind with exit 2', async () => {
    const cwd = await scaffoldSystem();
    const result = await msctl(['generate', 'helm'], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Allowed choices are k8s, ci, compose, all');
  });

  it('without images.registry, generate k8s is exit 2 saying what to add, and writes nothing', async () => {
    const cwd = await temporary();
    // No terminal: init asks nothing, and says the registry is missing.
    const init = await msctl(['init', '--name', 'shop'], { cwd });
    expect(init.exitCode, init.stderr).toBe(0);
    expect(init.stdout).toContain('No image registry yet');
    const result = await msctl(['generate', 'k8s'], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('msctl.yaml has no images.registry');
    expect(result.stderr).toContain('images: { registry: ghcr.io/<owner>/<repo> }');
    expect(existsSync(path.join(cwd, 'k8s'))).toBe(false);

    const bad = await msctl(['init', 'other', '--name', 'shop', '--registry', 'GHCR.io/Acme:latest'], {
      cwd,
    });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('Cannot use that registry');
    expect(existsSync(path.join(cwd, 'other/msctl.yaml'))).toBe(false);
  });

  it('--explain says per service how each setting became cluster config and what has none, writing nothing', async () => {
    const cwd = await scaffoldSystem();
    const file = path.join(cwd, 'msctl.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        '  orders:\n',
        '  orders:\n    publish: 8080\n    expose: { host: shop.example.com }\n',
      ),
    );
    const before = await readFile(path.join(cwd, 'services/orders/k8s/deployment.yaml'), 'utf8');
    const json = await msctl(['generate', 'k8s', '--explain', '--json'], { cwd });
    expect(json.exitCode, json.stderr).toBe(0);
    const { services } = JSON.parse(json.stdout);
    const orders = services.find((service: { name: string }) => service.name === 'orders');
    const setting = (name: string) =>
      orders.settings.find((entry: { setting: string }) => entry.setting === name);
    expect(setting('health.readiness').cluster.join()).toContain('readinessProbe');
    expect(setting('dependsOn').cluster.join()).toMatch(/NetworkPolicy egress to inventory pods on \d+/);
    expect(setting('expose').cluster).toContain('Ingress orders');
    expect(orders.noEquivalent.map((entry: { setting: string }) => entry.setting)).toContain('publish');
    const text = await msctl(['generate', 'k8s', '--explain'], { cwd });
    expect(text.stdout).toMatch(/orders[\s\S]*no equivalent in the cluster:[\s\S]*publish/);
    expect(await readFile(path.join(cwd, 'services/orders/k8s/deployment.yaml'), 'utf8')).toBe(before);
    expect((await msctl(['generate', 'ci', '--explain'], { cwd })).exitCode).toBe(2);
  });
});

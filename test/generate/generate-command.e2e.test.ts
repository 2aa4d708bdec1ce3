import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServiceBin, msctl, runBin } from '../support/cli.js';
import { useTempDirectories } from '../support/temp.js';

const temporary = useTempDirectories();

async function scaffoldSystem(): Promise<string> {
  const cwd = await temporary();
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
  it('brings what create-service left stale up to date, then finds no drift', async () => {
    const cwd = await scaffoldSystem();
    const policy = path.join(cwd, 'services/inventory/k8s/network-policy.yaml');
    const before = await readFile(policy, 'utf8');

    const check = await msctl(['generate', 'all', '--check'], { cwd });
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toContain('update services/inventory/k8s/network-policy.yaml (msctl.yaml changed)');
    expect(await readFile(policy, 'utf8')).toBe(before);

    const dryRun = await msctl(['generate', 'all', '--dry-run', '--json'], { cwd });
    expect(JSON.parse(dryRun.stdout)).toMatchObject({ drift: true, written: [] });

    const written = await msctl(['generate', 'all'], { cwd });
    expect(written.exitCode).toBe(0);
    // The new dependent (orders) is now admitted by the dependency's NetworkPolicy.
    expect(await readFile(policy, 'utf8')).toContain('orders');

    expect((await msctl(['generate', 'all', '--check'], { cwd })).exitCode).toBe(0);
  });

  it('keeps a file edited by hand and says so (exit 1), until --force', async () => {
    const cwd = await scaffoldSystem();
    const service = path.join(cwd, 'services/orders/k8s/service.yaml');
    const edited = `${await readFile(service, 'utf8')}# tuned by hand\n`;
    await writeFile(service, edited);

    const kept = await msctl(['generate', 'k8s'], { cwd });
    expect(kept.exitCode).toBe(1);
    expect(kept.stdout).toContain(
      'kept   services/orders/k8s/service.yaml (edited by hand; --force overwrites it)',
    );
    expect(await readFile(service, 'utf8')).toBe(edited);

    const forced = await msctl(['generate', 'k8s', '--force'], { cwd });
    expect(forced.exitCode).toBe(0);
    expect(await readFile(service, 'utf8')).not.toContain('# tuned by hand');
  });

  it('refuses an unknown kind with exit 2', async () => {
    const cwd = await scaffoldSystem();
    const result = await msctl(['generate', 'helm'], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Allowed choices are k8s, ci, compose, all');
  });
});

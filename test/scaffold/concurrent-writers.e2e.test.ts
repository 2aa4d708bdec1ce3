import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createServiceBin, msctl, type RunResult, repositoryRoot, runBin } from '../support/cli.js';
import { useTempDirectories } from '../support/temp.js';

const temporary = useTempDirectories();
const createService = (args: string[], cwd: string, env?: Record<string, string>) =>
  runBin(createServiceBin, args, { cwd, ...(env && { env }) });

/** Races are intermittent: each scenario runs this many times, each in a fresh workspace. */
const ROUNDS = 4;

async function workspace(): Promise<string> {
  const root = path.join(await temporary(), 'shop');
  await mkdir(root);
  expect((await msctl(['init', '--yes'], { cwd: root })).exitCode).toBe(0);
  return root;
}

async function services(root: string): Promise<Record<string, { port: number; path: string }>> {
  return parse(await readFile(path.join(root, 'msctl.yaml'), 'utf8')).services ?? {};
}

/** Both landed with distinct ports, or the one refused (exit 2) left nothing; the workspace loads either way. */
async function expectBothOrOneCleanlyRefused(root: string, runs: [string, RunResult][]): Promise<void> {
  const registered = await services(root);
  for (const [name, result] of runs) {
    if (result.exitCode === 0) {
      expect(registered[name], `${name} exited 0 but is not in msctl.yaml`).toBeDefined();
      expect(existsSync(path.join(root, 'services', name, 'package.json'))).toBe(true);
    } else {
      expect(result.exitCode, result.stderr).toBe(2);
      expect(registered[name]).toBeUndefined();
      expect(existsSync(path.join(root, 'services', name))).toBe(false);
    }
  }
  const ports = Object.values(registered).map((service) => service.port);
  expect(new Set(ports).size).toBe(ports.length);
  const config = await msctl(['config', '--json'], { cwd: root });
  expect(config.exitCode, config.stderr).toBe(0);
}

/** A process that takes the workspace lock through the built core and holds it until killed. */
async function holdLock(root: string): Promise<ChildProcess> {
  const lockModule = path.join(repositoryRoot, 'dist/core/workspace/lock.js');
  const script = `import(${JSON.stringify(lockModule)}).then((lock) => lock.withWorkspaceLock(${JSON.stringify(root)}, () => { console.log('held'); setInterval(() => {}, 1000); return new Promise(() => {}); }, { purpose: 'a test holding it' }))`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('held')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return child;
}

describe('create-service: concurrent writers in one workspace', () => {
  it('two processes started at once both land with distinct ports, or one is refused with nothing on disk', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const root = await workspace();
      const [orders, billing] = await Promise.all([
        createService(['orders', '--yes', '--ci', 'none'], root),
        createService(['billing', '--yes', '--ci', 'none'], root),
      ]);
      await expectBothOrOneCleanlyRefused(root, [
        ['orders', orders],
        ['billing', billing],
      ]);
      // Neither asked for a port, so nothing stands in the way of both.
      expect([orders.exitCode, billing.exitCode], orders.stderr + billing.stderr).toEqual([0, 0]);
      expect(Object.keys(await services(root)).sort()).toEqual(['billing', 'orders']);
    }
  });

  it('two processes asking for the same port: one lands, the other is refused with exit 2 and nothing on disk', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const root = await workspace();
      const [orders, billing] = await Promise.all([
        createService(['orders', '--yes', '--port', '3100', '--ci', 'none'], root),
        createService(['billing', '--yes', '--port', '3100', '--ci', 'none'], root),
      ]);
      await expectBothOrOneCleanlyRefused(root, [
        ['orders', orders],
        ['billing', billing],
      ]);
      expect([orders.exitCode, billing.exitCode].sort()).toEqual([0, 2]);
      const refused = orders.exitCode === 2 ? orders : billing;
      expect(refused.stderr).toMatch(/Port 3100 is already used by the service "(orders|billing)"/);
    }
  });

  it('two `msctl init` at once: one creates the workspace, the other is told it exists (exit 2)', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const root = path.join(await temporary(), 'shop');
      await mkdir(root);
      const runs = await Promise.all([
        msctl(['init', '--yes'], { cwd: root }),
        msctl(['init', '--yes'], { cwd: root }),
      ]);
      const outputs = runs.map((run) => run.stderr).join('\n');
      expect(runs.map((run) => run.exitCode).sort(), outputs).toEqual([0, 2]);
      const refused = runs.find((run) => run.exitCode === 2) as RunResult;
      expect(refused.stderr, outputs).toContain('msctl.yaml already exists.');
      expect(refused.stderr).not.toContain('bug');
      expect(await readFile(path.join(root, '.gitignore'), 'utf8')).toBe(
        '.env\nnode_modules/\ndist/\n.msctl/lock/\n',
      );
    }
  });

  it('the lock leaves nothing behind, and a dry run does not take it', async () => {
    const root = await workspace();
    expect((await createService(['orders', '--yes', '--ci', 'none'], root)).exitCode).toBe(0);
    // Only the record of the generated output stays (committed, the base of the next merge).
    expect(readdirSync(path.join(root, '.msctl'))).toEqual(['generated']);
    const fresh = path.join(await temporary(), 'shop');
    await mkdir(fresh);
    expect((await createService(['orders', '--yes', '--dry-run'], fresh)).exitCode).toBe(0);
    expect(existsSync(path.join(fresh, '.msctl'))).toBe(false);
  });

  it('a lock held too long by a live process is an error that names the process, with nothing written', async () => {
    const root = await workspace();
    const before = await readFile(path.join(root, 'msctl.yaml'), 'utf8');
    const holder = await holdLock(root);
    try {
      const result = await createService(['orders', '--yes'], root, { MSCTL_LOCK_TIMEOUT: '0.5' });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(`process ${holder.pid}`);
      expect(result.stderr).toContain('a test holding it');
      expect(result.stderr).toContain(`kill ${holder.pid}`);
      expect(await readFile(path.join(root, 'msctl.yaml'), 'utf8')).toBe(before);
      expect(existsSync(path.join(root, 'services/orders'))).toBe(false);
      // Held (or left by a crash), the lock is not something git would commit.
      await execa('git', ['init', '--quiet'], { cwd: root });
      const { stdout } = await execa('git', ['status', '--porcelain', '--untracked-files=all'], {
        cwd: root,
      });
      expect(stdout.split('\n').sort()).toEqual(['?? .gitignore', '?? README.md', '?? msctl.yaml']);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a lock left by a killed process is taken over once stale, and the service lands', async () => {
    const root = await workspace();
    const holder = await holdLock(root);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    const held = path.join(root, '.msctl/lock/held');
    expect((await stat(held)).isDirectory()).toBe(true);
    // Not refreshed for a minute, as after a crash: taken over at once.
    const past = new Date(Date.now() - 60_000);
    await utimes(held, past, past);
    const result = await createService(['orders', '--yes', '--ci', 'none'], root);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(Object.keys(await services(root))).toEqual(['orders']);
    expect(existsSync(held)).toBe(false);
  });

  it('a lock just left by a killed process is taken over after the stale time, within the default wait', async () => {
    const root = await workspace();
    const holder = await holdLock(root);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    const result = await createService(['orders', '--yes', '--ci', 'none'], root);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(Object.keys(await services(root))).toEqual(['orders']);
  });
});

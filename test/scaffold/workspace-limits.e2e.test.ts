import { existsSync } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_WORKSPACE_BYTES } from '../../src/core/config/load.js';
import { STRING_LIMITS } from '../../src/core/config/schema.js';
import { createServiceBin, msctl, runBin } from '../support/cli.js';
import { useTempDirectories } from '../support/temp.js';

const temporary = useTempDirectories();
const createService = (args: string[], cwd: string) => runBin(createServiceBin, args, { cwd });

async function workspace(): Promise<string> {
  const root = path.join(await temporary(), 'shop');
  await mkdir(root);
  expect((await msctl(['init', '--yes'], { cwd: root })).exitCode).toBe(0);
  return root;
}

describe('what msctl.yaml can hold, through the built binaries', () => {
  it('an oversized --description is refused (exit 2) naming the flag and the limit; msctl.yaml unchanged', async () => {
    const root = await workspace();
    const before = await readdir(root);
    const source = await readFile(path.join(root, 'msctl.yaml'), 'utf8');
    // Large, but under what one command-line argument may carry.
    const result = await createService(['orders', '--yes', '--description', 'x'.repeat(100_000)], root);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      `--description is 100000 characters long; at most ${STRING_LIMITS.description} are allowed.`,
    );
    expect(await readFile(path.join(root, 'msctl.yaml'), 'utf8')).toBe(source);
    expect(await readdir(root)).toEqual(before);
    // The workspace still works.
    expect((await msctl(['config'], { cwd: root })).exitCode).toBe(0);
  });

  it('a service whose entry would push msctl.yaml over the size limit is refused, nothing written', async () => {
    const root = await workspace();
    const file = path.join(root, 'msctl.yaml');
    const size = Buffer.byteLength(await readFile(file, 'utf8'));
    // Comments up to a few dozen bytes under the limit: valid, and loadable, until a service is added.
    const line = `# ${'-'.repeat(97)}\n`;
    await appendFile(file, line.repeat(Math.floor((MAX_WORKSPACE_BYTES - size - 20) / line.length)));
    expect((await msctl(['config'], { cwd: root })).exitCode).toBe(0);
    const source = await readFile(file, 'utf8');

    const result = await createService(['orders', '--yes', '--description', 'Takes orders'], root);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `This change would make .*msctl\\.yaml \\d+ bytes; a workspace file may be at most ${MAX_WORKSPACE_BYTES} bytes`,
      ),
    );
    expect(await readFile(file, 'utf8')).toBe(source);
    expect(existsSync(path.join(root, 'services'))).toBe(false);
    expect((await msctl(['config'], { cwd: root })).exitCode).toBe(0);
  });

  it('`msctl config` refuses a service named 1orders, at its line and column, as create-service does', async () => {
    const root = await workspace();
    const file = path.join(root, 'msctl.yaml');
    const source = await readFile(file, 'utf8');
    await writeFile(
      file,
      source.replace('services: {}', 'services:\n  1orders: { path: services/orders, port: 3000 }'),
    );
    const line = (await readFile(file, 'utf8')).split('\n').findIndex((text) => text.includes('1orders')) + 1;
    const config = await msctl(['config'], { cwd: root });
    expect(config.exitCode).toBe(2);
    expect(config.stderr).toContain(
      `msctl.yaml:${line}:3 error "1orders" starts with a digit, which a Kubernetes Service name cannot`,
    );
    const generate = await msctl(['generate', 'k8s'], { cwd: root });
    expect(generate.exitCode).toBe(2);

    const fresh = await workspace();
    const created = await createService(['1orders', '--yes'], fresh);
    expect(created.exitCode).toBe(2);
    expect(created.stderr).toContain('"1orders" starts with a digit, which a Kubernetes Service name cannot');
  });

  it('a --depends-on name against the rule is refused naming the flag', async () => {
    const root = await workspace();
    const result = await createService(['orders', '--yes', '--depends-on', 'postgres,9lives'], root);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--depends-on 9lives: "9lives" starts with a digit');
    expect(existsSync(path.join(root, 'services'))).toBe(false);
  });
});

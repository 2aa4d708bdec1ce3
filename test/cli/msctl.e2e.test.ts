import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { msctl, msctlBin, repositoryRoot } from '../support/cli.js';
import { skipTestWithout } from '../support/prerequisites.js';
import { useTempDirectories } from '../support/temp.js';

const temporary = useTempDirectories();
const manifest = JSON.parse(await readFile(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
  version: string;
};

describe('the msctl binary', () => {
  it('prints its version', async () => {
    const result = await msctl(['--version'], { cwd: repositoryRoot });
    expect(result).toMatchObject({ exitCode: 0, stdout: manifest.version });
  });

  it('shows help with examples and the exit codes, exit 0', async () => {
    const root = await msctl(['--help'], { cwd: repositoryRoot });
    expect(root.exitCode).toBe(0);
    expect(root.stdout).toContain('130  cancelled');
    const graph = await msctl(['graph', '--help'], { cwd: repositoryRoot });
    expect(graph.stdout).toContain('Examples:');
  });

  it('exits 2 on a usage error and says where help is', async () => {
    const result = await msctl(['graph', '--format', 'svg'], { cwd: repositoryRoot });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("argument 'svg' is invalid");
    expect(result.stderr).toContain('--help');
  });

  it('init writes a valid workspace, then refuses to overwrite it', async () => {
    const directory = await temporary();
    const first = await msctl(['init', '--yes', '--name', 'shop'], { cwd: directory });
    expect(first.exitCode).toBe(0);
    expect(await readFile(path.join(directory, 'msctl.yaml'), 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=/,
    );
    expect(await readFile(path.join(directory, '.gitignore'), 'utf8')).toContain('.env');
    const config = await msctl(['config', '--json'], { cwd: directory });
    expect(JSON.parse(config.stdout)).toMatchObject({ version: 1, name: 'shop', services: {} });

    const before = await readFile(path.join(directory, 'msctl.yaml'), 'utf8');
    const second = await msctl(['init', '--yes', '--name', 'other'], { cwd: directory });
    expect(second.exitCode).toBe(2);
    expect(second.stderr).toMatch(/already exists/);
    expect(await readFile(path.join(directory, 'msctl.yaml'), 'utf8')).toBe(before);
  });

  it('init without a terminal and without a name names the flag, writes nothing', async () => {
    const directory = await temporary();
    const result = await msctl(['init'], { cwd: directory });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--name');
    expect(existsSync(path.join(directory, 'msctl.yaml'))).toBe(false);
  });

  it('init refuses a name that is not a DNS-1123 label', async () => {
    const directory = await temporary();
    const result = await msctl(['init', '--name', '../Shop'], { cwd: directory });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('DNS-1123');
    expect(existsSync(path.join(directory, 'msctl.yaml'))).toBe(false);
  });

  it.each(['config', 'graph'])('%s exits 2 with every mistake of an invalid msctl.yaml', async (command) => {
    const directory = await temporary();
    await writeFile(
      path.join(directory, 'msctl.yaml'),
      'version: 1\nname: shop\nservices:\n  a: { path: a, port: 1, dependsOn: [b], colour: red }\n  b: { path: b, port: "2", dependsOn: [a, c] }\n',
    );
    const result = await msctl([command], { cwd: directory });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('msctl.yaml:4:42 error unknown key "colour" in services.a [');
    expect(result.stderr).toContain(
      'msctl.yaml:5:23 error services.b.port: expected a number such as 3000, got the string "2"',
    );
    expect(result.stderr).toContain('msctl.yaml:5:43 error "b" depends on "c"');
    expect(result.stderr).toContain('msctl.yaml:5:40 error dependency cycle: a -> b -> a');
    expect(result.stderr).toContain('msctl.yaml has 4 problems');
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('exits 2 with what to do when there is no workspace', async () => {
    const directory = await temporary();
    const result = await msctl(['config'], { cwd: directory });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Run `msctl init`');
  });

  it('prints a graph in every format', async () => {
    const directory = await temporary();
    await writeFile(
      path.join(directory, 'msctl.yaml'),
      'version: 1\nname: shop\nservices:\n  orders: { path: o, port: 3000, dependsOn: [postgres] }\ninfra:\n  postgres: {}\n',
    );
    expect((await msctl(['graph'], { cwd: directory })).stdout).toBe('orders :3000\n└─ postgres (postgres)');
    expect((await msctl(['graph', '--format', 'mermaid'], { cwd: directory })).stdout).toContain(
      'orders --> postgres',
    );
    expect((await msctl(['graph', '--format', 'dot'], { cwd: directory })).stdout).toContain(
      '"orders" -> "postgres";',
    );
  });

  it('doctor reports each check as JSON and fails without a Docker engine', async () => {
    const directory = await temporary();
    const result = await msctl(['doctor', '--json'], {
      cwd: directory,
      env: { DOCKER_HOST: `unix://${path.join(directory, 'no-engine.sock')}` },
    });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      checks: { name: string; status: string; fix?: string }[];
    };
    expect(report.ok).toBe(false);
    expect(report.checks.find((check) => check.name === 'docker')).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('DOCKER_HOST'),
    });
    expect(report.checks.find((check) => check.name === 'node')).toMatchObject({ status: 'ok' });
  });

  it('prints no colour when NO_COLOR is set, even on a forced terminal', async () => {
    const directory = await temporary();
    await writeFile(path.join(directory, 'msctl.yaml'), 'version: 1\nname: Shop\n');
    const result = await msctl(['config'], { cwd: directory, env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(result.stderr).not.toContain('\u001b[');
    const coloured = await msctl(['config'], {
      cwd: directory,
      env: { NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    expect(coloured.stderr).toContain('\u001b[');
  });

  it('refuses an old Node.js in one line, naming the versions it needs', async (context) => {
    const oldNode = ['/usr/local/bin/node', '/usr/bin/node'].find((candidate) => existsSync(candidate));
    const version = oldNode ? (await execa(oldNode, ['--version'])).stdout : '';
    skipTestWithout(
      context,
      Boolean(oldNode) && Number(version.slice(1).split('.')[0]) < 22,
      `a Node.js older than 22 at /usr/local/bin/node or /usr/bin/node (found ${version || 'none'})`,
    );
    const result = await execa(oldNode as string, [msctlBin, '--version'], { reject: false });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('needs Node.js ^22.22.2 or ^24.15.0 or >=26.0.0');
  });
});

describe('output into a pipe that closes early', () => {
  it('ends quietly, without an EPIPE stack', async () => {
    const directory = await temporary();
    // Far more output than a pipe buffers, so that writes go on after the reader has gone.
    const services = Array.from(
      { length: 600 },
      (_, index) => `  s${index}: { path: s${index}, port: ${1000 + index} }`,
    );
    await writeFile(
      path.join(directory, 'msctl.yaml'),
      `version: 1\nname: big\nservices:\n${services.join('\n')}\n`,
    );
    const result = await execa(
      'bash',
      ['-c', `"${process.execPath}" "${msctlBin}" config --json | head -c 20`],
      {
        cwd: directory,
        reject: false,
        env: { NO_COLOR: '1' },
      },
    );
    expect(result.stdout).toBe('{\n  "version": 1,\n  ');
    expect(result.stderr).toBe('');
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServiceBin, msctl, msctlBin, runBin } from '../support/cli.js';
import { useTempDirectories } from '../support/temp.js';
import { runOnTerminal, SCRIPT } from '../support/terminal.js';

const temporary = useTempDirectories();
const WORKSPACE = 'version: 1\nname: shop\nservices:\n  orders: { path: services/orders, port: 3000 }\n';

describe.skipIf(!existsSync(SCRIPT))('prompts on a terminal', () => {
  it('offers a default name, collapses each answer to one line and replays without empty flags', async () => {
    const cwd = await temporary();
    await writeFile(path.join(cwd, 'msctl.yaml'), WORKSPACE);
    const run = await runOnTerminal(createServiceBin, [], {
      cwd,
      steps: [
        { waitFor: /Service name/, keys: '\r' },
        { waitFor: /Port/, keys: '\r' },
        { waitFor: /Depends on/, keys: '\r' },
        { waitFor: /CI pipeline/, keys: '\r' },
        { waitFor: /Description/, keys: '\r' },
      ],
    });
    expect(run.exitCode).toBe(0);
    expect(run.screensAtSteps[0]).toEqual(['? Service name (service)']);
    expect(run.screen.slice(0, 5)).toEqual([
      '✔ Service name service',
      '✔ Port 3001',
      '✔ Depends on none',
      '✔ CI pipeline github',
      '✔ Description',
    ]);
    expect(run.screen.at(-1)).toBe(
      '  create-service service --template node-fastify --port 3001 --ci github --yes',
    );
    expect(await readFile(path.join(cwd, 'msctl.yaml'), 'utf8')).toContain('service:');
  });

  it('answers a name that is not valid with one short line that suggests one; Ctrl-C leaves one line, exit 130', async () => {
    const cwd = await temporary();
    const run = await runOnTerminal(createServiceBin, [], {
      cwd,
      steps: [
        { waitFor: /Service name/, keys: 'Orders_Svc\r' },
        { waitFor: /try orders-svc/, keys: '\u0003' },
      ],
    });
    expect(run.screensAtSteps[1]).toEqual([
      '? Service name Orders_Svc',
      '> Lowercase letters, digits and "-" only; try orders-svc',
    ]);
    expect(run.exitCode).toBe(130);
    expect(run.screen).toEqual(['✖ Service name cancelled; nothing was written']);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('msctl init says the workspace exists before asking anything', async () => {
    const cwd = await temporary();
    await writeFile(path.join(cwd, 'msctl.yaml'), WORKSPACE);
    const run = await runOnTerminal(msctlBin, ['init'], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.screen.join('\n')).not.toContain('Project name');
    expect(run.screen[0]).toMatch(/^error .*msctl\.yaml already exists\.$/);
  });

  it('msctl init: a short line for a bad name, one line on Ctrl-C', async () => {
    const cwd = await temporary();
    const run = await runOnTerminal(msctlBin, ['init'], {
      cwd,
      steps: [
        { waitFor: /Project name/, keys: '\u0015My Shop\r' },
        { waitFor: /try my-shop/, keys: '\u0003' },
      ],
    });
    expect(run.screensAtSteps[1]?.[1]).toBe('> Lowercase letters, digits and "-" only; try my-shop');
    expect(run.exitCode).toBe(130);
    expect(run.screen).toEqual(['✖ Project name cancelled; nothing was written']);
    expect(existsSync(path.join(cwd, 'msctl.yaml'))).toBe(false);
  });
});

describe.skipIf(!existsSync(SCRIPT))('msctl init on a terminal', () => {
  it('asks for the image registry and records it; a bad one gets a short line', async () => {
    const cwd = await temporary();
    const run = await runOnTerminal(msctlBin, ['init'], {
      cwd,
      steps: [
        { waitFor: /Project name/, keys: '\u0015shop\r' },
        { waitFor: /Image registry/, keys: 'Bad Registry\r' },
        { waitFor: /must look like/, keys: '\u0015ghcr.io/acme/shop\r' },
      ],
    });
    expect(run.exitCode).toBe(0);
    expect(await readFile(path.join(cwd, 'msctl.yaml'), 'utf8')).toContain('registry: ghcr.io/acme/shop');
  });
});

describe('without a terminal', () => {
  it('--yes without a name takes the default name', async () => {
    const cwd = await temporary();
    await writeFile(path.join(cwd, 'msctl.yaml'), WORKSPACE);
    const result = await runBin(createServiceBin, ['--yes', '--dry-run'], { cwd });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Would create service "service"');
  });

  it('a name that is not valid is refused with exit 2 and a valid one to use', async () => {
    const cwd = await temporary();
    const result = await runBin(createServiceBin, ['Orders_Svc', '--yes'], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('"Orders_Svc" is not a valid service name');
    expect(result.stderr).toContain('Use orders-svc instead, e.g. `create-service orders-svc`.');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('msctl init in a workspace says it exists, not that a name is missing', async () => {
    const cwd = await temporary();
    await writeFile(path.join(cwd, 'msctl.yaml'), WORKSPACE);
    const result = await msctl(['init'], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('msctl.yaml already exists.');
  });
});

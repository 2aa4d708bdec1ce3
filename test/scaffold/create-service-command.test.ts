import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import {
  type CreateServiceFlags,
  equivalentCommand,
  resolveOptions,
  run,
} from '../../src/cli/commands/create-service.js';
import type { CommandContext } from '../../src/cli/context.js';
import { createOutput } from '../../src/cli/output.js';
import { inquirerPrompter } from '../../src/cli/prompts.js';
import { CancelledError, UserError } from '../../src/core/errors.js';
import { findWorkspaceTarget } from '../../src/core/scaffold/workspace-target.js';

const emptyFolder = (): string => {
  const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'msctl-command-')), 'shop');
  mkdirSync(folder);
  return folder;
};

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

function contextFor(cwd: string, interactive: boolean): { context: CommandContext; stdout: Capture } {
  const stdout = new Capture();
  const output = { ...createOutput({ stdout, stderr: new Capture(), env: { NO_COLOR: '1' } }), interactive };
  return { context: { cwd, configFile: undefined, output }, stdout };
}

const nonInteractive = async (name: string | undefined, flags: CreateServiceFlags) =>
  resolveOptions(name, flags, await findWorkspaceTarget({ cwd: emptyFolder() }), {
    interactive: false,
    prompter: undefined,
  });

describe('create-service: flags to options', () => {
  it.each<[string, string | undefined, CreateServiceFlags, Record<string, unknown>]>([
    [
      '--yes takes every default',
      'orders',
      { yes: true },
      { template: 'node-fastify', port: 3000, dependsOn: [], ci: 'github', description: '' },
    ],
    [
      'a comma list, trimmed and deduplicated',
      'orders',
      { yes: true, dependsOn: 'postgres, inventory,postgres' },
      { dependsOn: ['postgres', 'inventory'] },
    ],
    [
      'a repeated flag',
      'orders',
      { yes: true, dependsOn: ['postgres', 'redis,inventory'] },
      { dependsOn: ['postgres', 'redis', 'inventory'] },
    ],
    ['an empty list means none', 'orders', { yes: true, dependsOn: '' }, { dependsOn: [] }],
    ['a port as text', 'orders', { yes: true, port: '8080' }, { port: 8080 }],
    [
      'ci and description',
      'orders',
      { yes: true, ci: 'gitlab', description: 'Orders: "all"' },
      { ci: 'gitlab', description: 'Orders: "all"' },
    ],
    [
      'every answer given, without --yes and without a terminal',
      'orders',
      { template: 'node-fastify', port: 3001, dependsOn: '', ci: 'none', description: 'd' },
      { port: 3001, ci: 'none' },
    ],
    [
      'switches',
      'orders',
      { yes: true, dryRun: true, force: true, json: true },
      { dryRun: true, force: true, json: true },
    ],
  ])('%s', async (_label, name, flags, expected) => {
    const { options, prompted } = await nonInteractive(name, flags);
    expect(options).toMatchObject({ name, ...expected });
    expect(prompted).toBe(false);
  });

  it.each<[string, string | undefined, CreateServiceFlags, RegExp]>([
    ['a port that is not a number', 'orders', { yes: true, port: '80a' }, /--port 80a is not a TCP port/],
    ['a port out of range', 'orders', { yes: true, port: '70000' }, /--port 70000 is not a TCP port/],
    ['an unknown CI', 'orders', { yes: true, ci: 'jenkins' }, /--ci jenkins is not a CI provider/],
    [
      'a name that is not a DNS-1123 label',
      'Orders_Svc',
      { yes: true },
      /"Orders_Svc" is not a valid service name/,
    ],
  ])('refuses %s (exit 2)', async (_label, name, flags, message) => {
    const outcome = nonInteractive(name, flags);
    await expect(outcome).rejects.toThrow(message);
    await expect(outcome).rejects.toMatchObject({ exitCode: 2 });
  });

  it('--yes without a name takes the name the prompt would offer', async () => {
    const { options } = await nonInteractive(undefined, { yes: true });
    expect(options.name).toBe('service');
  });

  it('suggests a valid name for one that is not', async () => {
    await expect(nonInteractive('Orders_Svc', { yes: true })).rejects.toMatchObject({
      hint: 'Use orders-svc instead, e.g. `create-service orders-svc`.',
    });
  });

  it('the equivalent command leaves out the flags that would be empty', () => {
    const options = {
      name: 'orders',
      template: 'node-fastify',
      port: 3000,
      dependsOn: [],
      ci: 'github' as const,
      description: '',
      dryRun: false,
      force: false,
      json: false,
    };
    expect(equivalentCommand(options)).toBe(
      'create-service orders --template node-fastify --port 3000 --ci github --yes',
    );
  });

  it('without a terminal, names every flag that has no answer instead of prompting', async () => {
    const outcome = nonInteractive('orders', { port: 3000 });
    await expect(outcome).rejects.toBeInstanceOf(UserError);
    await expect(outcome).rejects.toMatchObject({
      exitCode: 2,
      message:
        'No answer for --template, --depends-on, --ci, --description, and there is no terminal to ask.',
      hint: expect.stringContaining('--yes'),
    });
  });

  it('the equivalent command is one line that the shell reads back as the same words', async () => {
    const options = {
      name: 'orders',
      template: 'node-fastify',
      port: 3000,
      dependsOn: ['postgres', 'inventory'],
      ci: 'github' as const,
      description: `it's "quoted" $HOME \`x\` #1\nline`,
      dryRun: true,
      force: false,
      json: false,
    };
    const command = equivalentCommand(options, { workspace: 'my shop' });
    expect(command).not.toContain('\n');
    const { stdout } = await execa('bash', [
      '-c',
      `set -- ${command.replace(/^create-service /, '')}; printf '%s\\0' "$@"`,
    ]);
    expect(stdout.split('\0').slice(0, -1)).toEqual([
      'orders',
      '--template',
      'node-fastify',
      '--port',
      '3000',
      '--depends-on',
      'postgres,inventory',
      '--ci',
      'github',
      '--description',
      options.description,
      '--workspace',
      'my shop',
      '--dry-run',
      '--yes',
    ]);
  });
});

/** Drives real @inquirer/prompts: waits for each question to appear, then types the answer. */
function scriptedTerminal(script: [RegExp, string][]) {
  const input = new PassThrough();
  let seen = '';
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      seen += chunk.toString();
      const next = script[0];
      if (next?.[0].test(seen)) {
        script.shift();
        seen = '';
        setImmediate(() => input.write(next[1]));
      }
      done();
    },
  });
  // Each prompt ends its output when it closes; a terminal outlives them, and so must this one.
  output.end = function end(this: Writable) {
    return this;
  } as Writable['end'];
  return { input, output };
}

describe('create-service on a terminal', () => {
  it('asks for each missing answer, writes the service and prints the equivalent command', async () => {
    const cwd = emptyFolder();
    const terminal = scriptedTerminal([
      [/Service name/, 'billing\r'],
      [/Port/, '\r'],
      [/Depends on/, ' \r'],
      [/CI pipeline/, '\r'],
      [/Description/, 'Bills: "all" of them\r'],
    ]);
    const { context, stdout } = contextFor(cwd, true);
    await run(context, undefined, {}, await inquirerPrompter(terminal));
    const workspace = await findWorkspaceTarget({ cwd });
    expect(workspace.config.services.billing).toMatchObject({
      port: 3000,
      dependsOn: ['postgres'],
      description: 'Bills: "all" of them',
    });
    expect(readdirSync(path.join(cwd, 'services/billing'))).toContain('package.json');
    expect(stdout.text).toContain(
      `create-service billing --template node-fastify --port 3000 --depends-on postgres --ci github --description 'Bills: "all" of them' --yes`,
    );
  });

  it('Ctrl-C at a prompt cancels (exit 130) and writes nothing', async () => {
    const cwd = emptyFolder();
    const terminal = scriptedTerminal([
      [/Service name/, 'billing\r'],
      [/Port/, '\u0003'],
    ]);
    const { context } = contextFor(cwd, true);
    const outcome = run(context, undefined, {}, await inquirerPrompter(terminal));
    await expect(outcome).rejects.toBeInstanceOf(CancelledError);
    await expect(outcome).rejects.toMatchObject({ exitCode: 130 });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('--yes on a terminal asks nothing', async () => {
    const cwd = emptyFolder();
    const { context, stdout } = contextFor(cwd, true);
    await run(context, 'orders', { yes: true });
    expect(readFileSync(path.join(cwd, 'msctl.yaml'), 'utf8')).toContain('orders:');
    expect(stdout.text).not.toContain('The same without questions');
  });
});

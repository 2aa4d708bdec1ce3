import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildMsctlProgram } from '../../src/cli/program.js';

/** What up, down, ps and logs receive from argv, with their actions replaced by a recorder. */
async function parse(argv: string[]): Promise<{ command: string; args: unknown[]; options: unknown }> {
  const program = buildMsctlProgram();
  let captured: { command: string; args: unknown[]; options: unknown } | undefined;
  const silence = { writeOut: () => {}, writeErr: () => {} };
  program.exitOverride().configureOutput(silence);
  for (const command of program.commands) {
    command.exitOverride().configureOutput(silence);
    command.action((...received: unknown[]) => {
      const self = received.at(-1) as Command;
      captured = { command: self.name(), args: received.slice(0, -2), options: received.at(-2) };
    });
  }
  await program.parseAsync(argv, { from: 'user' });
  if (!captured) throw new Error('no command ran');
  return captured;
}

describe('argv -> options of the runtime commands', () => {
  it.each([
    [['up'], { command: 'up', args: [[]], options: { timeout: '120' } }],
    [
      ['up', 'orders', 'gateway', '-d', '--timeout', '30'],
      { command: 'up', args: [['orders', 'gateway']], options: { detach: true, timeout: '30' } },
    ],
    [['up', '--build'], { command: 'up', args: [[]], options: { build: true, timeout: '120' } }],
    [['up', '--no-build'], { command: 'up', args: [[]], options: { build: false, timeout: '120' } }],
    [['up', '--dry-run'], { command: 'up', args: [[]], options: { dryRun: true, timeout: '120' } }],
    [
      ['up', '--progress', 'json', '-v'],
      { command: 'up', args: [[]], options: { progress: 'json', verbose: true, timeout: '120' } },
    ],
    [['down'], { command: 'down', args: [], options: { timeout: '10' } }],
    [
      ['down', '--volumes', '--project', 'shop', '--json'],
      { command: 'down', args: [], options: { volumes: true, project: 'shop', json: true, timeout: '10' } },
    ],
    [['ps', '--json'], { command: 'ps', args: [], options: { json: true } }],
    [['logs'], { command: 'logs', args: [[]], options: {} }],
    [
      ['logs', 'orders', '-f', '--tail', '50', '--since', '10m', '--json'],
      {
        command: 'logs',
        args: [['orders']],
        options: { follow: true, tail: '50', since: '10m', json: true },
      },
    ],
  ])('%j', async (argv, expected) => {
    expect(await parse(argv)).toEqual(expected);
  });

  it.each([
    [['up', '--timeout'], 'commander.optionMissingArgument'],
    [['down', '--volume'], 'commander.unknownOption'],
    [['logs', '--tail'], 'commander.optionMissingArgument'],
  ])('rejects %j as a usage error', async (argv, code) => {
    await expect(parse(argv)).rejects.toMatchObject({ code });
  });
});

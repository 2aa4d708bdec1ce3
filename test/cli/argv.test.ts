import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildCreateServiceProgram, buildMsctlProgram } from '../../src/cli/program.js';

/** Parses argv with every action replaced by one that records what the command would receive. */
async function parse(
  argv: string[],
): Promise<{ command: string; args: unknown[]; options: unknown; config?: string }> {
  const program = buildMsctlProgram();
  let captured: { command: string; args: unknown[]; options: unknown; config?: string } | undefined;
  const silence = { writeOut: () => {}, writeErr: () => {} };
  program.exitOverride().configureOutput(silence);
  for (const command of program.commands) {
    command.exitOverride().configureOutput(silence);
    command.action((...received: unknown[]) => {
      const self = received.at(-1) as Command;
      captured = {
        command: self.name(),
        args: received.slice(0, -2),
        options: received.at(-2),
        ...(self.optsWithGlobals().config && { config: self.optsWithGlobals().config as string }),
      };
    });
  }
  await program.parseAsync(argv, { from: 'user' });
  if (!captured) throw new Error('no command ran');
  return captured;
}

describe('argv -> options', () => {
  it.each([
    [['init'], { command: 'init', args: [undefined], options: {} }],
    [
      ['init', 'shop', '--name', 'shop', '-y', '--json'],
      { command: 'init', args: ['shop'], options: { name: 'shop', yes: true, json: true } },
    ],
    [['config', '--json'], { command: 'config', args: [], options: { json: true } }],
    [
      ['--config', 'x/msctl.yaml', 'config'],
      { command: 'config', args: [], options: {}, config: 'x/msctl.yaml' },
    ],
    [
      ['-c', 'y.yaml', 'graph'],
      { command: 'graph', args: [], options: { format: 'text' }, config: 'y.yaml' },
    ],
    [['graph', '--format', 'mermaid'], { command: 'graph', args: [], options: { format: 'mermaid' } }],
    [['doctor', '--json'], { command: 'doctor', args: [], options: { json: true } }],
    [['schema'], { command: 'schema', args: [], options: {} }],
  ])('%j', async (argv, expected) => {
    expect(await parse(argv)).toEqual(expected);
  });

  it.each([
    [['graph', '--format', 'svg'], 'commander.invalidArgument'],
    [['init', '--nmae', 'x'], 'commander.unknownOption'],
    [['bogus'], 'commander.unknownCommand'],
    [['init', '--name'], 'commander.optionMissingArgument'],
  ])('rejects %j as a usage error', async (argv, code) => {
    await expect(parse(argv)).rejects.toMatchObject({ code });
  });
});

describe('short flags', () => {
  it('mean one thing across every command of both programs', () => {
    const meanings = new Map<string, Set<string>>();
    const programs = [buildMsctlProgram(), buildCreateServiceProgram()];
    const commands = programs.flatMap((program) => [program, ...program.commands]);
    for (const command of commands) {
      for (const option of command.options) {
        if (!option.short) continue;
        const seen = meanings.get(option.short) ?? new Set<string>();
        seen.add(option.long ?? option.short);
        meanings.set(option.short, seen);
      }
    }
    const clashes = [...meanings]
      .filter(([, longs]) => longs.size > 1)
      .map(([short, longs]) => `${short}: ${[...longs].join(', ')}`);
    expect(clashes).toEqual([]);
    expect([...(meanings.get('-f') ?? [])]).toEqual(['--follow']);
    expect([...(meanings.get('-v') ?? [])]).toEqual(['--verbose']);
  });
});

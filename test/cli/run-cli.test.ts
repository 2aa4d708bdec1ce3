import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Output } from '../../src/cli/output.js';
import { createOutput } from '../../src/cli/output.js';
import { reportError } from '../../src/cli/run-cli.js';
import { CancelledError, ConfigError, ExitError, option, UserError, wording } from '../../src/core/errors.js';

function capture(): { output: Output; printed: () => string } {
  const lines: string[] = [];
  const sink = { write: (chunk: string) => lines.push(chunk) } as unknown as NodeJS.WritableStream;
  return {
    output: createOutput({ stdout: sink, stderr: sink, env: { NO_COLOR: '1' } }),
    printed: () => lines.join(''),
  };
}

describe('reportError: the one map from outcomes to exit codes', () => {
  it('prints an expected error with what to do, without a stack, exit 2', () => {
    const { output, printed } = capture();
    expect(
      reportError(new UserError('services/orders is not empty.', 'Use --force to overwrite it.'), output),
    ).toBe(2);
    expect(printed()).toBe('error services/orders is not empty.\nUse --force to overwrite it.\n');
  });

  it('spells the options an error names as command-line flags', () => {
    const { output, printed } = capture();
    const error = new UserError(
      wording`${option('dependsOn')} names "x", which is neither a service nor infra.`,
      wording`Pass another ${option('port')}; 3001 is free.`,
    );
    reportError(error, output);
    expect(printed()).toBe(
      'error --depends-on names "x", which is neither a service nor infra.\nPass another --port; 3001 is free.\n',
    );
    expect(error.hint).toBe('Pass another --port; 3001 is free.');
  });

  it('keeps the lines of a multi-line report, escaping only what would drive the terminal', () => {
    const { output, printed } = capture();
    reportError(
      new UserError(
        'inventory did not become ready.\nLast 1 log lines of inventory:\n  boom \u001b[2J',
        'Look.',
        1,
      ),
      output,
    );
    expect(printed()).toBe(
      'error inventory did not become ready.\nLast 1 log lines of inventory:\n  boom \\e[2J\nLook.\n',
    );
  });

  it('keeps the exit code a UserError asks for (1: ran and found problems)', () => {
    const { output } = capture();
    expect(reportError(new UserError('orders did not become ready', undefined, 1), output)).toBe(1);
  });

  it('maps a cancelled prompt to 130, never to success', () => {
    const { output, printed } = capture();
    const promptCancel = Object.assign(new Error('User force closed the prompt with SIGINT'), {
      name: 'ExitPromptError',
    });
    expect(reportError(promptCancel, output)).toBe(130);
    expect(reportError(new CancelledError(), output)).toBe(130);
    expect(printed()).toContain('Cancelled.');
  });

  it('treats anything unexpected as a bug: stack and a request to report it, exit 2', () => {
    const { output, printed } = capture();
    expect(reportError(new TypeError('x is undefined'), output)).toBe(2);
    expect(printed()).toMatch(/TypeError: x is undefined\n\s+at /);
    expect(printed()).toContain('This is a bug in msctl');
  });

  it('passes a command’s own exit code through silently', () => {
    const { output, printed } = capture();
    expect(reportError(new ExitError(1), output)).toBe(1);
    expect(printed()).toBe('');
  });

  it('maps commander outcomes: help is 0, usage errors are 2', () => {
    const { output } = capture();
    expect(reportError(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'), output)).toBe(0);
    expect(
      reportError(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"), output),
    ).toBe(2);
  });

  it('prints every problem of a ConfigError', () => {
    const { output, printed } = capture();
    const error = new ConfigError('msctl.yaml', 'version: 2\nname: x\n', [
      {
        file: 'msctl.yaml',
        line: 1,
        column: 10,
        length: 1,
        message: 'version: Invalid input: expected 1',
        code: 'invalid-value',
      },
      { file: 'msctl.yaml', line: 2, column: 7, length: 1, message: 'name too short', code: 'invalid-value' },
    ]);
    expect(reportError(error, output)).toBe(2);
    expect(printed()).toContain('msctl.yaml:1:10 error version: Invalid input: expected 1');
    expect(printed()).toContain('msctl.yaml:2:7 error name too short');
    expect(printed()).toContain('msctl.yaml has 2 problems.');
  });
});

describe('reportError with --json: errors are JSON on stdout too', () => {
  function split(): { output: Output; stdout: () => string; stderr: () => string } {
    const out: string[] = [];
    const err: string[] = [];
    const sink = (lines: string[]) =>
      ({ write: (chunk: string) => lines.push(chunk) }) as unknown as NodeJS.WritableStream;
    return {
      output: createOutput({ stdout: sink(out), stderr: sink(err), env: { NO_COLOR: '1' } }),
      stdout: () => out.join(''),
      stderr: () => err.join(''),
    };
  }

  it.each([
    [
      new UserError('No msctl.yaml found.', 'Run `msctl init`.'),
      { message: 'No msctl.yaml found.', hint: 'Run `msctl init`.', exitCode: 2 },
    ],
    [new CancelledError(), { message: 'Cancelled.', exitCode: 130 }],
    [
      new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"),
      {
        message: "unknown option '--x'",
        hint: 'Run the command with --help for usage and examples.',
        exitCode: 2,
      },
    ],
    [
      new TypeError('boom'),
      {
        message: 'boom',
        hint: 'This is a bug in msctl. Please report it with the output above.',
        exitCode: 2,
      },
    ],
  ])('%s', (error, expected) => {
    const { output, stdout, stderr } = split();
    expect(reportError(error, output, { json: true })).toBe(expected.exitCode);
    expect(JSON.parse(stdout())).toEqual({ error: expected });
    if (!(error instanceof CommanderError)) expect(stderr()).toContain(expected.message);
  });

  it('lists the problems of a ConfigError', () => {
    const { output, stdout } = split();
    const issue = {
      file: 'msctl.yaml',
      line: 1,
      column: 10,
      length: 1,
      message: 'version: expected 1',
      code: 'invalid-value',
    };
    reportError(new ConfigError('msctl.yaml', 'version: 2\n', [issue]), output, { json: true });
    expect(JSON.parse(stdout()).error).toMatchObject({
      message: 'msctl.yaml has 1 problem',
      exitCode: 2,
      issues: [issue],
    });
  });

  it('prints nothing more for a command that chose its exit code, nor without --json', () => {
    const { output, stdout } = split();
    expect(reportError(new ExitError(1), output, { json: true })).toBe(1);
    reportError(new UserError('x'), output);
    expect(stdout()).toBe('');
  });
});

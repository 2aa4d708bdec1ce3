import { createRequire } from 'node:module';
import { type Command, CommanderError } from 'commander';
import {
  CancelledError,
  ConfigError,
  type ConfigIssue,
  ExitCode,
  ExitError,
  UserError,
} from '../core/errors.js';
import { printable } from '../core/printable.js';
import { createOutput, type Output } from './output.js';
import { isPromptCancel } from './prompts.js';

// The code frame library is for configuration errors only; loading it on every run costs 3 MB and 6 ms.
const require = createRequire(import.meta.url);

/**
 * The one place that turns the outcome of a command into output and an exit code: expected errors print what
 * happened and what to do, without a stack; anything else is a bug and prints its stack.
 */
export async function runCli(buildProgram: () => Command, argv: readonly string[]): Promise<void> {
  const output = createOutput();
  // A reader that stops early (`msctl lint | head`) is not an error: end quietly with the code we have.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  const program = buildProgram();
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    process.exitCode = reportError(error, output, { json: asksForJson(argv) });
  }
}

/** `--json` anywhere before `--`: a script reads stdout, so errors go there as JSON too. */
function asksForJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/** What `--json` prints on stdout when a command fails: `{ "error": { message, hint, exitCode } }`. */
export interface JsonError {
  error: { message: string; hint?: string; exitCode: number; issues?: readonly ConfigIssue[] };
}

/**
 * Prints an error the way its kind deserves and returns the exit code it maps to. With `json`, the error is
 * also printed on stdout as a JsonError; the text on stderr stays for the person watching.
 */
export function reportError(error: unknown, output: Output, options: { json?: boolean } = {}): number {
  const outcome = describeError(error, output);
  if (outcome.json && options.json) output.json({ error: outcome.json } satisfies JsonError);
  return outcome.exitCode;
}

function describeError(error: unknown, output: Output): { exitCode: number; json?: JsonError['error'] } {
  const debug = process.env.MSCTL_DEBUG === '1';
  if (error instanceof ExitError) return { exitCode: error.exitCode };
  if (error instanceof CommanderError) {
    if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code))
      return { exitCode: ExitCode.ok };
    // commander has printed the message already; usage errors are "could not run".
    if (error.exitCode === 0) return { exitCode: ExitCode.ok };
    const message = error.message.replace(/^error: /, '');
    return {
      exitCode: ExitCode.couldNotRun,
      json: { message, hint: USAGE_HINT, exitCode: ExitCode.couldNotRun },
    };
  }
  if (isPromptCancel(error)) error = new CancelledError();
  if (error instanceof CancelledError && error.shown) {
    // The prompt has collapsed to its one line saying so.
  } else if (error instanceof ConfigError) {
    output.error(renderConfigError(error, output));
  } else if (error instanceof UserError) {
    output.error(`${output.color.red('error')} ${printableLines(error.message)}`);
    if (error.hint) output.error(printableLines(error.hint));
  } else {
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    output.error(stack);
    output.error(`\n${BUG_HINT}`);
    const message = error instanceof Error ? error.message : String(error);
    return {
      exitCode: ExitCode.couldNotRun,
      json: { message, hint: BUG_HINT, exitCode: ExitCode.couldNotRun },
    };
  }
  if (debug && error instanceof Error && error.stack) output.error(error.stack);
  const { message, hint, exitCode } = error as UserError;
  const issues = error instanceof ConfigError ? { issues: error.issues } : {};
  return { exitCode, json: { message, ...(hint !== undefined && { hint }), exitCode, ...issues } };
}

/** A report's own line breaks stay; anything else that would drive the terminal is shown escaped. */
function printableLines(text: string): string {
  return text
    .split('\n')
    .map((line) => printable(line))
    .join('\n');
}

const USAGE_HINT = 'Run the command with --help for usage and examples.';
const BUG_HINT = 'This is a bug in msctl. Please report it with the output above.';

/** `file:line:col message` and a short code frame for every problem, then one line of what to do. */
export function renderConfigError(error: ConfigError, output: Output): string {
  const { codeFrameColumns } = require('@babel/code-frame') as typeof import('@babel/code-frame');
  // The file's own text never reaches the terminal as it is: an escape sequence in it would be obeyed.
  const lines = error.source.split(/\r\n|[\n\r\u2028\u2029]/);
  const shown = lines.map((line) => printable(line, { keepTabs: true })).join('\n');
  const blocks = error.issues.map((issue) => {
    const line = lines[issue.line - 1] ?? '';
    // Columns move where characters before them became escapes; the frame's count from 0 where ours count from 1.
    const start = shownColumn(line, issue.column - 1);
    const end = shownColumn(line, issue.column - 1 + issue.length);
    const frame = codeFrameColumns(
      shown,
      {
        start: { line: issue.line, column: start },
        end: { line: issue.line, column: Math.max(end, start + 1) },
      },
      { highlightCode: false, linesAbove: 1, linesBelow: 1 },
    );
    const position = printable(`${issue.file}:${issue.line}:${issue.column}`);
    return `${output.color.bold(position)} ${output.color.red('error')} ${printable(issue.message)} ${output.color.dim(`[${issue.code}]`)}\n${frame}`;
  });
  return `${blocks.join('\n\n')}\n\n${printable(error.message)}. ${error.hint ?? ''}`.trimEnd();
}

function shownColumn(line: string, column: number): number {
  return printable(line.slice(0, column), { keepTabs: true }).length;
}

import { plural } from './plural.js';

/** Exit codes are an API: see docs/exit-codes.md. */
export const ExitCode = {
  ok: 0,
  problemsFound: 1,
  couldNotRun: 2,
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure: printed as message and hint, without a stack. */
export class UserError extends Error {
  override readonly name: string = 'UserError';
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: ExitCode = ExitCode.couldNotRun,
  ) {
    super(message);
  }
}

/** One problem in a configuration file, placed at its line and column (1-based). */
export interface ConfigIssue {
  file: string;
  line: number;
  column: number;
  /** Length of the offending text on its line, for the code frame underline. */
  length: number;
  message: string;
  /** Stable identifier of the kind of problem, e.g. `unknown-key`, `dependency-cycle`. */
  code: string;
}

/** Every problem found in a configuration file, all at once. */
export class ConfigError extends UserError {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly source: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(
      `${file} has ${plural(issues.length, 'problem')}`,
      `Fix ${issues.length === 1 ? 'it' : 'them'} and run the command again; \`msctl schema\` prints the JSON Schema editors can check it with.`,
    );
  }
}

/** The user cancelled (Ctrl-C, a cancelled prompt): never read as success. */
export class CancelledError extends UserError {
  override readonly name = 'CancelledError';
  constructor(message = 'Cancelled.') {
    super(message, undefined, ExitCode.cancelled);
  }
}

/** A command ran and wants to end with this exit code without printing anything more. */
export class ExitError extends Error {
  override readonly name = 'ExitError';
  constructor(readonly exitCode: ExitCode) {
    super(`exit ${exitCode}`);
  }
}

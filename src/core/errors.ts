import { plural } from './plural.js';

/** Exit codes are an API: see docs/exit-codes.md. */
export const ExitCode = {
  ok: 0,
  problemsFound: 1,
  couldNotRun: 2,
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An option of a core request (`port`, `dependsOn`), named in an error; each surface spells it its own way. */
export class OptionName {
  constructor(readonly name: string) {}
}

/** Names an option in a `wording` template. */
export const option = (name: string): OptionName => new OptionName(name);

/**
 * Text that names options: the command line reads `--depends-on`, an MCP tool its argument `dependsOn`. Errors
 * written with it can be told to every caller in terms of what that caller can pass.
 */
export class Wording {
  constructor(private readonly parts: readonly (string | OptionName)[]) {}

  /** The options the text names. */
  get options(): string[] {
    return this.parts.flatMap((part) => (part instanceof OptionName ? [part.name] : []));
  }

  spell(spelling: (option: string) => string): string {
    return this.parts.map((part) => (part instanceof OptionName ? spelling(part.name) : part)).join('');
  }
}

/** A `Wording` from a template literal: wording`Pass another ${option('port')}.` */
export function wording(strings: TemplateStringsArray, ...values: unknown[]): Wording {
  const parts: (string | OptionName)[] = [];
  strings.forEach((text, index) => {
    parts.push(text);
    if (index < values.length) {
      const value = values[index];
      parts.push(value instanceof OptionName ? value : String(value));
    }
  });
  return new Wording(parts);
}

/** `dependsOn` -> `--depends-on`: how the command line spells an option. */
export const flagSpelling = (name: string): string =>
  `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

const asText = (text: string | Wording | undefined): string | undefined =>
  text instanceof Wording ? text.spell(flagSpelling) : text;

/** An expected failure: printed as message and hint, without a stack. */
export class UserError extends Error {
  override readonly name: string = 'UserError';
  /** Message and hint as written, for callers that spell options otherwise than the command line. */
  readonly wording: { message: string | Wording; hint?: string | Wording | undefined };
  /** What to do next, with options spelled as command-line flags. */
  readonly hint?: string;
  constructor(
    message: string | Wording,
    hint?: string | Wording,
    readonly exitCode: ExitCode = ExitCode.couldNotRun,
  ) {
    super(asText(message));
    this.wording = { message, hint };
    const text = asText(hint);
    if (text !== undefined) this.hint = text;
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
  /** The cancel has been shown where it happened (a prompt's own line): the runner prints nothing more. */
  readonly shown: boolean;
  constructor(message = 'Cancelled.', { shown = false }: { shown?: boolean } = {}) {
    super(message, undefined, ExitCode.cancelled);
    this.shown = shown;
  }
}

/** A command ran and wants to end with this exit code without printing anything more. */
export class ExitError extends Error {
  override readonly name = 'ExitError';
  constructor(readonly exitCode: ExitCode) {
    super(`exit ${exitCode}`);
  }
}

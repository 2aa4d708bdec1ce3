import { createRequire } from 'node:module';
import type { ChalkInstance } from 'chalk';

// chalk (and the terminal modules it loads) costs a command 5 MB and 8 ms: it is loaded when a colour is first used.
const require = createRequire(import.meta.url);

/** Where a command writes, and whether it may use colour and prompts. */
export interface Output {
  /** Colours, at level 0 (none) when they are off; created on first use. */
  readonly color: ChalkInstance;
  /** Whether `color` paints: the one thing to ask before formatting for a terminal. */
  colored: boolean;
  /** Both stdin and stdout are terminals: prompts and spinners are allowed. */
  interactive: boolean;
  /** Columns of the terminal: stdout's own on a TTY, else `COLUMNS`; undefined when neither says. */
  width: number | undefined;
  print(text: string): void;
  error(text: string): void;
  json(value: unknown): void;
}

export interface OutputStreams {
  stdout: NodeJS.WriteStream | NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  stdin?: NodeJS.ReadStream | NodeJS.ReadableStream;
  env?: NodeJS.ProcessEnv;
}

const isTTY = (stream: unknown): boolean => Boolean((stream as { isTTY?: boolean } | undefined)?.isTTY);

/** Colour follows https://no-color.org and FORCE_COLOR, else only when stdout is a terminal. */
export function colorEnabled(stdout: unknown, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY(stdout);
}

export function createOutput(streams: OutputStreams = process): Output {
  const env = streams.env ?? process.env;
  const colored = colorEnabled(streams.stdout, env);
  let color: ChalkInstance | undefined;
  return {
    get color() {
      const { Chalk } = require('chalk') as typeof import('chalk');
      color ??= new Chalk({ level: colored ? 1 : 0 });
      return color;
    },
    colored,
    // Asked only by commands that prompt: the first read of process.stdin opens it as a stream, which loads
    // fs streams, readline and fs/promises (about 1 MB) into every command.
    get interactive() {
      return isTTY(streams.stdin) && isTTY(streams.stdout) && env.CI !== 'true';
    },
    get width() {
      const columns = isTTY(streams.stdout) ? (streams.stdout as NodeJS.WriteStream).columns : undefined;
      if (columns !== undefined && columns > 0) return columns;
      const configured = Number(env.COLUMNS);
      return Number.isInteger(configured) && configured > 0 ? configured : undefined;
    },
    print: (text) => void streams.stdout.write(`${text}\n`),
    error: (text) => void streams.stderr.write(`${text}\n`),
    json: (value) => void streams.stdout.write(`${jsonForTerminal(value)}\n`),
  };
}

/**
 * JSON as JSON.stringify writes it, with the characters it leaves raw that a terminal may obey (DEL, the C1
 * controls, bidirectional overrides) written as \u escapes: the same JSON to a parser.
 */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

import { Chalk, type ChalkInstance } from 'chalk';

/** Where a command writes, and whether it may use colour and prompts. */
export interface Output {
  color: ChalkInstance;
  /** Both stdin and stdout are terminals: prompts and spinners are allowed. */
  interactive: boolean;
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
  return {
    color: new Chalk({ level: colorEnabled(streams.stdout, env) ? 1 : 0 }),
    interactive: isTTY(streams.stdin) && isTTY(streams.stdout) && env.CI !== 'true',
    print: (text) => void streams.stdout.write(`${text}\n`),
    error: (text) => void streams.stderr.write(`${text}\n`),
    json: (value) => void streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
}

import { stripVTControlCharacters } from 'node:util';
import { Terminal } from '@xterm/headless';
import { execa } from 'execa';

export const SCRIPT = '/usr/bin/script';

export interface TerminalRun {
  exitCode: number;
  /** Everything written to the terminal, escape sequences included. */
  raw: string;
  /** What the terminal shows at the end, one string per line, trailing blank lines left out. */
  screen: string[];
  /** What it showed when each step's `waitFor` appeared, before its keys were typed. */
  screensAtSteps: string[][];
}

/**
 * Runs a built binary under a pseudo-terminal (util-linux `script`), as a person at a terminal would: each step
 * waits until the output shows `waitFor`, then types `keys`.
 */
export async function runOnTerminal(
  bin: string,
  args: readonly string[],
  options: { cwd: string; steps?: readonly { waitFor: RegExp; keys: string }[]; columns?: number },
): Promise<TerminalRun> {
  const columns = options.columns ?? 80;
  const quoted = [process.execPath, bin, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = execa(SCRIPT, ['-qfec', `stty cols ${columns} rows 24; exec ${quoted}`, '/dev/null'], {
    cwd: options.cwd,
    env: { NO_COLOR: '1', FORCE_COLOR: undefined, CI: undefined, MSCTL_DEBUG: undefined, COLUMNS: undefined },
    reject: false,
    // A step whose text never shows would wait for keys forever: the run fails instead.
    timeout: 30_000,
    stdin: 'pipe',
    stripFinalNewline: false,
  });
  let raw = '';
  const steps = [...(options.steps ?? [])];
  const atSteps: Promise<string[]>[] = [];
  let seen = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    raw += chunk.toString();
    seen += chunk.toString();
    const next = steps[0];
    if (next?.waitFor.test(stripVTControlCharacters(seen))) {
      steps.shift();
      seen = '';
      atSteps.push(screenOf(raw, columns));
      // A moment for the prompt to finish drawing before the keys arrive, as a person's hands would take.
      setTimeout(() => child.stdin?.write(next.keys), 50);
    }
  });
  const result = await child;
  return {
    exitCode: result.exitCode ?? -1,
    raw,
    screen: await screenOf(raw, columns),
    screensAtSteps: await Promise.all(atSteps),
  };
}

async function screenOf(raw: string, columns: number): Promise<string[]> {
  const terminal = new Terminal({ cols: columns, rows: 24, scrollback: 1000, allowProposedApi: true });
  await new Promise<void>((resolve) => terminal.write(raw, resolve));
  const buffer = terminal.buffer.active;
  const lines = Array.from({ length: buffer.length }, (_, index) =>
    (buffer.getLine(index)?.translateToString(true) ?? '').trimEnd(),
  );
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

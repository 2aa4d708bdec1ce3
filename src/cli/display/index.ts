import type { UpEvent } from '../../core/runtime/execute.js';
import type { CommandContext } from '../context.js';
import type { RowSpec } from './model.js';

/** How `up` shows its progress: live rows on a terminal, lines in CI and pipes, JSON lines for tools. */
export type ProgressMode = 'tty' | 'plain' | 'json';

export const PROGRESS_MODES = ['auto', 'tty', 'plain', 'json'] as const;

/** One writer per mode behind one interface: the runtime emits events and never knows which one listens. */
export interface UpDisplay {
  /** The rows, in the order the plan starts them. */
  begin(rows: readonly RowSpec[]): void;
  event(event: UpEvent): void;
  /** A line for the user outside the rows: a warning, "Stopping…". */
  note(text: string): void;
  /** Stops live updates and leaves the last frame on screen. */
  end(): void;
}

/** `--progress` beats MSCTL_PROGRESS; `auto` (or neither) means live rows when stderr is a terminal. */
export function chooseProgressMode(
  flag: string | undefined,
  environment: string | undefined,
  stderrIsTerminal: boolean,
): ProgressMode | { invalid: string; from: string } {
  const [wanted, from] =
    flag !== undefined ? [flag, '--progress'] : environment ? [environment, 'MSCTL_PROGRESS'] : ['auto', ''];
  if (!(PROGRESS_MODES as readonly string[]).includes(wanted)) return { invalid: wanted, from };
  if (wanted === 'auto') return stderrIsTerminal ? 'tty' : 'plain';
  return wanted as ProgressMode;
}

/** The writer for a mode: live rows and lines on stderr, JSON lines on stdout. */
export async function createUpDisplay(
  mode: ProgressMode,
  context: CommandContext,
  options: { verbose: boolean },
): Promise<UpDisplay> {
  const { output } = context;
  if (mode === 'json') {
    const { jsonDisplay } = await import('./json.js');
    return jsonDisplay({
      write: output.print,
      note: output.error,
      clock: Date.now,
      verbose: options.verbose,
    });
  }
  if (mode === 'plain') {
    const [{ plainDisplay }, { serviceColor }] = await Promise.all([
      import('./plain.js'),
      import('../commands/logs.js'),
    ]);
    return plainDisplay({
      write: output.error,
      color: output.color,
      paint: (node) => serviceColor(output.color, node),
      verbose: options.verbose,
    });
  }
  const { ttyDisplay } = await import('./tty.js');
  return ttyDisplay({ stream: process.stderr, color: output.color, verbose: options.verbose });
}

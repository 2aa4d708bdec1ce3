import type { ChalkInstance } from 'chalk';
import cliTruncate from 'cli-truncate';
import type { Row, UpModel } from './model.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SPINNER_FRAME_MS = 80;
const STATUS_WIDTH = 24;

const seconds = (milliseconds: number) => `${(Math.max(0, milliseconds) / 1000).toFixed(1)} s`;

/** What a row says now: `building 3/6 (4.1 s)`, `waiting for postgres`, `healthy (1.2 s)`. */
export function statusText(row: Row, now: number): string {
  const elapsed = seconds(now - row.since);
  switch (row.phase) {
    case 'pending':
      return 'pending';
    case 'pulling':
      return `pulling (${elapsed})`;
    case 'building':
      return row.build && row.build.total > 0
        ? `building ${row.build.done}/${row.build.total} (${elapsed})`
        : `building (${elapsed})`;
    case 'pulled':
    case 'built':
      return `${row.phase} (${seconds((row.seconds ?? 0) * 1000)})`;
    case 'creating':
      return row.action === 'recreate' ? 'recreating' : row.action === 'start' ? 'starting' : 'creating';
    case 'waiting':
      return `waiting for ${row.waitingFor}`;
    case 'starting':
      return `starting (${elapsed})`;
    case 'checking':
      return 'checking';
    case 'healthy':
      return row.action === 'keep' ? 'healthy' : `healthy (${seconds((row.seconds ?? 0) * 1000)})`;
    case 'failed':
      return 'failed';
    case 'blocked':
      return 'not started';
  }
}

export interface FrameOptions {
  now: number;
  /** Columns of the terminal: every line fits, none wraps. */
  width: number;
  color: ChalkInstance;
}

/** One line per row, in the plan's order: a glyph, the name, what it does now, and why (dimmed). */
export function renderFrame(model: UpModel, options: FrameOptions): string[] {
  const rows = [...model.rows.values()];
  const nameWidth = Math.max(0, ...rows.map((row) => row.node.length));
  return rows.map((row) => {
    const status = statusText(row, options.now);
    const note = row.phase === 'failed' || row.phase === 'blocked' ? row.reason : row.note;
    const line = `${glyph(row, options)} ${row.node.padEnd(nameWidth)}  ${paint(row, status.padEnd(STATUS_WIDTH), options.color)}${note ? `  ${options.color.dim(note)}` : ''}`;
    return cliTruncate(line.trimEnd(), Math.max(1, options.width), { position: 'end' });
  });
}

function glyph(row: Row, options: FrameOptions): string {
  const { color } = options;
  switch (row.phase) {
    case 'healthy':
      return color.green('✔');
    case 'failed':
      return color.red('✘');
    case 'blocked':
      return color.dim('-');
    case 'pending':
      return color.dim('·');
    default:
      return color.cyan(SPINNER[Math.floor(options.now / SPINNER_FRAME_MS) % SPINNER.length]);
  }
}

function paint(row: Row, text: string, color: ChalkInstance): string {
  if (row.phase === 'healthy') return color.green(text);
  if (row.phase === 'failed') return color.red(text);
  if (row.phase === 'pending' || row.phase === 'blocked') return color.dim(text);
  return text;
}

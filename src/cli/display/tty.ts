import { stripVTControlCharacters } from 'node:util';
import ansiEscapes from 'ansi-escapes';
import type { ChalkInstance } from 'chalk';
import { createLogUpdate } from 'log-update';
import type { UpDisplay } from './index.js';
import { renderFrame } from './layout.js';
import { UpModel } from './model.js';

/** The part of a terminal stream the live view uses. */
export interface TerminalStream {
  columns?: number | undefined;
  rows?: number | undefined;
  write(text: string): unknown;
  on?(event: 'resize', listener: () => void): unknown;
  off?(event: 'resize', listener: () => void): unknown;
}

const REDRAW_MS = 100;
const DEFAULT_COLUMNS = 80;
const DEFAULT_ROWS = 24;

/**
 * On a terminal: one live row per service and infra, redrawn in place as events arrive and as time passes.
 * Lines never wrap (they are cut to the width, again after a resize); notes and removals print above the rows.
 */
export function ttyDisplay(options: {
  stream: TerminalStream;
  color: ChalkInstance;
  clock?: () => number;
  verbose: boolean;
}): UpDisplay {
  const { stream, color } = options;
  const clock = options.clock ?? Date.now;
  // A pseudo-terminal may report 0 columns and rows before anyone sizes it.
  const terminal = {
    isTTY: true,
    get columns() {
      return stream.columns || DEFAULT_COLUMNS;
    },
    get rows() {
      return stream.rows || DEFAULT_ROWS;
    },
    write: (text: string) => stream.write(text),
  };
  const update = createLogUpdate(terminal as unknown as NodeJS.WriteStream);
  const model = new UpModel();
  let timer: NodeJS.Timeout | undefined;
  let live = false;
  let drawn: string[] = [];
  let nameWidth = 0;
  // One column is left free: a line as wide as the terminal makes some terminals wrap at once.
  const frame = () => {
    drawn = renderFrame(model, { now: clock(), width: terminal.columns - 1, color });
    return drawn.join('\n');
  };
  const draw = () => {
    if (live) update(frame());
  };
  // A narrower terminal re-wraps the rows already drawn: erase as many lines as they fill now, then redraw.
  const resize = () => {
    if (!live) return;
    const height = drawn.reduce(
      (lines, line) =>
        lines + Math.max(1, Math.ceil([...stripVTControlCharacters(line)].length / terminal.columns)),
      0,
    );
    update.done();
    stream.write(ansiEscapes.eraseLines(height + 1));
    update(frame());
  };
  const above = (text: string) => {
    if (!live) {
      stream.write(`${text}\n`);
      return;
    }
    update.clear();
    stream.write(`${text}\n`);
    update(frame());
  };
  return {
    begin(rows) {
      model.begin(rows, clock());
      nameWidth = Math.max(0, ...rows.map((row) => row.node.length));
      live = true;
      draw();
      timer = setInterval(draw, REDRAW_MS);
      timer.unref();
      stream.on?.('resize', resize);
    },
    event(event) {
      if (event.type === 'removed') above(`removed ${event.name} (${event.cause})`);
      else if (event.type === 'build-output') {
        if (options.verbose) above(color.dim(`${event.node.padEnd(nameWidth)} | ${event.line}`));
      } else if (model.apply(event, clock())) draw();
    },
    note: above,
    end() {
      if (!live) return;
      draw();
      live = false;
      clearInterval(timer);
      stream.off?.('resize', resize);
      update.done();
    },
  };
}

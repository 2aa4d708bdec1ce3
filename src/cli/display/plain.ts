import type { ChalkInstance } from 'chalk';
import type { UpEvent } from '../../core/runtime/execute.js';
import type { UpDisplay } from './index.js';

/** What an event says as one line's status, or nothing when it changes no state worth a line. */
export function plainStatus(event: UpEvent): string | undefined {
  switch (event.type) {
    case 'step':
      return event.action === 'keep' ? 'up to date' : `${event.action} (${event.cause})`;
    case 'image-ready':
      return `${event.action === 'build' ? 'built' : 'pulled'} in ${event.seconds.toFixed(1)} s`;
    case 'waiting':
      return `waiting for ${event.for}`;
    case 'started':
      return event.action === 'keep' ? undefined : 'starting';
    case 'ready':
      return `healthy (${event.seconds.toFixed(1)} s)`;
    case 'failed':
      return `failed: ${event.reason}`;
    case 'blocked':
      return `not started: ${event.by} failed`;
    default:
      return undefined;
  }
}

/**
 * Without a terminal (CI, pipes): one line per state change, names aligned, no timestamps, no redraws. Build
 * output only with `--verbose`.
 */
export function plainDisplay(options: {
  write: (line: string) => void;
  color: ChalkInstance;
  paint: (node: string) => (text: string) => string;
  verbose: boolean;
}): UpDisplay {
  let width = 0;
  const line = (name: string, text: string) =>
    options.write(`${options.paint(name)(name.padEnd(width))}  ${text}`);
  return {
    begin(rows) {
      width = Math.max(0, ...rows.map((row) => row.node.length));
    },
    event(event) {
      if (event.type === 'removed') {
        options.write(`removed ${event.name} (${event.cause})`);
      } else if (event.type === 'build-output') {
        if (options.verbose) line(event.node, options.color.dim(`| ${event.line}`));
      } else {
        const status = plainStatus(event);
        if (status !== undefined) line(event.node, status);
      }
    },
    note: (text) => options.write(text),
    end: () => undefined,
  };
}

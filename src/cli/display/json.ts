import type { UpEvent } from '../../core/runtime/execute.js';
import type { UpDisplay } from './index.js';

/**
 * One JSON object per line for tools and agents: `type`, `time` (ISO 8601), `service` for every event about a
 * service or infra node, and the event's own fields (documented in docs/up.md). Build output only with
 * `--verbose`.
 */
export function jsonDisplay(options: {
  write: (line: string) => void;
  /** Messages for people go elsewhere (stderr), keeping the event stream parseable. */
  note: (text: string) => void;
  clock: () => number;
  verbose: boolean;
}): UpDisplay {
  return {
    begin(rows) {
      const services = rows.map((row) => ({ service: row.node, kind: row.kind }));
      options.write(
        JSON.stringify({ type: 'plan', time: new Date(options.clock()).toISOString(), services }),
      );
    },
    event(event) {
      if (event.type === 'build-output' && !options.verbose) return;
      options.write(JSON.stringify(jsonEvent(event, options.clock())));
    },
    note: options.note,
    end: () => undefined,
  };
}

export function jsonEvent(event: UpEvent, now: number): Record<string, unknown> {
  const time = new Date(now).toISOString();
  if (event.type === 'removed') return { type: 'removed', time, container: event.name, cause: event.cause };
  const { type, node, ...fields } = event;
  return { type, time, service: node, ...fields };
}

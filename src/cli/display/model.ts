import type { UpEvent } from '../../core/runtime/execute.js';

/** A row of the `up` view: a service or an infra container of the plan. */
export interface RowSpec {
  node: string;
  kind: 'service' | 'infra';
}

export type Phase =
  | 'pending'
  | 'pulling'
  | 'building'
  | 'pulled'
  | 'built'
  | 'creating'
  | 'waiting'
  | 'starting'
  | 'checking'
  | 'healthy'
  | 'failed'
  | 'blocked';

/** What one row shows, folded from the events so far. */
export interface Row extends RowSpec {
  phase: Phase;
  /** When the current phase began, in the clock's milliseconds: live rows count from here. */
  since: number;
  /** What happens to the container: `create`, `recreate`, `start` or `keep`, once known. */
  action?: string | undefined;
  /** The latest step with its cause, as a reason: `build (no image yet)`, `recreate (image changed)`. */
  note?: string | undefined;
  build?: { done: number; total: number } | undefined;
  waitingFor?: string | undefined;
  /** Seconds the finished phase took (a build, a pull, becoming ready). */
  seconds?: number | undefined;
  /** Why a row failed or was not started. */
  reason?: string | undefined;
  url?: string | undefined;
}

const ACTION_PHASE: Record<string, Phase> = {
  create: 'creating',
  recreate: 'creating',
  start: 'creating',
  keep: 'checking',
};

/** The per-service state of `up`, folded from its events; every writer renders from it or from the events. */
export class UpModel {
  readonly rows = new Map<string, Row>();

  begin(rows: readonly RowSpec[], now: number): void {
    for (const spec of rows) this.rows.set(spec.node, { ...spec, phase: 'pending', since: now });
  }

  /** Applies one event; false when it changed no row (output lines, removals, unknown nodes). */
  apply(event: UpEvent, now: number): boolean {
    if (event.type === 'removed' || event.type === 'build-output') return false;
    const row = this.rows.get(event.node);
    if (!row) return false;
    const enter = (phase: Phase) => {
      if (row.phase !== phase) row.since = now;
      row.phase = phase;
    };
    switch (event.type) {
      case 'step':
        row.note = event.action === 'keep' ? 'up to date' : `${event.action} (${event.cause})`;
        if (event.action === 'build') row.build = { done: 0, total: 0 };
        if (event.action === 'build' || event.action === 'pull') {
          enter(event.action === 'build' ? 'building' : 'pulling');
        } else {
          row.action = event.action;
          enter(ACTION_PHASE[event.action] ?? 'creating');
        }
        return true;
      case 'build-progress':
        row.build = { done: event.done, total: event.total };
        return true;
      case 'image-ready':
        row.seconds = event.seconds;
        enter(event.action === 'build' ? 'built' : 'pulled');
        return true;
      case 'waiting':
        row.waitingFor = event.for;
        enter('waiting');
        // A row waits for one dependency at a time: the clock restarts for each.
        row.since = now;
        return true;
      case 'started':
        enter(event.action === 'keep' ? 'checking' : 'starting');
        return true;
      case 'ready':
        row.seconds = event.seconds;
        row.url = event.url;
        enter('healthy');
        return true;
      case 'failed':
        row.reason = event.reason;
        enter('failed');
        return true;
      case 'blocked':
        row.reason = `${event.by} failed`;
        enter('blocked');
        return true;
      default:
        return false;
    }
  }

  /** True once every row has reached an end: healthy, failed or not started. */
  settled(): boolean {
    return [...this.rows.values()].every((row) => ['healthy', 'failed', 'blocked'].includes(row.phase));
  }
}

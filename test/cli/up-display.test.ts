import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Terminal } from '@xterm/headless';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { chooseProgressMode } from '../../src/cli/display/index.js';
import { jsonDisplay } from '../../src/cli/display/json.js';
import { renderFrame } from '../../src/cli/display/layout.js';
import { type RowSpec, UpModel } from '../../src/cli/display/model.js';
import { plainDisplay } from '../../src/cli/display/plain.js';
import { ttyDisplay } from '../../src/cli/display/tty.js';
import type { UpEvent } from '../../src/core/runtime/execute.js';
import { repositoryRoot } from '../support/cli.js';

const color = new Chalk({ level: 0 });
const ROWS = recorded('ready').rows;

/** A recorded run as `up --progress json` printed it: the fixture is the JSON writer's golden output too. */
function recorded(name: string): {
  lines: string[];
  rows: RowSpec[];
  events: { at: number; event: UpEvent }[];
} {
  const text = readFileSync(path.join(repositoryRoot, 'test/fixtures/up-events', `${name}.jsonl`), 'utf8');
  const lines = text.trimEnd().split('\n');
  const [plan, ...rest] = lines.map((line) => JSON.parse(line));
  const start = Date.parse(plan.time);
  return {
    lines,
    rows: plan.services.map((row: { service: string; kind: RowSpec['kind'] }) => ({
      node: row.service,
      kind: row.kind,
    })),
    events: rest.map(({ time, service, container, ...fields }) => {
      const event = (
        fields.type === 'removed' ? { ...fields, name: container } : { ...fields, node: service }
      ) as UpEvent;
      return { at: Date.parse(time) - start, event };
    }),
  };
}

/** Every frame the live view draws, one after each event, as the terminal shows it without colour. */
function frames(name: string, width = 80): string {
  const model = new UpModel();
  model.begin(ROWS, 0);
  return recorded(name)
    .events.map(({ at, event }) => {
      model.apply(event, at);
      return `@${(at / 1000).toFixed(2)} s ${event.type}\n${renderFrame(model, { now: at, width, color }).join('\n')}`;
    })
    .join('\n\n');
}

/** A headless terminal behind a stream as the live view writes to it; `screen()` is what it shows. */
function headlessTerminal(columns: number, rows: number) {
  // A terminal's line discipline turns each newline into CR LF; convertEol does the same here.
  const terminal = new Terminal({ cols: columns, rows, allowProposedApi: true, convertEol: true });
  let pending = Promise.resolve();
  const stream = {
    columns,
    rows,
    listeners: [] as (() => void)[],
    write(text: string) {
      pending = pending.then(() => new Promise<void>((resolve) => terminal.write(text, resolve)));
      return true;
    },
    on(_event: 'resize', listener: () => void) {
      this.listeners.push(listener);
    },
    off() {
      this.listeners = [];
    },
  };
  const screen = async () => {
    await pending;
    const buffer = terminal.buffer.active;
    return Array.from({ length: buffer.length }, (_, index) =>
      (buffer.getLine(index)?.translateToString(true) ?? '').trimEnd(),
    )
      .join('\n')
      .trimEnd();
  };
  return { terminal, stream, screen };
}

describe('the live up view (terminal)', () => {
  it('draws one row per service, frame by frame, from a recorded run', () => {
    expect(frames('ready')).toMatchInlineSnapshot(`
      "@0.00 s step
      · postgres   pending
      ⠋ inventory  building (0.0 s)          build (no image yet)
      · orders     pending

      @0.01 s step
      ⠋ postgres   pulling (0.0 s)           pull (not pulled yet)
      ⠋ inventory  building (0.0 s)          build (no image yet)
      · orders     pending

      @0.12 s build-progress
      ⠙ postgres   pulling (0.1 s)           pull (not pulled yet)
      ⠙ inventory  building 0/2 (0.1 s)      build (no image yet)
      · orders     pending

      @0.50 s build-progress
      ⠦ postgres   pulling (0.5 s)           pull (not pulled yet)
      ⠦ inventory  building 2/6 (0.5 s)      build (no image yet)
      · orders     pending

      @1.40 s image-ready
      ⠧ postgres   pulled (1.4 s)            pull (not pulled yet)
      ⠧ inventory  building 2/6 (1.4 s)      build (no image yet)
      · orders     pending

      @1.41 s step
      ⠧ postgres   creating                  create (new)
      ⠧ inventory  building 2/6 (1.4 s)      build (no image yet)
      · orders     pending

      @1.60 s started
      ⠋ postgres   starting (0.0 s)          create (new)
      ⠋ inventory  building 2/6 (1.6 s)      build (no image yet)
      · orders     pending

      @2.10 s build-progress
      ⠦ postgres   starting (0.5 s)          create (new)
      ⠦ inventory  building 3/6 (2.1 s)      build (no image yet)
      · orders     pending

      @4.10 s build-progress
      ⠙ postgres   starting (2.5 s)          create (new)
      ⠙ inventory  building 6/6 (4.1 s)      build (no image yet)
      · orders     pending

      @4.20 s image-ready
      ⠹ postgres   starting (2.6 s)          create (new)
      ⠹ inventory  built (4.2 s)             build (no image yet)
      · orders     pending

      @4.21 s step
      ⠹ postgres   starting (2.6 s)          create (new)
      ⠹ inventory  recreating                recreate (image changed)
      · orders     pending

      @4.30 s step
      ⠸ postgres   starting (2.7 s)          create (new)
      ⠸ inventory  recreating                recreate (image changed)
      ⠸ orders     checking                  up to date

      @4.31 s waiting
      ⠸ postgres   starting (2.7 s)          create (new)
      ⠸ inventory  recreating                recreate (image changed)
      ⠸ orders     waiting for inventory     up to date

      @4.40 s waiting
      ⠴ postgres   starting (2.8 s)          create (new)
      ⠴ inventory  waiting for postgres      recreate (image changed)
      ⠴ orders     waiting for inventory     up to date

      @6.80 s ready
      ✔ postgres   healthy (5.2 s)           create (new)
      ⠴ inventory  waiting for postgres      recreate (image changed)
      ⠴ orders     waiting for inventory     up to date

      @7.00 s started
      ✔ postgres   healthy (5.2 s)           create (new)
      ⠧ inventory  starting (0.0 s)          recreate (image changed)
      ⠧ orders     waiting for inventory     up to date

      @8.20 s ready
      ✔ postgres   healthy (5.2 s)           create (new)
      ✔ inventory  healthy (1.2 s)           recreate (image changed)
      ⠹ orders     waiting for inventory     up to date

      @8.21 s started
      ✔ postgres   healthy (5.2 s)           create (new)
      ✔ inventory  healthy (1.2 s)           recreate (image changed)
      ⠹ orders     checking                  up to date

      @8.30 s ready
      ✔ postgres   healthy (5.2 s)           create (new)
      ✔ inventory  healthy (1.2 s)           recreate (image changed)
      ✔ orders     healthy                   up to date"
    `);
  });

  it('shows a failed build and what it blocked', () => {
    expect(frames('build-failed')).toMatchInlineSnapshot(`
      "@0.00 s step
      · postgres   pending
      ⠋ inventory  building (0.0 s)          build (build context changed)
      · orders     pending

      @0.01 s removed
      · postgres   pending
      ⠋ inventory  building (0.0 s)          build (build context changed)
      · orders     pending

      @0.01 s step
      ⠋ postgres   checking                  up to date
      ⠋ inventory  building (0.0 s)          build (build context changed)
      · orders     pending

      @0.02 s started
      ⠋ postgres   checking                  up to date
      ⠋ inventory  building (0.0 s)          build (build context changed)
      · orders     pending

      @0.15 s ready
      ✔ postgres   healthy                   up to date
      ⠙ inventory  building (0.1 s)          build (build context changed)
      · orders     pending

      @0.30 s build-progress
      ✔ postgres   healthy                   up to date
      ⠸ inventory  building 2/5 (0.3 s)      build (build context changed)
      · orders     pending

      @2.60 s failed
      ✔ postgres   healthy                   up to date
      ✘ inventory  failed                    build failed at [3/4] RUN npm ci --omit=…
      · orders     pending

      @2.61 s blocked
      ✔ postgres   healthy                   up to date
      ✘ inventory  failed                    build failed at [3/4] RUN npm ci --omit=…
      - orders     not started               inventory failed"
    `);
  });

  it('counts live rows up as time passes between events', () => {
    const model = new UpModel();
    model.begin(ROWS, 0);
    for (const { at, event } of recorded('ready').events.slice(0, 4)) model.apply(event, at);
    expect(renderFrame(model, { now: 3150, width: 80, color })).toMatchInlineSnapshot(`
      [
        "⠏ postgres   pulling (3.1 s)           pull (not pulled yet)",
        "⠏ inventory  building 2/6 (3.1 s)      build (no image yet)",
        "· orders     pending",
      ]
    `);
  });

  it('never wraps: rows are cut to the terminal width, again after a resize, with the cursor kept in place', async () => {
    const { stream, terminal, screen } = headlessTerminal(44, 10);
    let now = 0;
    const display = ttyDisplay({ stream, color, clock: () => now, verbose: false });
    display.begin(ROWS);
    for (const { at, event } of recorded('ready').events.slice(0, 14)) {
      now = at;
      display.event(event);
    }
    display.note('a note prints above the rows');
    expect(await screen()).toMatchInlineSnapshot(`
      "a note prints above the rows
      ⠴ postgres   starting (2.8 s)          cre…
      ⠴ inventory  waiting for postgres      rec…
      ⠴ orders     waiting for inventory     up …"
    `);

    terminal.resize(30, 10);
    stream.columns = 30;
    for (const listener of stream.listeners) listener();
    for (const { at, event } of recorded('ready').events.slice(14)) {
      now = at;
      display.event(event);
    }
    display.end();
    expect(await screen()).toMatchInlineSnapshot(`
      "a note prints above the rows
      ✔ postgres   healthy (5.2 s)…
      ✔ inventory  healthy (1.2 s)…
      ✔ orders     healthy        …"
    `);
  });
});

describe('the live up view with --verbose', () => {
  it('prints build output above the rows, names aligned, and keeps the rows below', async () => {
    const { stream, screen } = headlessTerminal(60, 10);
    const display = ttyDisplay({ stream, color, clock: () => 500, verbose: true });
    display.begin(ROWS);
    display.event({ type: 'step', node: 'orders', action: 'build', cause: 'no image yet' });
    display.event({ type: 'build-output', node: 'orders', line: '[2/3] RUN npm ci' });
    display.event({ type: 'build-output', node: 'inventory', line: 'CACHED [2/3] WORKDIR /app' });
    display.end();
    expect(await screen()).toMatchInlineSnapshot(`
      "orders    | [2/3] RUN npm ci
      inventory | CACHED [2/3] WORKDIR /app
      · postgres   pending
      · inventory  pending
      ⠦ orders     building (0.0 s)          build (no image yet)"
    `);
  });
});

describe('the up view without a terminal', () => {
  it('prints one aligned line per state change, without timestamps or build output', () => {
    const lines: string[] = [];
    const display = plainDisplay({
      write: (line) => lines.push(line),
      color,
      paint: () => (text) => text,
      verbose: false,
    });
    display.begin(ROWS);
    for (const { event } of recorded('ready').events) display.event(event);
    display.event({ type: 'build-output', node: 'inventory', line: '#5 CACHED [2/3] RUN npm ci' });
    expect(lines.join('\n')).toMatchInlineSnapshot(`
      "inventory  build (no image yet)
      postgres   pull (not pulled yet)
      postgres   pulled in 1.4 s
      postgres   create (new)
      postgres   starting
      inventory  built in 4.2 s
      inventory  recreate (image changed)
      orders     up to date
      orders     waiting for inventory
      inventory  waiting for postgres
      postgres   healthy (5.2 s)
      inventory  starting
      inventory  healthy (1.2 s)
      orders     healthy (0.1 s)"
    `);
  });

  it('prints build output with --verbose, and a failure with what it blocked', () => {
    const lines: string[] = [];
    const display = plainDisplay({
      write: (line) => lines.push(line),
      color,
      paint: () => (text) => text,
      verbose: true,
    });
    display.begin(ROWS);
    display.event({ type: 'build-output', node: 'inventory', line: '#7 [3/4] RUN npm ci --omit=dev' });
    for (const { event } of recorded('build-failed').events) display.event(event);
    expect(lines.join('\n')).toMatchInlineSnapshot(`
      "inventory  | #7 [3/4] RUN npm ci --omit=dev
      inventory  build (build context changed)
      removed shop-legacy (no longer in msctl.yaml)
      postgres   up to date
      postgres   healthy (0.1 s)
      inventory  failed: build failed at [3/4] RUN npm ci --omit=dev …
      orders     not started: inventory failed"
    `);
  });

  it('prints one JSON event per line with stable fields: the recorded run itself', () => {
    for (const name of ['ready', 'build-failed']) {
      const { lines, rows, events } = recorded(name);
      const start = Date.parse(JSON.parse(lines[0] as string).time);
      const written: string[] = [];
      let now = 0;
      const display = jsonDisplay({
        write: (line) => written.push(line),
        note: () => undefined,
        clock: () => start + now,
        verbose: false,
      });
      display.begin(rows);
      for (const { at, event } of events) {
        now = at;
        display.event(event);
      }
      display.event({ type: 'build-output', node: 'inventory', line: 'chatter' });
      expect(written).toEqual(lines);
    }
  });
});

describe('choosing the progress mode', () => {
  it('takes --progress over MSCTL_PROGRESS, and live rows only on a terminal', () => {
    expect(chooseProgressMode(undefined, undefined, true)).toBe('tty');
    expect(chooseProgressMode(undefined, undefined, false)).toBe('plain');
    expect(chooseProgressMode(undefined, 'json', true)).toBe('json');
    expect(chooseProgressMode('plain', 'json', true)).toBe('plain');
    expect(chooseProgressMode('auto', 'json', false)).toBe('plain');
    expect(chooseProgressMode(undefined, 'fancy', true)).toEqual({
      invalid: 'fancy',
      from: 'MSCTL_PROGRESS',
    });
    expect(chooseProgressMode('fancy', undefined, true)).toEqual({ invalid: 'fancy', from: '--progress' });
  });
});

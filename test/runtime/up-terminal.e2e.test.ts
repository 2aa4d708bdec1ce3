import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { Terminal } from '@xterm/headless';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msctlBin } from '../support/cli.js';
import { requirePrerequisite, skipWithout } from '../support/prerequisites.js';
import { createRuntimeWorkspace, prepareImages, type RuntimeWorkspace } from './runtime-workspace.js';

const COLUMNS = 100;
const ROWS = 30;
const SCRIPT = '/usr/bin/script';

/** Runs `msctl up` under a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
async function upOnTerminal(workspace: RuntimeWorkspace, args: string[]) {
  const command = `stty cols ${COLUMNS} rows ${ROWS}; exec ${process.execPath} ${msctlBin} up ${args.join(' ')}`;
  const result = await execa(SCRIPT, ['-qfec', command, '/dev/null'], {
    cwd: workspace.root,
    env: { NO_COLOR: undefined, FORCE_COLOR: undefined, MSCTL_PROGRESS: undefined, CI: undefined },
    reject: false,
    stdin: 'ignore',
    stripFinalNewline: false,
  });
  const raw = String(result.stdout);
  return { exitCode: result.exitCode, raw, screen: await screenOf(raw) };
}

/** What the terminal shows after all the output: escape sequences carried out, as a terminal would. */
async function screenOf(raw: string): Promise<string[]> {
  const terminal = new Terminal({ cols: COLUMNS, rows: ROWS, scrollback: 1000, allowProposedApi: true });
  await new Promise<void>((resolve) => terminal.write(raw, resolve));
  const buffer = terminal.buffer.active;
  const lines = Array.from({ length: buffer.length }, (_, index) =>
    (buffer.getLine(index)?.translateToString(true) ?? '').trimEnd(),
  );
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

const PSEUDO_TERMINAL = 'a pseudo-terminal (`script` from bsdutils, `pgrep` from procps)';
const hasPseudoTerminal = existsSync(SCRIPT) && existsSync('/usr/bin/pgrep');

describe.skipIf(skipWithout(hasPseudoTerminal, PSEUDO_TERMINAL))('msctl up on a terminal', () => {
  let workspace: RuntimeWorkspace;

  beforeAll(async () => {
    requirePrerequisite(hasPseudoTerminal, PSEUDO_TERMINAL);
    await prepareImages();
    workspace = await createRuntimeWorkspace('tty');
  });
  afterAll(async () => workspace?.cleanUp());

  it('ends with one healthy row per service and infra, with no build chatter and the cursor shown again', async () => {
    const up = await upOnTerminal(workspace, ['-d', '--build', '--timeout', '90']);
    expect(up.exitCode).toBe(0);
    const rows = up.screen.filter((line) => /^\S (postgres|inventory|orders) /.test(line));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^✔ postgres {3}healthy \(\d+\.\d s\) +create \(new\)$/);
    expect(rows[1]).toMatch(/^✔ inventory {2}healthy \(\d+\.\d s\) +create \(new\)$/);
    expect(rows[2]).toMatch(/^✔ orders {5}healthy \(\d+\.\d s\) +create \(new\)$/);
    expect(up.screen.at(-1)).toMatch(
      new RegExp(`^${workspace.project}: 3 service\\S* ready in \\d+\\.\\d s\\.`),
    );
    expect(up.screen.every((line) => line.length < COLUMNS)).toBe(true);
    // The rows were drawn in place: only the final frame is left, each row once.
    expect(up.screen.filter((line) => line.includes(' postgres '))).toHaveLength(1);

    const text = stripVTControlCharacters(up.raw);
    expect(text).toMatch(/building( \d+\/\d+)? \(\d+\.\d s\)/);
    expect(text).toContain('waiting for postgres');
    expect(text).not.toMatch(/CACHED|\[\d+\/\d+\]|FROM |WORKDIR|load build definition/);
    const hidden = up.raw.lastIndexOf('\u001b[?25l');
    expect(hidden).toBeGreaterThan(-1);
    expect(up.raw.indexOf('\u001b[?25h', hidden)).toBeGreaterThan(hidden);
  });

  it('stops, removes and shows the cursor again on Ctrl-C while the rows are live, exiting 130; NO_COLOR paints nothing', async () => {
    const command = `stty cols ${COLUMNS} rows ${ROWS}; exec ${process.execPath} ${msctlBin} up --build`;
    const child = execa(SCRIPT, ['-qfec', command, '/dev/null'], {
      cwd: workspace.root,
      env: { NO_COLOR: '1', FORCE_COLOR: undefined, MSCTL_PROGRESS: undefined, CI: undefined },
      reject: false,
      stdin: 'ignore',
    });
    let raw = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        raw += chunk.toString();
        if (raw.includes('building')) resolve();
      });
      void child.then(() => reject(new Error(`msctl up ended before building:\n${raw}`)));
    });
    // `script` runs msctl as its child in a new session: the terminal's Ctrl-C reaches msctl as SIGINT.
    const msctlPid = Number((await execa('pgrep', ['-P', String(child.pid)])).stdout.trim());
    process.kill(msctlPid, 'SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    const screen = (await screenOf(String(result.stdout))).join('\n');
    expect(screen).toContain(`Stopping and removing ${workspace.project}`);
    expect(screen).toContain(`Stopped and removed the containers of ${workspace.project}.`);
    const text = String(result.stdout);
    // Rows still move in place without colour: cursor movements, never a colour or style (SGR) sequence.
    expect(text).toContain('\u001b[2K');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: an escape sequence is what this looks for
    expect(text).not.toMatch(/\u001b\[[\d;]*m/);
    const hidden = text.lastIndexOf('\u001b[?25l');
    expect(hidden).toBeGreaterThan(-1);
    expect(text.indexOf('\u001b[?25h', hidden)).toBeGreaterThan(hidden);
  });

  it('marks a failed build and what it blocks, then prints the failing step and its output', async () => {
    await execa(process.execPath, [msctlBin, 'down'], { cwd: workspace.root });
    await writeFile(
      path.join(workspace.root, 'services/inventory/Dockerfile'),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile, not a template literal
      'ARG NODE_IMAGE\nFROM ${NODE_IMAGE}\nRUN printf "compiling %s\\n" wrong-step && exit 3\n',
    );
    const up = await upOnTerminal(workspace, ['-d']);
    expect(up.exitCode).toBe(1);
    const failed = up.screen.findIndex((line) => /^✘ inventory {2}failed +build failed at /.test(line));
    expect(failed).toBeGreaterThan(-1);
    expect(up.screen).toContainEqual(expect.stringMatching(/^- orders {5}not started +inventory failed$/));
    const report = up.screen.slice(failed).join('\n');
    expect(report).toMatch(/error Building inventory failed at \[2\/2\] RUN printf/);
    expect(report).toContain('  compiling wrong-step');
  });
});

/**
 * The nastiest of the fuzz tests' inputs through the built binary, as CI runs it on a stranger's pull request:
 * `msctl lint <file>` and `msctl config` end with an exit code from the contract and a message, never a stack.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { msctlBin } from '../support/cli.js';
import { type Mutation, type Recipe, recipeArbitrary, render, type Seed } from './mutations.js';
import { configSeeds, lintSeeds } from './seeds.js';

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** Nothing here takes a second; a run that has not ended by then hangs. */
const RUN_TIMEOUT_MS = 60_000;

/** A V8 stack frame, as an unexpected error prints it. */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

function flowAliasBomb(levels: number): string {
  const lines = ['x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level <= levels; level++) {
    lines.push(
      `x-a${level}: &a${level} [${Array(9)
        .fill(`*a${level - 1}`)
        .join(', ')}]`,
    );
  }
  return lines.join('\n');
}

const recipe = (seed: number, ...mutations: Mutation[]): Recipe => ({ seed, extension: 'seed', mutations });

/** Each as a recipe of the fuzz tests' mutations, so that it reads as what was done to which file. */
const NASTY_RECIPES: Record<string, Recipe> = {
  'a 5000-deep flow sequence': recipe(0, { op: 'nest', at: 3, depth: 5000, style: 'flow-sequence' }),
  'a 5000-deep flow mapping': recipe(0, { op: 'nest', at: 3, depth: 5000, style: 'flow-mapping' }),
  'NUL bytes': recipe(0, { op: 'nul', at: 10 }, { op: 'nul', at: 400 }),
  'invalid UTF-8 (a lone surrogate)': recipe(0, { op: 'invalid-utf8', at: 200, sequence: 2 }),
  'a UTF-16 byte order mark': recipe(0, { op: 'bom', kind: 'utf16le' }),
  'two UTF-8 byte order marks and CRLF': recipe(
    0,
    { op: 'bom', kind: 'utf8-twice' },
    { op: 'line-ends', to: '\r\n' },
  ),
  'a 2 MB scalar': recipe(0, { op: 'huge-scalar', at: 5, size: 2_000_000, quoted: false }),
  'a Python tag and a self-referencing anchor': recipe(
    0,
    { op: 'tag', at: 7, tag: '!!python/object/apply:os.system' },
    { op: 'aliases', at: 4, snippet: 4 },
  ),
  'lines deleted and duplicated, indentation broken': recipe(
    0,
    { op: 'delete-lines', at: 9, count: 3 },
    { op: 'duplicate-lines', at: 20, count: 5 },
    { op: 'indent', at: 14, by: 3, tab: true },
  ),
};

/** The flow alias bomb that hung `msctl lint` (issue 9), and a handful of generated inputs, fixed by seed. */
function nastyInputs(seeds: readonly Seed[]): [string, Buffer][] {
  const generated = fc.sample(recipeArbitrary(seeds, 100_000), { seed: 9, numRuns: 4 });
  return [
    ['a flow alias bomb of 16 levels of nine', Buffer.from(`${seeds[0]?.text}${flowAliasBomb(15)}\n`)],
    [
      'random bytes',
      Buffer.from(
        fc.sample(fc.uint8Array({ minLength: 512, maxLength: 512 }), { seed: 9, numRuns: 1 })[0] ?? [],
      ),
    ],
    ...Object.entries(NASTY_RECIPES).map(([name, made]): [string, Buffer] => [name, render(made, seeds)]),
    ...generated.map((made, index): [string, Buffer] => [
      `generated ${index}: ${JSON.stringify(made)}`,
      render(made, seeds),
    ]),
  ];
}

async function runOn(fileName: string, bytes: Buffer, args: readonly string[]) {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'msctl-fuzz-bin-'));
  folders.push(folder);
  await writeFile(path.join(folder, fileName), bytes);
  const result = await execa(process.execPath, [msctlBin, ...args], {
    cwd: folder,
    env: { NO_COLOR: '1', MSCTL_DEBUG: undefined },
    reject: false,
    stdin: 'ignore',
    timeout: RUN_TIMEOUT_MS,
  });
  expect(result.timedOut, `still running after ${RUN_TIMEOUT_MS} ms`).toBe(false);
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}

function expectContractExit(
  result: { exitCode?: number | undefined; stdout: string; stderr: string },
  okCodes: readonly number[],
) {
  // The stylish lint output prints a document it could not read with its findings, on stdout.
  const printed = `${result.stdout}\n${result.stderr}`;
  expect([...okCodes, 2], printed.slice(0, 4000)).toContain(result.exitCode);
  if (result.exitCode === 2) expect(printed).toMatch(/error/i);
  expect(printed).not.toMatch(STACK_FRAME);
  expect(printed).not.toContain('This is a bug');
}

describe('the nastiest fuzz inputs through the built binary', () => {
  for (const [name, bytes] of nastyInputs(lintSeeds())) {
    it(`msctl lint exits 0, 1 or 2 with a message, no stack: ${name}`, async () => {
      const result = await runOn('openapi.yaml', bytes, ['lint', 'openapi.yaml']);
      expectContractExit(result, [0, 1]);
      if (result.exitCode === 2) expect(result.stdout).toMatch(/openapi\.yaml/);
    });
  }

  for (const [name, bytes] of nastyInputs(configSeeds())) {
    it(`msctl config exits 0 or 2 with a message, no stack: ${name}`, async () => {
      const result = await runOn('msctl.yaml', bytes, ['config']);
      expectContractExit(result, [0]);
      if (result.exitCode === 2) expect(result.stderr).toMatch(/msctl\.yaml/);
    });
  }
});

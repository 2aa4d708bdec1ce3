/**
 * Fuzzing the two readers of untrusted text: the config loader (msctl.yaml) and the lint document reader (an
 * OpenAPI description from a pull request). Inputs are real files mutated at random (test/fuzz/mutations.ts) with a
 * fixed seed and a bounded number of runs, so a run is deterministic and takes seconds. Each input runs in a child
 * process on the built code (`npm run build` first): an input that does not answer in time is a hang, one that
 * ends the child (its heap is capped) a crash, and both fail the property with the recipe that made the input.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FuzzChild } from './child.js';
import { fileNameOf, type Recipe, recipeArbitrary, render, type Seed } from './mutations.js';
import { configSeeds, lintSeeds } from './seeds.js';

/**
 * Fixed, so that a failure is reproduced by running the test again. MSCTL_FUZZ_SEED and MSCTL_FUZZ_RUNS explore
 * other and more inputs (a failure prints the seed and path that replay it).
 */
const FUZZ_SEED = Number(process.env.MSCTL_FUZZ_SEED ?? 20_261_208);
const RUNS = Number(process.env.MSCTL_FUZZ_RUNS ?? 300);
/** Far above what one input takes (milliseconds); only a hang reaches it. */
const CASE_TIMEOUT_MS = 15_000;

const child = new FuzzChild();
const root = await mkdtemp(path.join(os.tmpdir(), 'msctl-fuzz-'));

afterAll(async () => {
  // Ended by the last test already, unless a filter skipped it.
  await child.close();
  await rm(root, { recursive: true, force: true });
});

let caseNumber = 0;
/** Writes a recipe's bytes (and its seed's companion files) into a folder of its own. */
async function writeCase(recipe: Recipe, seeds: readonly Seed[], name?: string) {
  const folder = path.join(root, String(caseNumber++));
  const companions = seeds[recipe.seed]?.companions ?? {};
  for (const [relative, text] of Object.entries(companions)) {
    await mkdir(path.dirname(path.join(folder, relative)), { recursive: true });
    await writeFile(path.join(folder, relative), text);
  }
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, name ?? fileNameOf(recipe, seeds));
  await writeFile(file, render(recipe, seeds));
  return { folder, file };
}

async function fuzz(
  target: 'config' | 'lint',
  seeds: readonly Seed[],
  options: { numRuns: number; hugeMax: number; expected: readonly string[] },
): Promise<Map<string, number>> {
  const outcomes = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(recipeArbitrary(seeds, options.hugeMax), async (recipe) => {
      const { folder, file } = await writeCase(recipe, seeds, target === 'config' ? 'msctl.yaml' : undefined);
      const result = await child.run({ target, folder, file }, CASE_TIMEOUT_MS);
      outcomes.set(result.outcome, (outcomes.get(result.outcome) ?? 0) + 1);
      if (!options.expected.includes(result.outcome)) {
        throw new Error(`${result.outcome} on ${file}: ${result.detail}`);
      }
      await rm(folder, { recursive: true, force: true });
    }),
    // No shrinking: a hang costs the timeout at every step, and the recipe already says what the input is.
    { seed: FUZZ_SEED, numRuns: options.numRuns, endOnFailure: true },
  );
  return outcomes;
}

describe('fuzzing the readers of untrusted text', () => {
  it('the config loader returns a valid config or a ConfigError/UserError printed without a stack', async () => {
    const outcomes = await fuzz('config', configSeeds(), {
      numRuns: RUNS,
      // Beyond the loader's 1 MiB limit sometimes, to reach that refusal too.
      hugeMax: 1_200_000,
      expected: ['valid', 'config-error', 'user-error'],
    });
    process.stderr.write(`config loader fuzz outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}\n`);
    // Mutations must leave some inputs valid and break others, or the property says little.
    expect(outcomes.get('valid')).toBeGreaterThan(10);
    expect(outcomes.get('config-error')).toBeGreaterThan(10);
  });

  it('the lint document reader lints or refuses with a DocumentError, never throws, in bounded memory', async () => {
    const outcomes = await fuzz('lint', lintSeeds(), {
      numRuns: RUNS,
      hugeMax: 2_000_000,
      expected: ['linted', 'refused'],
    });
    process.stderr.write(`lint reader fuzz outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}\n`);
    expect(outcomes.get('linted')).toBeGreaterThan(10);
    expect(outcomes.get('refused')).toBeGreaterThan(10);
  });

  it('the child ends normally, having stayed within its heap', async () => {
    expect(await child.close()).toBe(0);
    expect(child.unexpectedExits).toEqual([]);
  });
});

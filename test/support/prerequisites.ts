/**
 * Tests that need something of the machine (a program, an old Node.js) skip loudly where it is missing, and fail
 * under CI: a CI run that skips tests in silence reads as green while testing less.
 */

const underCi = (): boolean => Boolean(process.env.CI) && process.env.CI !== 'false';

function missingMessage(what: string): string {
  return underCi()
    ? `${what}: a prerequisite is missing, and under CI (CI is set) that fails instead of skipping. Install it in scripts/dev.sh.`
    : `${what}: SKIPPED, a prerequisite is missing on this machine (under CI this fails).`;
}

/**
 * For `describe.skipIf` / `it.skipIf`: true (skip) when the prerequisite is missing outside CI, with a line on
 * stderr; under CI false, so that the tests run and `requirePrerequisite` fails them.
 */
export function skipWithout(available: boolean, what: string): boolean {
  if (available) return false;
  if (underCi()) return false;
  process.stderr.write(`\n!!! ${missingMessage(what)}\n\n`);
  return true;
}

/** Throws under CI when the prerequisite is missing (use in a `beforeAll` of a block guarded by `skipWithout`). */
export function requirePrerequisite(available: boolean, what: string): void {
  if (!available) throw new Error(missingMessage(what));
}

/** Inside a test: skip it loudly, or under CI fail it, when the prerequisite is missing. */
export function skipTestWithout(
  context: { skip: (note?: string) => void },
  available: boolean,
  what: string,
): void {
  if (available) return;
  if (underCi()) throw new Error(missingMessage(what));
  process.stderr.write(`\n!!! ${missingMessage(what)}\n\n`);
  context.skip(missingMessage(what));
}

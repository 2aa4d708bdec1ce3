// Runs first, on whatever Node the user has: plain syntax, no dependencies (semver alone would double the
// start-up time of `msctl --version`). test/cli/node-version.test.ts checks it against semver itself.
import { createRequire } from 'node:module';

// Required, not imported: an `import` of node:fs builds its ES module namespace, which reads every export and so
// loads fs/promises as well (1 MB that `msctl --version` never uses).
const { readFileSync } = createRequire(import.meta.url)('node:fs');

/** Whether `version` satisfies a range of the forms `engines.node` uses: `^a.b.c || >=x.y.z`. */
export function satisfiesEngines(version, range) {
  const current = version.replace(/^v/, '').split('.').map(Number);
  const compare = (left, right) => left[0] - right[0] || left[1] - right[1] || left[2] - right[2];
  return range.split('||').some((part) => {
    const match = /^\s*(\^|>=)(\d+)\.(\d+)\.(\d+)\s*$/.exec(part);
    if (!match) throw new Error(`unsupported engines range "${part.trim()}"`);
    const wanted = [Number(match[2]), Number(match[3]), Number(match[4])];
    return compare(current, wanted) >= 0 && (match[1] === '>=' || current[0] === wanted[0]);
  });
}

/**
 * Exits 2 with one line naming the versions needed when this Node does not satisfy `engines.node`; otherwise
 * answers `--version` on the spot (nothing else loads for it) and returns.
 */
export function startOrExit(program, argv) {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const range = manifest.engines.node;
  if (!satisfiesEngines(process.versions.node, range)) {
    process.stderr.write(
      `${program} needs Node.js ${range.replace(/\s*\|\|\s*/g, ' or ')}; this is ${process.version}. Install a current LTS release from https://nodejs.org.\n`,
    );
    process.exit(2);
  }
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${manifest.version}\n`);
    process.exit(0);
  }
}

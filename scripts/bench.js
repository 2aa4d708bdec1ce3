// `npm run bench`: every benchmark in one run, each writing its own section of docs/benchmarks.md.
// Sections: cold start (scripts/bench/startup.js) and every scripts/bench-*.js (lint, scaffold, runtime).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const scripts = [
  'scripts/bench/startup.js',
  ...readdirSync(path.join(root, 'scripts'))
    .filter((name) => /^bench-.+\.js$/.test(name))
    .sort()
    .map((name) => `scripts/${name}`),
].filter((script) => only.length === 0 || only.some((name) => script.includes(name)));

let failed = false;
for (const script of scripts) {
  process.stdout.write(`\n== ${script}\n`);
  const result = spawnSync(process.execPath, [path.join(root, script)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    failed = true;
    process.stderr.write(`${script} failed (exit ${result.status})\n`);
  }
}
process.stdout.write('\nResults: docs/benchmarks.md\n');
process.exit(failed ? 1 : 0);

// Scaffold time: `create-service <name> --yes` into a fresh workspace (no npm install), against the cost of
// starting the same binary (`create-service --help`), in one run.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatMegabytes,
  formatRatio,
  formatSeconds,
  machineLine,
  measurePaired,
  writeSection,
} from './bench/measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/create-service.js');
const runs = 20;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'msctl-bench-scaffold-'));
let counter = 0;

// Each run scaffolds into a folder of its own: the argv is computed when the run starts.
const scaffold = {
  name: '`create-service orders --yes` (new workspace, no npm install)',
  get argv() {
    counter += 1;
    return [process.execPath, bin, 'orders', '--yes', '--workspace', path.join(scratch, `w${counter}`)];
  },
};
const results = measurePaired(
  [{ name: '`create-service --help` (baseline)', argv: [process.execPath, bin, '--help'] }, scaffold],
  { runs, warmup: 2, env: { NO_COLOR: '1' } },
);
rmSync(scratch, { recursive: true, force: true });

const [help, scaffolded] = results;
writeSection(
  path.join(root, 'docs/benchmarks.md'),
  'scaffold',
  [
    '## Scaffolding',
    '',
    `Median of ${runs} interleaved runs; ${machineLine()}.`,
    '',
    '| command | median wall time | vs --help | peak RSS |',
    '|---|---:|---:|---:|',
    ...results.map(
      (result) =>
        `| ${result.name} | ${formatSeconds(result.seconds)} | ${formatRatio(result.seconds / help.seconds)} | ${formatMegabytes(result.megabytes)} |`,
    ),
    '',
    `Rendering and writing a whole service (code, spec, Dockerfile, Kubernetes manifests, CI) and registering it costs ${formatSeconds(scaffolded.seconds - help.seconds)} on top of starting the program.`,
  ].join('\n'),
);
process.stdout.write(
  `scaffold: ${formatSeconds(scaffolded.seconds)} vs --help ${formatSeconds(help.seconds)}\n`,
);

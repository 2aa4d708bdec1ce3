// `msctl generate all` on a workspace of 50 services (a dependency chain, all on postgres, GitHub CI): writing
// every file from nothing, regenerating after a change to msctl.yaml (three-way merges), and the drift check, against
// the cost of starting the same binary (`msctl --version`), in one run. The workspace is made once with the real
// create-service, which is not measured.
import { spawnSync } from 'node:child_process';
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
const msctl = path.join(root, 'bin/msctl.js');
const createService = path.join(root, 'bin/create-service.js');
const services = 50;
const runs = 10;
const workspace = mkdtempSync(path.join(os.tmpdir(), 'msctl-bench-generate-'));
const env = { ...process.env, NO_COLOR: '1' };

function run(bin, args) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: workspace, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')}: ${result.stderr}`);
}

run(msctl, ['init', '.', '--name', 'shop', '--registry', 'ghcr.io/acme/shop', '--yes']);
for (let index = 1; index <= services; index += 1) {
  const dependencies = index === 1 ? 'postgres' : `s${index - 1},postgres`;
  run(createService, [`s${index}`, '--yes', '--depends-on', dependencies]);
}

const node = JSON.stringify(process.execPath);
const bin = JSON.stringify(msctl);
const shell = (script) => ['/bin/sh', '-c', script];
const results = measurePaired(
  [
    { name: '`msctl --version` (baseline)', argv: [process.execPath, msctl, '--version'] },
    {
      name: `\`msctl generate all\`, every file written from nothing`,
      argv: shell(`rm -rf k8s .github .msctl/generated && exec ${node} ${bin} generate all`),
    },
    {
      // Alternates s25's port, so that every run regenerates the files that depend on it and merges them.
      name: '`msctl generate all` after a port change in msctl.yaml',
      argv: shell(
        `if grep -q 'port: 3024$' msctl.yaml; then sed -i 's/port: 3024$/port: 4024/' msctl.yaml; else sed -i 's/port: 4024$/port: 3024/' msctl.yaml; fi && exec ${node} ${bin} generate all`,
      ),
    },
    {
      name: '`msctl generate all --check`, up to date',
      argv: [process.execPath, msctl, 'generate', 'all', '--check'],
    },
  ],
  { runs, warmup: 1, cwd: workspace, env: { NO_COLOR: '1' } },
);
rmSync(workspace, { recursive: true, force: true });

const [version] = results;
writeSection(
  path.join(root, 'docs/benchmarks.md'),
  'generate',
  [
    `## Generating for ${services} services`,
    '',
    `A workspace of ${services} services made with \`create-service\` (a dependency chain, each also on postgres, GitHub CI): Kubernetes manifests and pipelines for all of them. Median of ${runs} interleaved runs; ${machineLine()}.`,
    '',
    '| command | median wall time | vs --version | peak RSS |',
    '|---|---:|---:|---:|',
    ...results.map(
      (result) =>
        `| ${result.name} | ${formatSeconds(result.seconds)} | ${formatRatio(result.seconds / version.seconds)} | ${formatMegabytes(result.megabytes)} |`,
    ),
  ].join('\n'),
);
process.stdout.write(`generate: ${results.map((result) => formatSeconds(result.seconds)).join(', ')}\n`);

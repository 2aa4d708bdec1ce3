// msctl lint against Spectral and Redocly on the vendored specs (test/fixtures/specs): medians, peak RSS, ratios.
// Run by `npm run bench` (after the build); alone: `node scripts/bench-lint.js` (BENCH_LINT_RUNS=n to change runs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
const specsFolder = path.join(root, 'test/fixtures/specs');
const SPECS = [
  'petstore.yaml',
  'train-travel/openapi.yaml',
  'twilio_api_v2010.json',
  'k8s-swagger2.json',
  'stripe-spec3-2023-09.yaml',
  'digitalocean/specification/DigitalOcean-public.v2.yaml',
];
const runs = Number(process.env.BENCH_LINT_RUNS ?? 5);
const node = process.execPath;
const MEGABYTE = 1024 * 1024;

/** The same rules for msctl and Spectral: Spectral's own `spectral:oas` (msctl reads it as msctl:oas). */
const work = mkdtempSync(path.join(os.tmpdir(), 'msctl-bench-lint-'));
const ruleset = path.join(work, '.spectral.yaml');
writeFileSync(ruleset, 'extends: spectral:oas\n');

/** Bytes of every file msctl reads for a spec (the root and what its $refs reach). */
function bytesRead(spec) {
  const result = spawnSync(
    node,
    [path.join(root, 'bin/msctl.js'), 'lint', '--ruleset', ruleset, '--json', spec],
    {
      encoding: 'utf8',
      maxBuffer: 512 * MEGABYTE,
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`msctl lint ${spec} exited ${result.status}: ${result.stderr}`);
  const files = JSON.parse(result.stdout).files;
  return {
    files: files.length,
    bytes: files.reduce((total, file) => total + statSync(path.resolve(file)).size, 0),
    findings: JSON.parse(result.stdout).findings.length,
  };
}

function commandsFor(spec) {
  const quiet = { NO_COLOR: '1', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  return [
    {
      name: 'msctl',
      argv: [node, path.join(root, 'bin/msctl.js'), 'lint', '--ruleset', ruleset, '--format', 'json', spec],
      exitCodes: [0, 1],
      env: quiet,
    },
    {
      name: 'Spectral',
      argv: [path.join(root, 'node_modules/.bin/spectral'), 'lint', '-r', ruleset, '-f', 'json', spec],
      exitCodes: [0, 1],
      env: quiet,
    },
    {
      name: 'Redocly',
      argv: [path.join(root, 'node_modules/.bin/redocly'), 'lint', '--format', 'json', spec],
      exitCodes: [0, 1],
      env: quiet,
    },
  ];
}

const rows = [];
const notes = [];
for (const name of SPECS) {
  const spec = path.join(specsFolder, name);
  if (!existsSync(spec)) {
    process.stderr.write(`SKIPPED ${name}: not found in ${specsFolder}\n`);
    notes.push(`- ${name}: skipped, not present on this machine.`);
    continue;
  }
  process.stderr.write(`bench-lint: ${name} (${runs} runs each, interleaved)\n`);
  const read = bytesRead(spec);
  const [msctl, spectral, redocly] = measurePaired(commandsFor(spec), { runs, warmup: 1, cwd: work });
  const megabytes = read.bytes / MEGABYTE;
  const memoryGoal = 15 * megabytes + 60;
  rows.push({ name, read, megabytes, msctl, spectral, redocly, memoryGoal });
}
rmSync(work, { recursive: true, force: true });

const table = rows.map(({ name, read, megabytes, msctl, spectral, redocly, memoryGoal }) =>
  [
    name.split('/').pop(),
    `${megabytes.toFixed(1)} MB${read.files > 1 ? ` (${read.files} files)` : ''}`,
    `${formatSeconds(msctl.seconds)} / ${formatMegabytes(msctl.megabytes)}`,
    `${formatSeconds(spectral.seconds)} / ${formatMegabytes(spectral.megabytes)}`,
    `${formatSeconds(redocly.seconds)} / ${formatMegabytes(redocly.megabytes)}`,
    formatRatio(spectral.seconds / msctl.seconds),
    formatRatio(redocly.seconds / msctl.seconds),
    `${formatMegabytes(memoryGoal)} ${msctl.megabytes <= memoryGoal ? 'met' : 'MISSED'}`,
  ].join(' | '),
);

const verdicts = [];
for (const { name, megabytes, msctl, spectral, redocly } of rows) {
  if (megabytes >= 1) {
    const vsRedocly = redocly.seconds / msctl.seconds;
    const vsSpectral = spectral.seconds / msctl.seconds;
    verdicts.push(
      `- ${name}: ${formatRatio(vsRedocly)} faster than Redocly (goal 3×: ${vsRedocly >= 3 ? 'met' : 'MISSED'}), ${formatRatio(vsSpectral)} faster than Spectral (goal 20×: ${vsSpectral >= 20 ? 'met' : 'MISSED'}).`,
    );
  }
}

writeSection(
  path.join(root, 'docs/benchmarks.md'),
  'lint',
  [
    '## msctl lint against Spectral and Redocly',
    '',
    `Median of ${runs} interleaved runs per tool and spec (msctl, Spectral, Redocly, msctl, ...), wall time and peak RSS from \`/usr/bin/time\`; ${machineLine()}.`,
    'msctl and Spectral run the same ruleset file (`extends: spectral:oas`); Redocly runs its `recommended` ruleset. Output is JSON for all three.',
    'Size counts every file read (the root and the files its `$ref`s reach). Memory goal: 15 × size + 60 MB.',
    '',
    '| spec | size | msctl | Spectral | Redocly | vs Spectral | vs Redocly | memory goal |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...table.map((row) => `| ${row} |`),
    '',
    'Goals on specs of 1 MB or more: at least 3× faster than Redocly, 20× faster than Spectral.',
    ...verdicts,
    ...notes,
  ].join('\n'),
);
process.stderr.write('bench-lint: wrote docs/benchmarks.md\n');

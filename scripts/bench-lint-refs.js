// How msctl lint grows with the number of `$ref`s, against Spectral: generated OpenAPI 3.1 descriptions from 1k to
// 105k `$ref`s (scripts/bench/generate-ref-spec.js; the largest about 45 MB), time and peak RSS per size, and the
// cost of each added `$ref`. Run by `npm run bench`; alone: `node scripts/bench-lint-refs.js`.
// BENCH_REFS_RUNS (msctl runs per size, default 3), BENCH_REFS_TIMEOUT (seconds a Spectral run may take, default 180).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countRefs, generateRefSpec, PLANTED_FINDINGS } from './bench/generate-ref-spec.js';
import {
  formatMegabytes,
  formatSeconds,
  machineLine,
  measurePaired,
  runOnce,
  writeSection,
} from './bench/measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [1_000, 3_000, 10_000, 30_000, 60_000, 105_000];
const runs = Number(process.env.BENCH_REFS_RUNS ?? 3);
const timeoutSeconds = Number(process.env.BENCH_REFS_TIMEOUT ?? 180);
const node = process.execPath;
const MEGABYTE = 1024 * 1024;

const work = mkdtempSync(path.join(os.tmpdir(), 'msctl-bench-refs-'));
const ruleset = path.join(work, '.spectral.yaml');
writeFileSync(ruleset, 'extends: spectral:oas\n');
const quiet = { NO_COLOR: '1' };

const rows = [];
let spectralGaveUpAt;
try {
  for (const size of SIZES) {
    const spec = path.join(work, `refs-${size}.json`);
    const data = generateRefSpec(size);
    const text = `${JSON.stringify(data, null, 2)}\n`;
    writeFileSync(spec, text);
    const refs = countRefs(data);
    const megabytes = Buffer.byteLength(text) / MEGABYTE;
    process.stderr.write(`bench-lint-refs: ${refs} $refs, ${megabytes.toFixed(1)} MB\n`);

    const msctlCommand = {
      name: 'msctl',
      argv: [node, path.join(root, 'bin/msctl.js'), 'lint', '--ruleset', ruleset, '-f', 'json', spec],
      exitCodes: [1],
      env: quiet,
    };
    const msctlFindings = JSON.parse(runOnce(msctlCommand, { cwd: work }).stdout).length;
    const [msctl] = measurePaired([msctlCommand], { runs, warmup: 0, cwd: work });

    let spectral;
    if (spectralGaveUpAt === undefined) {
      spectral = runOnce(
        {
          name: 'Spectral',
          argv: [path.join(root, 'node_modules/.bin/spectral'), 'lint', '-r', ruleset, '-f', 'json', spec],
          exitCodes: [1],
          env: quiet,
          timeoutSeconds,
        },
        { cwd: work },
      );
      if (spectral.timedOut) spectralGaveUpAt = size;
    }
    rows.push({ refs, megabytes, msctl, msctlFindings, spectral });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const spectralCell = (spectral) => {
  if (spectral === undefined) return `not run (timed out at ${spectralGaveUpAt} $refs)`;
  if (spectral.timedOut) return `did not finish in ${timeoutSeconds} s`;
  return `${formatSeconds(spectral.seconds)} / ${formatMegabytes(spectral.megabytes)} (${JSON.parse(spectral.stdout).length} findings)`;
};

/**
 * What each 1,000 `$ref`s above the smallest spec cost: (size − smallest) / extra thousands. Measured over the whole
 * span rather than between neighbours, so that the noise of one run does not swamp it; linear growth keeps it flat.
 */
const smallest = rows[0];
const steps = rows.slice(1).map((row) => {
  const thousands = (row.refs - smallest.refs) / 1000;
  return {
    refs: row.refs,
    milliseconds: ((row.msctl.seconds - smallest.msctl.seconds) * 1000) / thousands,
    megabytes: (row.msctl.megabytes - smallest.msctl.megabytes) / thousands,
  };
});
// Below 10k `$ref`s the fixed cost (node, modules, ruleset) dominates; judge the growth on the larger sizes.
const large = steps.filter((step) => step.refs >= 10_000);
const spread = (values) => Math.max(...values) / Math.min(...values);
const timeSpread = spread(large.map((step) => step.milliseconds));
const memorySpread = spread(large.map((step) => step.megabytes));
const linear = timeSpread <= 1.5 && memorySpread <= 1.5;
const largest = rows.at(-1);

writeSection(
  path.join(root, 'docs/benchmarks.md'),
  'lint-refs',
  [
    '## msctl lint as `$ref`s grow',
    '',
    `Generated OpenAPI 3.1 descriptions (\`scripts/bench/generate-ref-spec.js\`): component schemas referencing each other with cycles, operations referencing parameters, responses and schemas, about 430 bytes per \`$ref\`. Same ruleset for both tools (\`extends: spectral:oas\`), JSON output. msctl: median of ${runs} runs; Spectral: one run, killed after ${timeoutSeconds} s. Wall time / peak RSS from \`/usr/bin/time\`; ${machineLine()}.`,
    `Every size has the same ${PLANTED_FINDINGS.length} planted findings, three of them reachable only through \`$ref\` cycles (\`test/lint/many-refs.test.ts\` asserts them).`,
    '',
    '| $refs | size | msctl | findings | Spectral | memory goal (15 × size + 60 MB) |',
    '|---:|---:|---:|---:|---|---|',
    ...rows.map(({ refs, megabytes, msctl, msctlFindings, spectral }) => {
      const goal = 15 * megabytes + 60;
      return `| ${refs.toLocaleString('en-US')} | ${megabytes.toFixed(1)} MB | ${formatSeconds(msctl.seconds)} / ${formatMegabytes(msctl.megabytes)} | ${msctlFindings} | ${spectralCell(spectral)} | ${formatMegabytes(goal)} ${msctl.megabytes <= goal ? 'met' : 'MISSED'} |`;
    }),
    '',
    `What each 1,000 \`$ref\`s above the ${smallest.refs.toLocaleString('en-US')}-\`$ref\` spec cost msctl (flat when growth is linear):`,
    '',
    '| $refs | time per 1k $refs | peak RSS per 1k $refs |',
    '|---:|---:|---:|',
    ...steps.map(
      (step) =>
        `| ${step.refs.toLocaleString('en-US')} | ${step.milliseconds.toFixed(1)} ms | ${step.megabytes.toFixed(2)} MB |`,
    ),
    '',
    linear
      ? `Linear: from 10k \`$ref\`s up, 1,000 \`$ref\`s cost within ${timeSpread.toFixed(2)}× the same time and ${memorySpread.toFixed(2)}× the same memory; ${largest.refs.toLocaleString('en-US')} \`$ref\`s take ${formatSeconds(largest.msctl.seconds)}.`
      : `NOT LINEAR: from 10k \`$ref\`s up, the cost of 1,000 \`$ref\`s varies ${timeSpread.toFixed(2)}× in time and ${memorySpread.toFixed(2)}× in memory.`,
  ].join('\n'),
);
process.stderr.write('bench-lint-refs: wrote docs/benchmarks.md\n');

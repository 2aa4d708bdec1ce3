// How msctl lint grows with the number of `$ref`s, against Spectral: generated OpenAPI 3.1 descriptions from 1k to
// 105k `$ref`s (scripts/bench/generate-ref-spec.js; the largest about 45 MB), time and peak RSS per size, and the
// cost of each added `$ref`. Run by `npm run bench`; alone: `node scripts/bench-lint-refs.js`.
// BENCH_REFS_RUNS (msctl runs per size, default 5), BENCH_REFS_TIMEOUT (seconds a Spectral run may take, default 300).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countRefs, generateRefSpec, PLANTED_FINDINGS } from './bench/generate-ref-spec.js';
import {
  formatMegabytes,
  formatRatio,
  formatSeconds,
  machineLine,
  measurePaired,
  runOnce,
  writeSection,
} from './bench/measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [1_000, 3_000, 10_000, 30_000, 60_000, 105_000];
const runs = Number(process.env.BENCH_REFS_RUNS ?? 5);
const timeoutSeconds = Number(process.env.BENCH_REFS_TIMEOUT ?? 300);
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
      argv: [node, path.join(root, 'bin/msctl.js'), 'lint', '--ruleset', ruleset, '--format', 'json', spec],
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
    milliseconds: ((row.msctl.cpuSeconds - smallest.msctl.cpuSeconds) * 1000) / thousands,
    megabytes: (row.msctl.megabytes - smallest.msctl.megabytes) / thousands,
  };
});
/**
 * Linear growth costs the larger `$ref`s no more each than the smaller ones: compare what each 1,000 cost between
 * the smallest and the middle size with what they cost between the middle and the largest (1 is linear, above 1
 * each `$ref` costs more the more there are; below 1 fixed costs and warm-up spread over more `$ref`s).
 */
const middle = rows.find((row) => row.refs >= 30_000) ?? rows[Math.floor(rows.length / 2)];
const slope = (from, to, measure) => (measure(to) - measure(from)) / ((to.refs - from.refs) / 1000);
const cpuOf = (row) => row.msctl.cpuSeconds * 1000;
const memoryOf = (row) => row.msctl.megabytes;
const largest = rows.at(-1);
const timeGrowth = slope(middle, largest, cpuOf) / slope(smallest, middle, cpuOf);
const memoryGrowth = slope(middle, largest, memoryOf) / slope(smallest, middle, memoryOf);
const linear = timeGrowth <= 1.5 && memoryGrowth <= 1.5;

/** How Spectral's CPU time per 1,000 `$ref`s changes across the sizes it finished. */
function spectralGrowth() {
  const finished = rows.filter((row) => row.spectral && !row.spectral.timedOut);
  if (finished.length < 3) return 'Spectral finished fewer than three sizes: no growth to compare.';
  const first = finished[0];
  const last = finished.at(-1);
  const pivot = finished[finished.length - 2];
  const spectralCpu = (row) => row.spectral.cpuSeconds * 1000;
  const early = slope(first, pivot, spectralCpu);
  const late = slope(pivot, last, spectralCpu);
  return `Spectral, for comparison: each 1,000 \`$ref\`s cost ${(early / 1000).toFixed(2)} s of CPU time up to ${pivot.refs.toLocaleString('en-US')} and ${(late / 1000).toFixed(2)} s from there to ${last.refs.toLocaleString('en-US')} (${formatRatio(late / early)}).`;
}

writeSection(
  path.join(root, 'docs/benchmarks.md'),
  'lint-refs',
  [
    '## msctl lint as `$ref`s grow',
    '',
    `Generated OpenAPI 3.1 descriptions (\`scripts/bench/generate-ref-spec.js\`): component schemas referencing each other with cycles, operations referencing parameters, responses and schemas, about 430 bytes per \`$ref\`. Same ruleset for both tools (\`extends: spectral:oas\`), JSON output. msctl: median of ${runs} runs; Spectral: one run, killed after ${timeoutSeconds} s. Wall time, CPU time (user + system) and peak RSS from \`/usr/bin/time\`; ${machineLine()}. The growth is judged on CPU time, which other work on a shared machine disturbs less than wall time.`,
    `Every size has the same ${PLANTED_FINDINGS.length} planted findings, three of them inside \`$ref\` cycles (\`test/lint/many-refs.test.ts\` asserts them at 20k \`$ref\`s); both tools report them where Spectral finishes.`,
    '',
    '| $refs | size | msctl wall / CPU / peak RSS | findings | Spectral wall / peak RSS | memory goal (15 × size + 60 MB) |',
    '|---:|---:|---:|---:|---|---|',
    ...rows.map(({ refs, megabytes, msctl, msctlFindings, spectral }) => {
      const goal = 15 * megabytes + 60;
      return `| ${refs.toLocaleString('en-US')} | ${megabytes.toFixed(1)} MB | ${formatSeconds(msctl.seconds)} / ${formatSeconds(msctl.cpuSeconds)} / ${formatMegabytes(msctl.megabytes)} | ${msctlFindings} | ${spectralCell(spectral)} | ${goal.toFixed(1)} MB: ${msctl.megabytes <= goal ? 'met' : 'MISSED'} (${msctl.megabytes.toFixed(1)}) |`;
    }),
    '',
    `What each 1,000 \`$ref\`s above the ${smallest.refs.toLocaleString('en-US')}-\`$ref\` spec cost msctl (flat when growth is linear):`,
    '',
    '| $refs | CPU time per 1k $refs | peak RSS per 1k $refs |',
    '|---:|---:|---:|',
    ...steps.map(
      (step) =>
        `| ${step.refs.toLocaleString('en-US')} | ${step.milliseconds.toFixed(1)} ms | ${step.megabytes.toFixed(2)} MB |`,
    ),
    '',
    `Each 1,000 \`$ref\`s from ${middle.refs.toLocaleString('en-US')} to ${largest.refs.toLocaleString('en-US')} cost ${slope(middle, largest, cpuOf).toFixed(1)} ms of CPU time and ${slope(middle, largest, memoryOf).toFixed(2)} MB, against ${slope(smallest, middle, cpuOf).toFixed(1)} ms and ${slope(smallest, middle, memoryOf).toFixed(2)} MB up to ${middle.refs.toLocaleString('en-US')}: ${formatRatio(timeGrowth)} and ${formatRatio(memoryGrowth)} (1× is linear).`,
    spectralGrowth(),
    linear
      ? `Linear: ${largest.refs.toLocaleString('en-US')} \`$ref\`s take ${formatSeconds(largest.msctl.seconds)} (${formatSeconds(largest.msctl.cpuSeconds)} of CPU time) and ${formatMegabytes(largest.msctl.megabytes)}.`
      : 'NOT LINEAR: each `$ref` costs more the more there are; the walk or the rules revisit what they have seen.',
  ].join('\n'),
);
process.stderr.write('bench-lint-refs: wrote docs/benchmarks.md\n');

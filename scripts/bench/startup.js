// Cold start: the cost of `msctl --version` and `--help` against starting Node itself (goal: <= 1.3x `node -e 0`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatMegabytes,
  formatRatio,
  formatSeconds,
  machineLine,
  measurePaired,
  writeSection,
} from './measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const node = process.execPath;
const commands = [
  { name: '`node -e 0` (baseline)', argv: [node, '-e', '0'] },
  { name: '`msctl --version`', argv: [node, path.join(root, 'bin/msctl.js'), '--version'] },
  { name: '`msctl --help`', argv: [node, path.join(root, 'bin/msctl.js'), '--help'] },
  { name: '`create-service --help`', argv: [node, path.join(root, 'bin/create-service.js'), '--help'] },
];

export function benchStartup({ runs = 30 } = {}) {
  const results = measurePaired(commands, { runs, warmup: 3, env: { NO_COLOR: '1' } });
  const baseline = results[0].seconds;
  const rows = results.map(
    (result) =>
      `| ${result.name} | ${formatSeconds(result.seconds)} | ${formatRatio(result.seconds / baseline)} | ${formatMegabytes(result.megabytes)} |`,
  );
  const versionRatio = results[1].seconds / baseline;
  return [
    '## Cold start',
    '',
    `Median of ${runs} interleaved runs each; ${machineLine()}. Goal: \`msctl --version\` at most 1.3× \`node -e 0\`.`,
    '',
    '| command | median wall time | vs node | peak RSS |',
    '|---|---:|---:|---:|',
    ...rows,
    '',
    versionRatio <= 1.3
      ? `\`msctl --version\` costs ${formatRatio(versionRatio)} of starting Node: within the goal.`
      : `\`msctl --version\` costs ${formatRatio(versionRatio)} of starting Node: OVER the 1.3× goal.`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeSection(path.join(root, 'docs/benchmarks.md'), 'startup', benchStartup());
}

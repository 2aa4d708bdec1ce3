// Shared by every benchmark: paired runs of commands, medians, peak memory, and one section of docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TIME = '/usr/bin/time';

/**
 * Runs each command `runs` times, interleaved (A B C A B C ...) so that drift of the machine hits all of them
 * alike. Returns, per command, the median wall time in seconds, the median CPU time (user + system) in seconds,
 * which a busy machine disturbs less, and the median peak RSS in MB.
 */
export function measurePaired(commands, { runs = 10, warmup = 1, cwd, env } = {}) {
  const samples = commands.map(() => ({ seconds: [], cpuSeconds: [], megabytes: [] }));
  for (let round = -warmup; round < runs; round++) {
    commands.forEach((command, index) => {
      const sample = runOnce(command, { cwd, env });
      if (round >= 0) {
        samples[index].seconds.push(sample.seconds);
        if (sample.cpuSeconds !== undefined) samples[index].cpuSeconds.push(sample.cpuSeconds);
        if (sample.megabytes !== undefined) samples[index].megabytes.push(sample.megabytes);
      }
    });
  }
  return commands.map((command, index) => ({
    name: command.name,
    seconds: median(samples[index].seconds),
    cpuSeconds: samples[index].cpuSeconds.length > 0 ? median(samples[index].cpuSeconds) : undefined,
    megabytes: samples[index].megabytes.length > 0 ? median(samples[index].megabytes) : undefined,
    runs,
  }));
}

/**
 * One run; fails loudly when the command fails, unless it declares the exit codes it may end with. A command with
 * `timeoutSeconds` is killed (with everything it started) after that long and reported as `{ timedOut: true }`.
 */
export function runOnce(command, { cwd, env } = {}) {
  const useTime = existsSync(TIME);
  const timeFile = path.join(os.tmpdir(), `msctl-bench-${process.pid}.time`);
  // coreutils `timeout` kills the whole command; /usr/bin/time around it still sees the command's peak memory.
  const bounded = command.timeoutSeconds
    ? ['timeout', '-s', 'KILL', String(command.timeoutSeconds), ...command.argv]
    : command.argv;
  const argv = useTime ? [TIME, '-f', '%e %U %S %M', '-o', timeFile, ...bounded] : bounded;
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd: command.cwd ?? cwd,
    env: { ...process.env, ...env, ...command.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (command.timeoutSeconds && result.status === 128 + 9) {
    if (useTime) rmSync(timeFile, { force: true });
    return { seconds, megabytes: undefined, timedOut: true };
  }
  const allowed = command.exitCodes ?? [0];
  if (!allowed.includes(result.status)) {
    throw new Error(`${command.name} exited ${result.status}: ${result.stderr?.slice(-2000)}`);
  }
  const timing = useTime
    ? /(\d+\.\d+) (\d+\.\d+) (\d+\.\d+) (\d+)\s*$/.exec(readFileSync(timeFile, 'utf8'))
    : null;
  if (useTime) rmSync(timeFile, { force: true });
  return {
    seconds,
    cpuSeconds: timing ? Number(timing[2]) + Number(timing[3]) : undefined,
    megabytes: timing ? Number(timing[4]) / 1024 : undefined,
    stdout: result.stdout,
  };
}

export function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const formatSeconds = (seconds) =>
  seconds < 1 ? `${(seconds * 1000).toFixed(0)} ms` : `${seconds.toFixed(2)} s`;
export const formatMegabytes = (megabytes) =>
  megabytes === undefined ? 'n/a' : `${megabytes.toFixed(0)} MB`;
export const formatRatio = (ratio) => `${ratio.toFixed(2)}×`;

export function machineLine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}`;
}

/** Replaces the text between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`, appending the section if new. */
export function writeSection(file, name, markdown) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const current = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n\nWritten by `npm run bench` (`scripts/bench.js`); each section by its own script, all in one run.\n';
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  writeFileSync(
    file,
    pattern.test(current) ? current.replace(pattern, block) : `${current.trimEnd()}\n\n${block}\n`,
  );
}

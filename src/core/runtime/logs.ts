import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { UserError } from '../errors.js';
import { type ObservedContainer, observeContainers } from './observe.js';

/** One line a container wrote. */
export interface LogLine {
  service: string;
  stream: 'stdout' | 'stderr';
  /** RFC 3339 with nanoseconds, as the engine stamps it. */
  time: string;
  text: string;
}

export interface LogsOptions {
  /** Services to show; all when empty. */
  services?: readonly string[];
  follow?: boolean;
  /** Lines from the end of each log. */
  tail?: number | undefined;
  /** A duration like `10m`, an RFC 3339 time, or Unix seconds. */
  since?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** Parses `--since`: a duration (`90s`, `10m`, `2h`), an RFC 3339 time, or Unix seconds. */
export function parseSince(value: string, now = Date.now()): number {
  const duration = /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(value);
  if (duration) {
    const unit = { s: 1, m: 60, h: 3600 }[duration[2] as 's' | 'm' | 'h'];
    return Math.floor(now / 1000 - Number(duration[1]) * unit);
  }
  if (/^\d+$/.test(value)) return Number(value);
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new UserError(
      `--since ${value} is neither a duration nor a time.`,
      'Give a duration such as 10m or 2h, an RFC 3339 time such as 2026-01-31T12:00:00Z, or Unix seconds.',
    );
  }
  return Math.floor(time / 1000);
}

/**
 * Reads the logs of a project's containers by label, lines time-ordered across services. With `follow`, it
 * returns when the signal aborts or every container's log ends.
 */
export async function readLogs(
  docker: Docker,
  project: string,
  options: LogsOptions,
  onLine: (line: LogLine) => void,
): Promise<void> {
  const containers = selectContainers(
    await observeContainers(docker, project),
    project,
    options.services ?? [],
  );
  const since = options.since === undefined ? undefined : parseSince(options.since);
  if (!options.follow) {
    const lines = (
      await Promise.all(
        containers.map((container) => containerLogLines(docker, container, { since, tail: options.tail })),
      )
    ).flat();
    for (const line of sortByTime(lines)) onLine(line);
    return;
  }
  await followLogs(docker, containers, { since, tail: options.tail, signal: options.signal }, onLine);
}

function selectContainers(
  containers: ObservedContainer[],
  project: string,
  services: readonly string[],
): ObservedContainer[] {
  const known = new Set(containers.map((container) => container.node));
  const unknown = services.filter((service) => !known.has(service));
  if (unknown.length > 0) {
    throw new UserError(
      `No container of ${unknown.join(', ')} in project ${project}.`,
      known.size > 0
        ? `Containers of ${project}: ${[...known].sort().join(', ')}.`
        : `Nothing of ${project} runs; start it with \`msctl up\`.`,
    );
  }
  return services.length === 0
    ? containers
    : containers.filter((container) => services.includes(container.node));
}

/** The last lines of one container's log, demultiplexed. */
export async function containerLogLines(
  docker: Docker,
  container: { id: string; node: string },
  options: { since?: number | undefined; tail?: number | undefined },
): Promise<LogLine[]> {
  const buffer = (await docker.getContainer(container.id).logs({
    follow: false,
    stdout: true,
    stderr: true,
    timestamps: true,
    ...(options.tail !== undefined && { tail: options.tail }),
    ...(options.since !== undefined && { since: options.since }),
  })) as unknown as Buffer;
  const lines: LogLine[] = [];
  await new Promise<void>((resolve) => {
    const source = Readable.from([buffer]);
    demultiplex(docker, source, container.node, (line) => lines.push(line));
    source.on('end', resolve);
  });
  return lines;
}

async function followLogs(
  docker: Docker,
  containers: ObservedContainer[],
  options: { since?: number | undefined; tail?: number | undefined; signal?: AbortSignal | undefined },
  onLine: (line: LogLine) => void,
): Promise<void> {
  // Lines from different containers arrive out of order by a few milliseconds: a short window sorts them.
  let pending: LogLine[] = [];
  const flush = () => {
    const lines = sortByTime(pending);
    pending = [];
    for (const line of lines) onLine(line);
  };
  const timer = setInterval(flush, 100);
  try {
    await Promise.all(
      containers.map(async (container) => {
        const stream = (await docker.getContainer(container.id).logs({
          follow: true,
          stdout: true,
          stderr: true,
          timestamps: true,
          ...(options.tail !== undefined && { tail: options.tail }),
          ...(options.since !== undefined && { since: options.since }),
        })) as unknown as Readable;
        demultiplex(docker, stream, container.node, (line) => pending.push(line));
        await new Promise<void>((resolve) => {
          const stop = () => {
            stream.destroy();
            resolve();
          };
          if (options.signal?.aborted) stop();
          options.signal?.addEventListener('abort', stop, { once: true });
          stream.on('end', resolve);
          stream.on('close', resolve);
          stream.on('error', resolve);
        });
      }),
    );
  } finally {
    clearInterval(timer);
    flush();
  }
}

function demultiplex(
  docker: Docker,
  source: Readable,
  service: string,
  onLine: (line: LogLine) => void,
): void {
  // demuxStream only calls write(): line splitters that call back synchronously keep every line before 'end'.
  const splitter = (stream: 'stdout' | 'stderr') => {
    let rest = '';
    return {
      write(chunk: Buffer) {
        const parts = (rest + chunk.toString('utf8')).split('\n');
        rest = parts.pop() ?? '';
        for (const part of parts) onLine(parseLine(service, stream, part));
        return true;
      },
      end() {
        if (rest) onLine(parseLine(service, stream, rest));
        rest = '';
      },
    };
  };
  const stdout = splitter('stdout');
  const stderr = splitter('stderr');
  docker.modem.demuxStream(
    source,
    stdout as unknown as NodeJS.WritableStream,
    stderr as unknown as NodeJS.WritableStream,
  );
  source.on('end', () => {
    stdout.end();
    stderr.end();
  });
}

function parseLine(service: string, stream: 'stdout' | 'stderr', raw: string): LogLine {
  const space = raw.indexOf(' ');
  const time = space > 0 ? raw.slice(0, space) : '';
  return { service, stream, time, text: (space > 0 ? raw.slice(space + 1) : raw).replace(/\r$/, '') };
}

function sortByTime(lines: LogLine[]): LogLine[] {
  return [...lines].sort((left, right) => (left.time < right.time ? -1 : left.time > right.time ? 1 : 0));
}

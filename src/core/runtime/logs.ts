import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { UserError } from '../errors.js';
import { LABELS } from '../project/labels.js';
import { networkName } from './desired.js';
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
  /** Called once with the services whose logs follow, before the first line (to align their prefixes). */
  onContainers?: ((services: string[]) => void) | undefined;
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
 * also follows the containers that start later (one that `up` recreates, one started again), and returns when
 * the signal aborts or the project's network is removed (`msctl down`). Resolves to the number of containers
 * it found: none means nothing of the project exists.
 */
export async function readLogs(
  docker: Docker,
  project: string,
  options: LogsOptions,
  onLine: (line: LogLine) => void,
): Promise<{ containers: number }> {
  // Listening before listing: a container that starts in between is not missed.
  const events = options.follow ? await projectEvents(docker, project, options.signal) : undefined;
  try {
    const containers = selectContainers(
      await observeContainers(docker, project),
      project,
      options.services ?? [],
    );
    const since = options.since === undefined ? undefined : parseSince(options.since);
    options.onContainers?.([...new Set(containers.map((container) => container.node))]);
    if (!options.follow) {
      const lines = (
        await Promise.all(
          containers.map((container) => containerLogLines(docker, container, { since, tail: options.tail })),
        )
      ).flat();
      for (const line of sortByTime(lines)) onLine(line);
      return { containers: containers.length };
    }
    if (containers.length === 0) return { containers: 0 };
    const wanted = (node: string) => !options.services?.length || options.services.includes(node);
    await followLogs(
      docker,
      containers,
      { since, tail: options.tail, signal: options.signal, events, wanted },
      onLine,
    );
    return { containers: containers.length };
  } finally {
    events?.close();
  }
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
  options: {
    since?: number | undefined;
    tail?: number | undefined;
    signal?: AbortSignal | undefined;
    events: ProjectEvents | undefined;
    wanted: (node: string) => boolean;
  },
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
  const following = new Map<string, Promise<void>>();
  const follow = (
    id: string,
    node: string,
    from: { since?: number | undefined; tail?: number | undefined },
  ) => {
    if (following.has(id)) return;
    const done = followContainer(docker, { id, node }, from, options.signal, (line) => pending.push(line))
      .catch(() => undefined)
      .finally(() => following.delete(id));
    following.set(id, done);
  };
  try {
    for (const container of containers) follow(container.id, container.node, options);
    const ended = new Promise<void>((resolve) => {
      if (options.signal?.aborted) resolve();
      options.signal?.addEventListener('abort', () => resolve(), { once: true });
      options.events?.onProjectRemoved(resolve);
    });
    // A container started after the listing (a recreated one) is followed from its start on.
    options.events?.onContainerStart((id, node, time) => {
      if (options.wanted(node)) follow(id, node, { since: time });
    });
    await ended;
    await Promise.all(following.values());
  } finally {
    clearInterval(timer);
    flush();
  }
}

/** Follows one container's log until it ends (the container stopped) or the signal aborts. */
async function followContainer(
  docker: Docker,
  container: { id: string; node: string },
  from: { since?: number | undefined; tail?: number | undefined },
  signal: AbortSignal | undefined,
  onLine: (line: LogLine) => void,
): Promise<void> {
  const stream = (await docker.getContainer(container.id).logs({
    follow: true,
    stdout: true,
    stderr: true,
    timestamps: true,
    ...(from.tail !== undefined && { tail: from.tail }),
    ...(from.since !== undefined && { since: from.since }),
  })) as unknown as Readable;
  demultiplex(docker, stream, container.node, onLine);
  await new Promise<void>((resolve) => {
    const stop = () => {
      stream.destroy();
      resolve();
    };
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', resolve);
  });
}

interface ProjectEvents {
  onContainerStart(listener: (id: string, node: string, time: number) => void): void;
  onProjectRemoved(listener: () => void): void;
  close(): void;
}

/** The engine's events for a project's containers starting and its network going away. */
async function projectEvents(
  docker: Docker,
  project: string,
  signal: AbortSignal | undefined,
): Promise<ProjectEvents> {
  const stream = (await docker.getEvents({
    filters: { type: ['container', 'network'], event: ['start', 'destroy'] },
  })) as unknown as Readable;
  const starts: ((id: string, node: string, time: number) => void)[] = [];
  const removals: (() => void)[] = [];
  let removed = false;
  let rest = '';
  stream.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) {
      const event = parseEvent(part);
      const attributes = event?.Actor?.Attributes ?? {};
      if (event?.Type === 'container' && event.Action === 'start' && attributes[LABELS.project] === project) {
        const node = attributes[LABELS.service] ?? '';
        for (const listener of starts) listener(event.Actor?.ID ?? '', node, event.time ?? 0);
      } else if (
        event?.Type === 'network' &&
        event.Action === 'destroy' &&
        attributes.name === networkName(project)
      ) {
        removed = true;
        for (const listener of removals) listener();
      }
    }
  });
  stream.on('error', () => undefined);
  const close = () => stream.destroy();
  signal?.addEventListener('abort', close, { once: true });
  return {
    onContainerStart: (listener) => starts.push(listener),
    onProjectRemoved: (listener) => (removed ? listener() : removals.push(listener)),
    close,
  };
}

interface EngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
}

function parseEvent(text: string): EngineEvent | undefined {
  try {
    return JSON.parse(text) as EngineEvent;
  } catch {
    return undefined;
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

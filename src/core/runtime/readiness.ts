import type Docker from 'dockerode';
import type { DesiredContainer } from './desired.js';
import { execProbe, probeFromInside, probeHttp } from './probes.js';

/*
 * Probing schedule: the first probe right after start, then waits that grow from 50 ms by half each time up to
 * 1 s, so a service that stays unready for long is asked about once a second, not 25 times. What ends a wait
 * early: the engine's events for the container (it died, its health check passed) and a line in its log (a
 * service usually says when it listens). Lines that arrive while a probe the service answered runs, or just
 * after it, are taken as its answer to that probe (a readiness handler that logs a warning each time), not as
 * news, and at most one log line per wait ends it early: a chatty service cannot speed the probes up past
 * twice the schedule.
 */
const FIRST_WAIT_MS = 50;
const WAIT_GROWTH = 1.5;
const LONGEST_WAIT_MS = 1000;
const PROBE_ECHO_MS = 250;

/** The outcome of waiting for one container. */
export type ReadinessResult =
  | {
      ready: true /** Where the service answers from this machine, when probed through a published port. */;
      url?: string;
    }
  | {
      ready: false;
      reason: 'timeout' | 'exited' | 'aborted';
      lastProbe: string;
      exitCode?: number | undefined;
    };

/** What one look at a container says about its readiness: `up` repeats it, `ps` asks once. */
export type ReadinessCheck =
  | { state: 'ready'; detail: string; url?: string | undefined }
  | {
      state: 'not-ready';
      detail: string;
      engineHealth?: string | undefined;
      /** The service itself answered (an HTTP status): it may have logged a line about it. */
      answered?: boolean;
    }
  | { state: 'exited'; detail: string; exitCode: number };

export type ProbeFrom = 'host' | 'container';

/**
 * Waits until a container is ready: its HTTP readiness path answers 2xx (from the host through the published
 * port, or from inside the container when the engine is remote), or its health check passes (run by us as
 * well as by the engine, whose first run comes one interval after start).
 */
export async function waitUntilReady(
  docker: Docker,
  containerId: string,
  desired: Pick<DesiredContainer, 'readiness' | 'healthcheck'>,
  options: {
    deadline: number;
    signal?: AbortSignal | undefined;
    /** `container` when the engine is remote: its published ports are not on this machine's loopback. */
    probeFrom?: ProbeFrom;
  },
): Promise<ReadinessResult> {
  const { signal } = options;
  const watcher = watchContainer(docker, containerId, signal);
  let wait = FIRST_WAIT_MS;
  let nextProbeAt = Date.now() + wait;
  let logWakeUsed = false;
  let lastProbe = 'no check ran yet';
  try {
    for (;;) {
      if (signal?.aborted) return { ready: false, reason: 'aborted', lastProbe };
      const probedAt = Date.now();
      const check = await checkReadiness(docker, containerId, desired, options.probeFrom ?? 'host');
      if (check.state === 'ready') return { ready: true, ...(check.url && { url: check.url }) };
      lastProbe = check.detail;
      if (check.state === 'exited') {
        return { ready: false, reason: 'exited', exitCode: check.exitCode, lastProbe };
      }
      if (Date.now() >= options.deadline) return { ready: false, reason: 'timeout', lastProbe };
      // A refused connection cannot have been logged by the service: any line since the probe began is news.
      const logsFrom = check.answered ? Date.now() + PROBE_ECHO_MS : probedAt;
      const woken = await watcher.next(Math.min(nextProbeAt, options.deadline), {
        logsFrom: logWakeUsed ? undefined : logsFrom,
      });
      if (woken === 'timer') {
        wait = Math.min(wait * WAIT_GROWTH, LONGEST_WAIT_MS);
        nextProbeAt = Date.now() + wait;
        logWakeUsed = false;
      } else if (woken === 'log') logWakeUsed = true;
    }
  } finally {
    watcher.close();
  }
}

/** Readiness by msctl's own check, once: what `ps` reports, so that it agrees with what `up` said. */
export async function checkReadiness(
  docker: Docker,
  containerId: string,
  desired: Pick<DesiredContainer, 'readiness' | 'healthcheck'>,
  probeFrom: ProbeFrom,
): Promise<ReadinessCheck> {
  const { readiness } = desired;
  const container = docker.getContainer(containerId);
  const info = await container.inspect();
  const state = info.State;
  const health = (state as { Health?: { Status: string; Log?: { Output: string; ExitCode: number }[] } })
    .Health;
  if (state.Status === 'exited' || state.Status === 'dead') {
    return {
      state: 'exited',
      exitCode: state.ExitCode,
      detail: `the container exited with code ${state.ExitCode}${state.Error ? `: ${state.Error}` : ''}`,
    };
  }
  const notReady = (detail: string, answered = false): ReadinessCheck => ({
    state: 'not-ready',
    detail,
    engineHealth: health?.Status,
    answered,
  });
  if (!state.Running) return notReady(`the container is ${state.Status}`);
  if (readiness.kind === 'running') return { state: 'ready', detail: 'running' };
  if (readiness.kind === 'healthcheck') {
    const last = health?.Log?.at(-1);
    const engineSays = last && `health check exited ${last.ExitCode}: ${last.Output.trim() || '(no output)'}`;
    if (health?.Status === 'healthy') return { state: 'ready', detail: engineSays ?? 'healthy' };
    const test = desired.healthcheck?.test ?? info.Config.Healthcheck?.Test;
    const command = test?.[0] === 'CMD' ? test.slice(1) : undefined;
    if (!command) return notReady(engineSays ?? 'no check ran yet');
    const probe = await execProbe(container, command);
    const detail = `${command.join(' ')} exited ${probe.exitCode}: ${probe.output || '(no output)'}`;
    return probe.exitCode === 0 ? { state: 'ready', detail } : notReady(detail);
  }
  if (probeFrom === 'container') {
    const probe = await probeFromInside(container, `http://127.0.0.1:${readiness.port}${readiness.path}`);
    const detail = `GET ${readiness.path} (from inside the container): ${probe.detail}`;
    return probe.ok ? { state: 'ready', detail } : notReady(detail);
  }
  const binding = info.NetworkSettings.Ports?.[`${readiness.port}/tcp`]?.[0];
  if (!binding) return notReady(`port ${readiness.port} is not published`);
  const host = binding.HostIp === '0.0.0.0' || binding.HostIp === '' ? '127.0.0.1' : binding.HostIp;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${binding.HostPort}`;
  const probe = await probeHttp(`${base}${readiness.path}`);
  const detail = `GET ${readiness.path}: ${probe.detail}`;
  if (probe.ok) return { state: 'ready', detail, url: base };
  return notReady(detail, probe.detail.startsWith('HTTP '));
}

interface Watcher {
  /**
   * Resolves at `until`, or earlier when the engine reports the container died or changed health, or when it
   * writes a log line at `logsFrom` or later (also one written before this call); always on abort.
   */
  next(until: number, options: { logsFrom: number | undefined }): Promise<'timer' | 'event' | 'log'>;
  close(): void;
}

/** Engine events and log activity of one container, each a reason to look again before the timer. */
function watchContainer(docker: Docker, containerId: string, signal: AbortSignal | undefined): Watcher {
  let wake: ((reason: 'event' | 'log') => void) | undefined;
  let logsFrom: number | undefined;
  let lastLineAt = 0;
  let closed = false;
  const streams: NodeJS.ReadableStream[] = [];
  const keep = (stream: NodeJS.ReadableStream, onData: () => void) => {
    if (closed) (stream as unknown as { destroy(): void }).destroy();
    else {
      streams.push(stream);
      stream.on('data', onData);
      stream.on('error', () => undefined);
    }
  };
  // Both are hints only: when either cannot be opened, the timer alone still finds readiness.
  docker
    .getEvents({
      filters: { type: ['container'], container: [containerId], event: ['die', 'health_status'] },
    })
    .then((stream) => keep(stream, () => wake?.('event')))
    .catch(() => undefined);
  docker
    .getContainer(containerId)
    .logs({ follow: true, stdout: true, stderr: true, tail: 0 })
    .then((stream) =>
      keep(stream as unknown as NodeJS.ReadableStream, () => {
        lastLineAt = Date.now();
        if (logsFrom !== undefined && lastLineAt >= logsFrom) wake?.('log');
      }),
    )
    .catch(() => undefined);
  return {
    next(until, options) {
      logsFrom = options.logsFrom;
      return new Promise((resolve) => {
        const finish = (reason: 'timer' | 'event' | 'log') => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          wake = undefined;
          resolve(reason);
        };
        const onAbort = () => finish('event');
        const timer = setTimeout(() => finish('timer'), Math.max(0, until - Date.now()));
        wake = finish;
        signal?.addEventListener('abort', onAbort, { once: true });
        if (logsFrom !== undefined && lastLineAt >= logsFrom) finish('log');
      });
    },
    close() {
      closed = true;
      for (const stream of streams) (stream as unknown as { destroy(): void }).destroy();
    },
  };
}

import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import type { DesiredContainer } from './desired.js';

const POLL_MS = 100;
const HTTP_PROBE_MS = 40;
const HTTP_PROBES_PER_INSPECT = 5;
const EXEC_PROBE_TIMEOUT_MS = 3000;

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

/**
 * Waits until a container is ready: its HTTP readiness path answers 2xx (polled from the host through the
 * published port), or its health check says healthy. A reset connection counts as not ready: Docker's port
 * proxy accepts connections before anything listens inside.
 */
export async function waitUntilReady(
  docker: Docker,
  containerId: string,
  desired: Pick<DesiredContainer, 'readiness' | 'healthcheck'>,
  options: {
    deadline: number;
    signal?: AbortSignal | undefined;
    /** `container` when the engine is remote: its published ports are not on this machine's loopback. */
    probeFrom?: 'host' | 'container';
  },
): Promise<ReadinessResult> {
  const { readiness } = desired;
  const container = docker.getContainer(containerId);
  // The engine runs the first health check one interval after start; running the same check ourselves,
  // as often as we poll, notices readiness as soon as it is there.
  const command = desired.healthcheck?.test[0] === 'CMD' ? desired.healthcheck.test.slice(1) : undefined;
  let lastProbe = 'no check ran yet';
  for (;;) {
    if (options.signal?.aborted) return { ready: false, reason: 'aborted', lastProbe };
    const info = await container.inspect();
    const state = info.State;
    if (state.Status === 'exited' || state.Status === 'dead') {
      return {
        ready: false,
        reason: 'exited',
        exitCode: state.ExitCode,
        lastProbe: `the container exited with code ${state.ExitCode}${state.Error ? `: ${state.Error}` : ''}`,
      };
    }
    if (readiness.kind === 'running' && state.Running) return { ready: true };
    if (readiness.kind === 'healthcheck') {
      const health = (state as { Health?: { Status: string; Log?: { Output: string; ExitCode: number }[] } })
        .Health;
      const last = health?.Log?.at(-1);
      if (last) lastProbe = `health check exited ${last.ExitCode}: ${last.Output.trim() || '(no output)'}`;
      if (health?.Status === 'healthy') return { ready: true };
      if (command && state.Running) {
        const probe = await execProbe(container, command);
        lastProbe = `${command.join(' ')} exited ${probe.exitCode}: ${probe.output || '(no output)'}`;
        if (probe.exitCode === 0) return { ready: true };
      }
    }
    if (readiness.kind === 'http' && state.Running && options.probeFrom === 'container') {
      const probe = await probeFromInside(container, `http://127.0.0.1:${readiness.port}${readiness.path}`);
      if (probe.ok) return { ready: true };
      lastProbe = `GET ${readiness.path} (from inside the container): ${probe.detail}`;
    } else if (readiness.kind === 'http' && state.Running) {
      const bindings = info.NetworkSettings.Ports?.[`${readiness.port}/tcp`];
      const binding = bindings?.[0];
      if (!binding) lastProbe = `port ${readiness.port} is not published`;
      else {
        const host = binding.HostIp === '0.0.0.0' || binding.HostIp === '' ? '127.0.0.1' : binding.HostIp;
        const url = `http://${host.includes(':') ? `[${host}]` : host}:${binding.HostPort}${readiness.path}`;
        // HTTP probes are cheap: several between two looks at the container's state.
        for (let attempt = 0; attempt < HTTP_PROBES_PER_INSPECT; attempt += 1) {
          const probe = await probeHttp(url);
          if (probe.ok) return { ready: true, url: url.slice(0, url.length - readiness.path.length) };
          lastProbe = `GET ${readiness.path}: ${probe.detail}`;
          if (Date.now() >= options.deadline || options.signal?.aborted) break;
          await sleep(HTTP_PROBE_MS, undefined, { signal: options.signal }).catch(() => undefined);
        }
        if (Date.now() >= options.deadline) return { ready: false, reason: 'timeout', lastProbe };
        continue;
      }
    }
    if (Date.now() >= options.deadline) return { ready: false, reason: 'timeout', lastProbe };
    await sleep(POLL_MS, undefined, { signal: options.signal }).catch(() => undefined);
  }
}

async function probeHttp(url: string): Promise<{ ok: boolean; detail: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
    const body = (await response.text()).trim().slice(0, 300);
    return {
      ok: response.status >= 200 && response.status < 300,
      detail: `HTTP ${response.status}${body ? ` ${body}` : ''}`,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code;
    const detail =
      code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
        ? 'connection reset'
        : code === 'ECONNREFUSED'
          ? 'connection refused'
          : (cause?.message ?? (error as Error).message);
    return { ok: false, detail };
  }
}

/** HTTP clients an image may have, tried in order; the first one present is used from then on. */
function insideClients(url: string): string[][] {
  const script = `fetch(${JSON.stringify(url)}, { signal: AbortSignal.timeout(2000) }).then(async (response) => { console.log('HTTP ' + response.status + ' ' + (await response.text()).slice(0, 300)); process.exit(response.ok ? 0 : 1); }, (error) => { console.log(String(error.cause?.code ?? error.message)); process.exit(1); })`;
  return [
    ['node', '-e', script],
    // No -T: Debian's static busybox crashes with it; execProbe bounds the time instead.
    ['wget', '-q', '-O', '-', url],
    ['curl', '-fsS', '--max-time', '2', url],
  ];
}

const clientByContainer = new WeakMap<Docker.Container, string[][]>();

async function probeFromInside(
  container: Docker.Container,
  url: string,
): Promise<{ ok: boolean; detail: string }> {
  const candidates = clientByContainer.get(container) ?? insideClients(url);
  for (const [index, command] of candidates.entries()) {
    const result = await execProbe(container, command);
    // 126/127: the client is not in the image; try the next one.
    if (result.exitCode === 126 || result.exitCode === 127 || result.exitCode === null) continue;
    clientByContainer.set(container, candidates.slice(index));
    return { ok: result.exitCode === 0, detail: result.output || `exit ${result.exitCode}` };
  }
  return { ok: false, detail: 'the image has none of node, wget or curl to check it from inside' };
}

async function execProbe(
  container: Docker.Container,
  command: string[],
): Promise<{ exitCode: number | null; output: string }> {
  try {
    const exec = await container.exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const chunks: Buffer[] = [];
    const sink = { write: (chunk: Buffer) => chunks.push(chunk) } as unknown as NodeJS.WritableStream;
    container.modem.demuxStream(stream, sink, sink);
    // A check that hangs (a server that accepts and never answers) must not stall the wait past its deadline.
    const finished = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), EXEC_PROBE_TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      stream.on('end', done);
      stream.on('close', done);
      stream.on('error', done);
    });
    if (!finished) {
      stream.destroy();
      return { exitCode: -1, output: `no answer within ${EXEC_PROBE_TIMEOUT_MS / 1000} s` };
    }
    const info = await exec.inspect();
    return { exitCode: info.ExitCode, output: Buffer.concat(chunks).toString('utf8').trim().slice(0, 300) };
  } catch (error) {
    return { exitCode: null, output: (error as Error).message };
  }
}

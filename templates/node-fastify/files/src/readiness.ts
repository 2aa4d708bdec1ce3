import { connect } from 'node:net';

/** One thing the service needs before it can take traffic. `check` rejects when it is not usable. */
export interface ReadinessCheck {
  name: string;
  check(signal: AbortSignal): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { status: 'ok' | 'failing' }>;
  failures: { name: string; error: string }[];
}

/** Runs every check at once, each bounded by `timeoutMs`, so a hung dependency cannot hang the probe. */
export async function runReadinessChecks(
  checks: readonly ReadinessCheck[],
  timeoutMs: number,
): Promise<ReadinessReport> {
  const results = await Promise.allSettled(
    checks.map((readinessCheck) => readinessCheck.check(AbortSignal.timeout(timeoutMs))),
  );
  const report: ReadinessReport = { ready: true, checks: {}, failures: [] };
  results.forEach((result, index) => {
    const name = checks[index]?.name ?? String(index);
    if (result.status === 'fulfilled') {
      report.checks[name] = { status: 'ok' };
    } else {
      report.ready = false;
      report.checks[name] = { status: 'failing' };
      report.failures.push({ name, error: errorMessage(result.reason) });
    }
  });
  return report;
}

/** Another service is ready when a GET on its readiness path answers 2xx. */
export function httpReadinessCheck(name: string, baseUrl: string, path: string): ReadinessCheck {
  return {
    name,
    async check(signal) {
      const response = await fetch(new URL(path, baseUrl), { signal, redirect: 'manual' });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    },
  };
}

/** Infra without a client here (a cache, a broker) is ready when its port accepts a TCP connection. */
export function tcpReadinessCheck(name: string, url: string, defaultPort: number): ReadinessCheck {
  const { hostname, port } = new URL(url);
  return {
    name,
    check: (signal) =>
      new Promise<void>((resolve, reject) => {
        const socket = connect({
          host: hostname.replace(/^\[|\]$/g, ''),
          port: Number(port) || defaultPort,
          signal,
        });
        socket.once('connect', () => {
          socket.destroy();
          resolve();
        });
        socket.once('error', reject);
      }),
  };
}

function errorMessage(reason: unknown): string {
  if (!(reason instanceof Error)) return String(reason);
  if (reason.name === 'TimeoutError') return 'timed out';
  // fetch reports "fetch failed" and keeps what happened (ECONNREFUSED, a DNS failure) in its cause.
  const cause = reason.cause instanceof Error ? `: ${reason.cause.message}` : '';
  return `${reason.message || reason.name}${cause}`;
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { LIVENESS_PATH, READINESS_PATH } from '../src/health.js';
import { httpReadinessCheck, type ReadinessCheck, tcpReadinessCheck } from '../src/readiness.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

function app(readinessChecks: ReadinessCheck[] = []) {
  const instance = buildApp({ readinessChecks, readinessTimeoutMs: 500 });
  cleanups.push(() => instance.close());
  return instance;
}

/** A real HTTP server on a free loopback port that answers every request with `status`. */
async function dependencyAnswering(status: number): Promise<string> {
  const server: Server = createServer((_request, response) => response.writeHead(status).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A loopback port that nothing listens on: a server is started, its port noted, and it is closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('health', () => {
  it('is live while the process serves HTTP', async () => {
    const response = await app().inject({ method: 'GET', url: LIVENESS_PATH });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('is ready when every dependency is', async () => {
    const inventory = await dependencyAnswering(200);
    const response = await app([httpReadinessCheck('inventory', inventory, '/readyz')]).inject({
      method: 'GET',
      url: READINESS_PATH,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', checks: { inventory: { status: 'ok' } } });
  });

  it('is not ready while a dependency service is not ready', async () => {
    const inventory = await dependencyAnswering(503);
    const healthy = await dependencyAnswering(200);
    const response = await app([
      httpReadinessCheck('inventory', inventory, '/readyz'),
      httpReadinessCheck('payments', healthy, '/readyz'),
    ]).inject({ method: 'GET', url: READINESS_PATH });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: 'unavailable',
      checks: { inventory: { status: 'failing' }, payments: { status: 'ok' } },
    });
  });

  it('is not ready while a port of a dependency refuses connections', async () => {
    const port = await closedPort();
    const response = await app([tcpReadinessCheck('redis', `redis://127.0.0.1:${port}`, 6379)]).inject({
      method: 'GET',
      url: READINESS_PATH,
    });
    expect(response.statusCode).toBe(503);
    expect(response.json().checks).toEqual({ redis: { status: 'failing' } });
  });

  it('reports a dependency that never answers as failing once the timeout passes', async () => {
    const hanging: ReadinessCheck = {
      name: 'slow',
      check: (signal) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    };
    const response = await app([hanging]).inject({ method: 'GET', url: READINESS_PATH });
    expect(response.statusCode).toBe(503);
    expect(response.json().checks).toEqual({ slow: { status: 'failing' } });
  });
});

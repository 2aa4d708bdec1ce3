import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createDependencies, declaredDependencies } from '../src/dependencies.js';
import { runReadinessChecks } from '../src/readiness.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('dependencies', () => {
  it('checks each declared dependency with its real client and reports one that is down', async () => {
    const port = await closedPort();
    const environment = Object.fromEntries(
      declaredDependencies.map((dependency) => {
        const scheme = dependency.kind === 'service' ? 'http' : (dependency.infraKind ?? 'tcp');
        return [dependency.envName, `${scheme}://user:password@127.0.0.1:${port}/${dependency.name}`];
      }),
    );
    const config = loadConfig({ ...environment, READINESS_TIMEOUT_MS: '1000' });
    const dependencies = createDependencies(config, pino({ level: 'silent' }));
    try {
      expect(dependencies.readinessChecks.map((check) => check.name)).toEqual(
        declaredDependencies.map((dependency) => dependency.name),
      );
      const report = await runReadinessChecks(dependencies.readinessChecks, config.READINESS_TIMEOUT_MS);
      expect(report.ready).toBe(declaredDependencies.length === 0);
      expect(report.failures.map((failure) => failure.name)).toEqual(
        declaredDependencies.map((dependency) => dependency.name),
      );
    } finally {
      await dependencies.close();
    }
  });
});

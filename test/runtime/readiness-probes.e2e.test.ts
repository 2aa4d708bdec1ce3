import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRuntimeWorkspace,
  prepareImages,
  psRows,
  publishedAddress,
  type RuntimeWorkspace,
} from './runtime-workspace.js';

/**
 * How hard `up` asks a service that is not ready yet. The fixture's service stays unready while its dependency
 * is down (the first 10 s), logs a warning on each readiness request, and counts them.
 */
describe('readiness probing of a service whose dependency is down', () => {
  let workspace: RuntimeWorkspace;

  beforeAll(async () => {
    await prepareImages();
    workspace = await createRuntimeWorkspace('probes', 'flaky');
  });
  afterAll(async () => workspace?.cleanUp());

  it('asks about once a second after the first second, not every 40 ms', async () => {
    const up = await workspace.msctl(['up', '-d', '--timeout', '60']);
    expect(up.exitCode).toBe(0);
    const address = publishedAddress((await psRows(workspace)).get('flaky'));
    const { probes, elapsedMs } = (await (await fetch(`http://${address}/probes`)).json()) as {
      probes: number;
      elapsedMs: number;
    };
    expect(elapsedMs).toBeGreaterThan(10_000);
    // The schedule gives 8 probes in the first 2.5 s, then one a second: about 17 in 10 s, and `ps` asked once;
    // polling every 40 ms made 161. The margin allows for a log line taken for news on a loaded machine.
    expect(probes).toBeGreaterThanOrEqual(10);
    expect(probes).toBeLessThanOrEqual(25);
  });

  it('folds the repeated warnings in the failure report, and suggests more time only when more time helps', async () => {
    await workspace.editYaml((source) => source.replace('"10000"', '"600000"'));
    const slow = await workspace.msctl(['up', '-d', '--timeout', '4']);
    expect(slow.exitCode).toBe(1);
    expect(slow.stderr).toContain('flaky did not become ready within 4 s.');
    expect(slow.stderr).toContain('Last check: GET /readyz: HTTP 503');
    expect(slow.stderr).toMatch(/^ {2}flaky listening on 3002$/m);
    expect(slow.stderr).toMatch(
      /^ {2}\{"level":40,"time":\d+,"msg":"dependency is down","probe":\d+\} … × \d+$/m,
    );
    expect(slow.stderr).toContain('`--timeout` gives slow starters longer');
    // `ps` gives the same answer `up` got, and why.
    expect((await psRows(workspace)).get('flaky')?.health).toBe('unhealthy');
    const table = await workspace.msctl(['ps']);
    expect(table.stdout).toMatch(/^flaky: GET \/readyz: HTTP 503 .*dependency is down/m);

    await workspace.editYaml((source) => source.replace('"600000" }', '"600000", EXIT_AFTER_MS: "1500" }'));
    const exited = await workspace.msctl(['up', '-d', '--timeout', '30']);
    expect(exited.exitCode).toBe(1);
    expect(exited.stderr).toContain('flaky stopped before it became ready.');
    expect(exited.stderr).toContain('Last check: the container exited with code 3');
    expect(exited.stderr).toContain('giving up: the dependency never came back');
    expect(exited.stderr).not.toContain('--timeout');
  });
});

import { randomBytes } from 'node:crypto';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntilReady } from '../../src/core/runtime/readiness.js';
import { NODE_BASE_IMAGE } from '../support/node-image.js';
import { POSTGRES_TEST_IMAGE } from '../support/postgres-image.js';
import { prepareImages } from './runtime-workspace.js';

const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const created: string[] = [];

async function run(image: string, command: string[]): Promise<string> {
  const container = await docker.createContainer({
    name: `msctl-readiness-${randomBytes(4).toString('hex')}`,
    Image: image,
    Entrypoint: command,
    User: '0',
    HostConfig: { Init: true },
  });
  created.push(container.id);
  await container.start();
  return container.id;
}

/** What a remote engine gets: readiness checked from inside the container, with whatever client it has. */
describe('readiness from inside the container', () => {
  beforeAll(prepareImages);
  afterAll(async () => {
    await Promise.all(
      created.map((id) =>
        docker
          .getContainer(id)
          .remove({ force: true, v: true })
          .catch(() => undefined),
      ),
    );
  });

  it('uses wget where the image has no node, and waits until the path answers', async () => {
    const id = await run(POSTGRES_TEST_IMAGE, [
      '/bin/sh',
      '-c',
      'mkdir -p /tmp/www; (sleep 1; echo ok > /tmp/www/readyz) & exec httpd -f -p 8080 -h /tmp/www',
    ]);
    const result = await waitUntilReady(
      docker,
      id,
      { readiness: { kind: 'http', path: '/readyz', port: 8080 }, healthcheck: undefined },
      { deadline: Date.now() + 20_000, probeFrom: 'container' },
    );
    expect(result).toEqual({ ready: true });
  });

  it('reports the last answer when the service never becomes ready', async () => {
    const id = await run(NODE_BASE_IMAGE, [
      'node',
      '-e',
      "require('http').createServer((q, r) => { r.statusCode = 503; r.end('warming up'); }).listen(8080)",
    ]);
    const result = await waitUntilReady(
      docker,
      id,
      { readiness: { kind: 'http', path: '/readyz', port: 8080 }, healthcheck: undefined },
      { deadline: Date.now() + 3000, probeFrom: 'container' },
    );
    expect(result).toMatchObject({ ready: false, reason: 'timeout' });
    expect((result as { lastProbe: string }).lastProbe).toBe(
      'GET /readyz (from inside the container): HTTP 503 warming up',
    );
  });
});

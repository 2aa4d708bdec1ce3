import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntimeWorkspace, DOCKER, prepareImages, type RuntimeWorkspace } from './runtime-workspace.js';

describe.each(['buildkit', 'legacy'])('msctl up builds with the %s builder', (builder) => {
  let system: RuntimeWorkspace;
  let caFolder: string;

  beforeAll(async () => {
    await prepareImages();
    system = await createRuntimeWorkspace(`build-${builder}`);
    caFolder = await mkdtemp(path.join(os.tmpdir(), 'msctl-ca-'));
  });
  afterAll(async () => {
    await system?.cleanUp();
    await rm(caFolder, { recursive: true, force: true });
  });

  it('stops with the failing step and its output when a build fails inside the stream', async () => {
    await writeFile(
      path.join(system.root, 'services/inventory/Dockerfile'),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile, not a template literal
      'ARG NODE_IMAGE\nFROM ${NODE_IMAGE}\nRUN printf "compiling %s\\n" wrong-step && exit 3\n',
    );
    const up = await system.msctl(['up', '-d'], { MSCTL_BUILDER: builder });
    expect(up.exitCode).toBe(1);
    expect(up.stderr).toContain('Building inventory failed');
    expect(up.stderr).toContain('compiling wrong-step');
    expect(up.stderr).not.toContain('Building orders failed');
  });

  it('builds contexts honouring .dockerignore, with the extra CA only in the image, and skips unchanged ones', async () => {
    await writeFile(
      path.join(system.root, 'services/inventory/Dockerfile'),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile, not a template literal
      'ARG NODE_IMAGE\nFROM ${NODE_IMAGE}\nWORKDIR /app\nCOPY . ./\nCMD ["node", "server.js"]\n',
    );
    await writeFile(path.join(system.root, 'services/inventory/secret.txt'), 'must not be sent');
    await writeFile(path.join(system.root, 'services/inventory/debug.log'), 'must not be sent');
    const ca = path.join(caFolder, 'extra.pem');
    // A real certificate: the msctl process itself loads NODE_EXTRA_CA_CERTS too.
    const bundle = await readFile('/etc/ssl/certs/ca-certificates.crt', 'utf8');
    await writeFile(
      ca,
      `${bundle.slice(0, bundle.indexOf('-----END CERTIFICATE-----'))}-----END CERTIFICATE-----\n`,
    );
    const up = await system.msctl(['up', '-d'], { MSCTL_BUILDER: builder, NODE_EXTRA_CA_CERTS: ca });
    expect(up.exitCode).toBe(0);
    const files = await execa(DOCKER, [
      'run',
      '--rm',
      `${system.project}/inventory:local`,
      'node',
      '-e',
      'console.log(require("fs").readdirSync(".", { recursive: true }).sort().join(","))',
    ]);
    expect(files.stdout.trim().split(',')).toEqual([
      '.certs',
      '.certs/extra-ca.pem',
      '.dockerignore',
      'Dockerfile',
      'server.js',
    ]);
    expect(await readdir(path.join(system.root, 'services/inventory'))).not.toContain('.certs');

    const again = await system.msctl(['up', '-d'], { MSCTL_BUILDER: builder, NODE_EXTRA_CA_CERTS: ca });
    expect(again.exitCode).toBe(0);
    expect(again.stderr).not.toMatch(/ build \(/);
    expect(again.stderr).not.toContain('Warning');
  });
});

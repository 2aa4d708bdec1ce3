import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_BASE_IMAGES } from '../../src/core/config/base-images.js';
import { lintDocument } from '../../src/core/lint/lint.js';
import { docker, ensureNodeBaseImage } from '../support/node-image.js';
import { npm, renderService, runPackageBin, textOf, writeService } from './render-service.js';
import { REPORT_OPENTELEMETRY_IMPORTS, runBuiltService, startOtlpReceiver } from './run-service.js';

// Real npm registry, real Docker engine: minutes, not seconds. Run with `npx vitest run test/templates`.
const NPM_TIMEOUT = 10 * 60_000;
const DOCKER_TIMEOUT = 15 * 60_000;

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function serviceFolder(answers: Parameters<typeof renderService>[0]): Promise<string> {
  const folder = await writeService(await renderService(answers));
  folders.push(folder);
  return folder;
}

describe('node-fastify: the rendered files', () => {
  it('keeps package.json and package-lock.json in step, with and without Postgres', async () => {
    const variants = [
      { name: 'orders', dependsOn: [] },
      { name: 'billing-api', dependsOn: ['postgres', 'inventory', 'cache'] },
    ];
    for (const { name: serviceName, dependsOn } of variants) {
      const files = await renderService({ name: serviceName, dependsOn });
      const manifest = JSON.parse(textOf(files, 'package.json'));
      const lock = JSON.parse(textOf(files, 'package-lock.json'));
      expect(manifest.name).toBe(serviceName);
      expect(lock.name).toBe(serviceName);
      expect(lock.packages[''].name).toBe(serviceName);
      expect(lock.packages[''].dependencies).toEqual(manifest.dependencies);
      expect(lock.packages[''].devDependencies).toEqual(manifest.devDependencies);
      const locked = Object.keys(lock.packages);
      expect(locked.includes('node_modules/pg')).toBe(dependsOn.includes('postgres'));
      for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
        expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(
          manifest.dependencies[name] ?? manifest.devDependencies[name],
        );
      }
    }
  });

  it('renames stored dotfiles and leaves no template suffix behind', async () => {
    const names = [...(await renderService()).keys()];
    expect(names).toEqual(
      expect.arrayContaining(['.gitignore', '.dockerignore', '.certs/README.md', 'Dockerfile']),
    );
    expect(names.filter((name) => name.endsWith('.hbs') || /(^|\/)_/.test(name))).toEqual([]);
  });

  it('writes an OpenAPI spec that Spectral and Redocly find clean', async () => {
    const folder = await serviceFolder({ dependsOn: ['postgres', 'inventory'] });
    await writeFile(path.join(folder, '.spectral.yaml'), 'extends: ["spectral:oas"]\n');
    const spectral = await runPackageBin(
      '@stoplight/spectral-cli',
      'spectral',
      [
        'lint',
        'openapi.yaml',
        '--ruleset',
        '.spectral.yaml',
        '--format',
        'json',
        '--fail-severity',
        'hint',
        '--quiet',
      ],
      folder,
    );
    expect(JSON.parse(spectral.stdout)).toEqual([]);
    expect(spectral.exitCode).toBe(0);

    const redocly = await runPackageBin(
      '@redocly/cli',
      'redocly',
      ['lint', 'openapi.yaml', '--extends', 'recommended', '--format', 'json'],
      folder,
    );
    expect(redocly.exitCode).toBe(0);
    const report = JSON.parse(redocly.stdout);
    // Probes have no 4xx response to describe; every other rule of the recommended set passes.
    const rules = report.problems.map((problem: { ruleId: string }) => problem.ruleId);
    expect(rules.filter((rule: string) => rule !== 'operation-4xx-response')).toEqual([]);
  });

  it('writes an OpenAPI spec that msctl lint finds clean with its recommended ruleset', async () => {
    const folder = await serviceFolder({ dependsOn: ['postgres'] });
    const result = await lintDocument(path.join(folder, 'openapi.yaml'), { cwd: folder });
    expect(result.failures).toEqual([]);
    // Structural validity (oas3-schema) is Spectral's to judge, above; here it is msctl's governance rules.
    const findings = result.findings.filter((finding) => finding.code !== 'oas3-schema');
    expect(findings.map((finding) => `${finding.code}: ${finding.message}`)).toEqual([]);
  });

  it('writes a Dockerfile that both builders accept and that runs as a numeric non-root user', async () => {
    const dockerfile = textOf(await renderService(), 'Dockerfile');
    const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+ /.test(line));
    // The workspace's base image, pinned by digest unless msctl.yaml names another.
    expect(instructions[0]).toBe(`ARG NODE_IMAGE="${DEFAULT_BASE_IMAGES.node}"`);
    expect(DEFAULT_BASE_IMAGES.node).toMatch(/^node:24-bookworm-slim@sha256:[0-9a-f]{64}$/);
    expect(dockerfile).not.toMatch(/^# *syntax=/m);
    expect(dockerfile).not.toMatch(/<<|--link/);
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/server.js"\]$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).not.toMatch(/curl|wget/);
  });

  it('gives valid package.json, openapi.yaml, Dockerfile and README for a hostile description', async () => {
    const description =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable the Dockerfile must not expand
      'Orders: the "truth" # not a comment\n{{service.name}} {{{raw}}} ${HOME} `x` \\ \'q\' */ - [a]: b';
    const files = await renderService({ description, dependsOn: ['postgres'] });
    expect(JSON.parse(textOf(files, 'package.json')).description).toBe(description);
    const spec = parseYaml(textOf(files, 'openapi.yaml'));
    expect(spec.info.description).toBe(description);
    expect(Object.keys(spec.paths)).toEqual(['/items', '/items/{id}', '/healthz', '/readyz']);

    const label = textOf(files, 'Dockerfile')
      .split('\n')
      .find((line) => line.includes('org.opencontainers.image.description='));
    expect(label).toBeDefined();
    // One Dockerfile line, no variable expansion, no line continuation inside the value.
    expect(label).not.toContain('\n');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the escaped variable, as the Dockerfile holds it
    expect(label).toContain('\\${HOME}');

    const readme = textOf(files, 'README.md');
    const summary = readme.split('\n')[2] ?? '';
    expect(summary).toContain('Orders: the "truth" # not a comment');
    expect(summary).toContain('\\`x\\`');
    expect(readme.split('\n')[0]).toBe('# orders');
  });
});

describe('node-fastify: the generated service builds and passes its own tests', () => {
  // Built services by number of dependencies, for the tests that run them.
  const builtFolders = new Map<number, string>();

  it.each([
    ['without dependencies', [] as string[]],
    ['with Postgres, another service and a cache', ['postgres', 'inventory', 'cache']],
  ])(
    '%s: npm ci, npm run lint, npm test and npm run build pass',
    async (_case, dependsOn) => {
      const folder = await serviceFolder({ dependsOn });
      await npm(folder, ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
      await npm(folder, ['run', 'lint']);
      const testOutput = await npm(folder, ['test']);
      expect(testOutput).toMatch(/Tests\s+\d+ passed/);
      expect(testOutput).not.toMatch(/failed/i);
      await npm(folder, ['run', 'build']);
      const server = await readFile(path.join(folder, 'dist', 'server.js'), 'utf8');
      expect(server).toContain("import('./main.js')");
      builtFolders.set(dependsOn.length, folder);
    },
    NPM_TIMEOUT,
  );

  it('exports traces and metrics over OTLP when an endpoint is set, and loads no telemetry code otherwise', async () => {
    const folder = builtFolders.get(0);
    if (!folder) throw new Error('the service without dependencies was not built: see the test above');
    const probeRequests = async (baseUrl: string) => {
      expect((await fetch(`${baseUrl}/items`)).status).toBe(200);
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    };

    const quiet = await runBuiltService(folder, {}, probeRequests, [
      '--import',
      REPORT_OPENTELEMETRY_IMPORTS,
    ]);
    expect(quiet.exitCode).toBe(0);
    expect(quiet.stderr).not.toContain('resolved @opentelemetry/');

    const receiver = await startOtlpReceiver();
    try {
      const traced = await runBuiltService(
        folder,
        { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_METRIC_EXPORT_INTERVAL: '60000' },
        probeRequests,
        ['--import', REPORT_OPENTELEMETRY_IMPORTS],
      );
      expect(traced.exitCode).toBe(0);
      expect(traced.stderr).toContain('resolved @opentelemetry/sdk-node');
      // Shutdown flushes what is pending, so both signals have arrived once the process has exited.
      expect(receiver.paths).toContain('/v1/traces');
      expect(receiver.paths).toContain('/v1/metrics');
      const lines = traced.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const requestLines = lines.filter((line) => line.req || line.res);
      expect(requestLines.length).toBeGreaterThan(0);
      for (const line of requestLines) expect(line.requestId).toBeTruthy();
    } finally {
      await receiver.close();
    }
  });
});

describe('node-fastify: the Docker image', () => {
  let baseImage: string;
  let folder: string;
  const images: string[] = [];
  const containers: string[] = [];

  beforeAll(async () => {
    baseImage = await ensureNodeBaseImage();
    folder = await serviceFolder({ dependsOn: ['postgres', 'inventory'] });
    // The registry is reached through the build machine's CA, handed to npm the way the README says.
    const extraCa = process.env.NODE_EXTRA_CA_CERTS;
    if (extraCa) await copyFile(extraCa, path.join(folder, '.certs', 'extra-ca.pem'));
  }, DOCKER_TIMEOUT);

  afterAll(async () => {
    for (const container of containers) await docker(['rm', '--force', container]).catch(() => undefined);
    for (const image of images) await docker(['rmi', '--force', image]).catch(() => undefined);
  });

  it.each([
    ['BuildKit', true],
    ['the legacy builder', false],
  ])(
    'builds with %s and runs as a non-root user answering its liveness path on 127.0.0.1',
    async (builder, buildKit) => {
      const tag = `msctl-test/orders:${buildKit ? 'buildkit' : 'legacy'}`;
      images.push(tag);
      // --force-rm: a failed step of the legacy builder leaves no container behind.
      await docker(['build', '--force-rm', '--build-arg', `NODE_IMAGE=${baseImage}`, '-t', tag, '.'], {
        buildKit,
        cwd: folder,
      }).catch((error: Error & { stderr?: string }) => {
        throw new Error(`docker build with ${builder} failed:\n${error.stderr ?? error.message}`);
      });

      const { stdout: inspected } = await docker(['image', 'inspect', tag]);
      const [image] = JSON.parse(inspected);
      expect(image.Config.User).toBe('10001:10001');
      expect(image.Config.Cmd).toEqual(['node', 'dist/server.js']);
      expect(image.Config.Env).toContain('NODE_ENV=production');
      expect(image.Config.Healthcheck.Test[0]).toBe('CMD');
      expect(image.Config.Labels['org.opencontainers.image.title']).toBe('orders');

      const { stdout: uid } = await docker(['run', '--rm', '--entrypoint', 'id', tag, '-u']);
      expect(Number(uid.trim())).toBeGreaterThanOrEqual(10_000);
      // The CA given to the build stays out of the runtime image.
      const { stdout: listing } = await docker([
        'run',
        '--rm',
        '--entrypoint',
        'ls',
        tag,
        '-a',
        '/tmp',
        '/app',
      ]);
      expect(listing).not.toContain('certs');
      expect(listing).toContain('node_modules');
      const { stdout: devDependency } = await docker([
        'run',
        '--rm',
        '--entrypoint',
        'node',
        tag,
        '-e',
        "import('vitest').then(() => console.log('present'), () => console.log('absent'))",
      ]);
      expect(devDependency.trim()).toBe('absent');

      const { stdout: containerId } = await docker([
        'run',
        '--detach',
        '--publish',
        '127.0.0.1::3000',
        // The image's own HEALTHCHECK command, run every second instead of every 30.
        '--health-interval',
        '1s',
        '--env',
        'DATABASE_URL=postgres://orders:secret@127.0.0.1:1/orders',
        '--env',
        'INVENTORY_URL=http://127.0.0.1:1',
        tag,
      ]);
      const container = containerId.trim();
      containers.push(container);
      const { stdout: portLine } = await docker(['port', container, '3000/tcp']);
      const published = portLine.trim().split('\n')[0] ?? '';
      expect(published).toMatch(/^127\.0\.0\.1:\d+$/);

      const response = await waitForResponse(`http://${published}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
      expect(response.headers.get('x-request-id')).toBeTruthy();
      const readiness = await fetch(`http://${published}/readyz`);
      expect(readiness.status).toBe(503);

      expect(await waitForHealth(container)).toBe('healthy');

      const { stdout: processUser } = await docker(['exec', container, 'id', '-u']);
      expect(processUser.trim()).toBe('10001');

      // docker stop sends SIGTERM: the service drains and exits 0 on its own, well before the engine's SIGKILL.
      await docker(['stop', '--time', '30', container]);
      const { stdout: exitCode } = await docker(['inspect', '--format', '{{.State.ExitCode}}', container]);
      expect(exitCode.trim()).toBe('0');
      const { stdout: logs } = await docker(['logs', container]);
      const lines = logs
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['shutting down', 'shut down']));
      const requestLines = lines.filter((line) => line.req || line.res || line.dependency);
      expect(requestLines.length).toBeGreaterThan(0);
      for (const line of requestLines) expect(line.requestId).toBeTruthy();
    },
    DOCKER_TIMEOUT,
  );

  it(
    'builds with a hostile description and keeps it, as text, in the image label',
    async () => {
      const hostile = {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable the Dockerfile must not expand
        description: 'Orders: the "truth" # not a comment\n{{service.name}} ${HOME} `x` \\ \'q\' */',
        dependsOn: [] as string[],
      };
      const hostileFolder = await serviceFolder(hostile);
      const extraCa = process.env.NODE_EXTRA_CA_CERTS;
      if (extraCa) await copyFile(extraCa, path.join(hostileFolder, '.certs', 'extra-ca.pem'));
      const tag = 'msctl-test/orders:hostile';
      images.push(tag);
      // --force-rm: a failed step of the legacy builder leaves no container behind.
      await docker(['build', '--force-rm', '--build-arg', `NODE_IMAGE=${baseImage}`, '-t', tag, '.'], {
        cwd: hostileFolder,
      });
      const { stdout } = await docker(['image', 'inspect', '--format', '{{json .Config.Labels}}', tag]);
      // One line in the label: newlines are folded, every other character kept.
      expect(JSON.parse(stdout)['org.opencontainers.image.description']).toBe(
        hostile.description.replace(/\s+/g, ' '),
      );
    },
    DOCKER_TIMEOUT,
  );
});

/** Polls until the container answers; the start of a process is not something to time. */
async function waitForResponse(url: string, attempts = 120): Promise<Response> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await fetch(url);
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} never answered: ${String(lastError)}`);
}

/** Polls the engine until the container's HEALTHCHECK has given a verdict. */
async function waitForHealth(container: string, attempts = 120): Promise<string> {
  let status = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    const { stdout } = await docker(['inspect', '--format', '{{.State.Health.Status}}', container]);
    status = stdout.trim();
    if (status !== 'starting') return status;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return status;
}

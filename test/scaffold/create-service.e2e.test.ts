import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { parseWorkspace } from '../../src/core/config/load.js';
import { renderTemplate } from '../../src/core/scaffold/render.js';
import { renderWorkspaceFile } from '../../src/core/workspace/init.js';
import { validateKubernetesObject } from '../generate/support/kubernetes-schema.js';
import { restrictedViolations } from '../generate/support/pod-security.js';
import { NoOperationTraceWriter, parseWorkflow } from '../generate/support/workflow-parser.js';
import { createServiceBin, msctlBin, runBin } from '../support/cli.js';
import { requirePrerequisite, skipWithout } from '../support/prerequisites.js';
import { useTempDirectories } from '../support/temp.js';

const temporary = useTempDirectories();

/** A workspace folder with a fixed name, so that the project name (and so every file) is the same per run. */
async function emptyWorkspace(): Promise<string> {
  const directory = path.join(await temporary(), 'shop');
  await mkdir(directory);
  return directory;
}

const createService = (args: string[], cwd: string) => runBin(createServiceBin, args, { cwd });

async function tree(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(root, path.join(entry.parentPath, entry.name));
    files[file] = (await readFile(path.join(root, file))).toString('base64');
  }
  return files;
}

describe('create-service, the built binary', () => {
  it('`create-service orders --yes` in an empty folder creates the workspace and the service', async () => {
    const cwd = await emptyWorkspace();
    const result = await createService(['orders', '--yes', '--depends-on', 'postgres'], cwd);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Created service "orders" from node-fastify');
    const workspace = parse(await readFile(path.join(cwd, 'msctl.yaml'), 'utf8'));
    expect(workspace.services.orders).toMatchObject({
      path: 'services/orders',
      template: 'node-fastify',
      port: 3000,
      api: 'openapi.yaml',
      dependsOn: ['postgres'],
    });
    expect(workspace.infra.postgres.kind).toBe('postgres');
    const files = Object.keys(await tree(cwd));
    expect(files).toEqual(
      expect.arrayContaining([
        '.gitignore',
        '.github/workflows/orders.yml',
        'services/orders/Dockerfile',
        'services/orders/k8s/kustomization.yaml',
        'services/orders/.gitignore',
      ]),
    );
    expect(files.some((file) => file.includes('staging'))).toBe(false);

    const config = await runBin(msctlBin, ['config', '--json'], { cwd: path.join(cwd, 'services/orders') });
    expect(config.exitCode).toBe(0);
  });

  it('writes manifests and pipelines that pass the strict checks, as written to disk', async () => {
    const cwd = await emptyWorkspace();
    expect((await createService(['inventory', '--yes', '--ci', 'gitlab'], cwd)).exitCode).toBe(0);
    expect(
      (await createService(['orders', '--yes', '--depends-on', 'postgres,inventory'], cwd)).exitCode,
    ).toBe(0);

    const { stdout } = await execa('kubectl', ['kustomize', path.join(cwd, 'services/orders/k8s')]);
    const objects = parseAllDocuments(stdout).map((document) => document.toJS());
    expect(objects.map((object) => object.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
    ]);
    for (const object of objects) expect(validateKubernetesObject(object), object.kind).toEqual([]);
    const deployment = objects.find((object) => object.kind === 'Deployment');
    expect(restrictedViolations(deployment.spec.template.spec)).toEqual([]);

    const system = await execa('kubectl', ['kustomize', path.join(cwd, 'k8s/base')]);
    const deployments = parseAllDocuments(system.stdout)
      .map((document) => document.toJS())
      .filter((object) => object.kind === 'Deployment');
    expect(deployments.map((object) => `${object.metadata.namespace}/${object.metadata.name}`)).toEqual([
      'shop/inventory',
      'shop/orders',
    ]);

    // Each provider in use gets its service pipelines, the workspace gates and a Renovate config.
    for (const file of ['orders.yml', '_msctl.yml']) {
      const workflow = await readFile(path.join(cwd, '.github/workflows', file), 'utf8');
      const parsed = parseWorkflow({ name: file, content: workflow }, new NoOperationTraceWriter());
      expect(parsed.context.errors.getErrors(), file).toEqual([]);
    }
    for (const file of ['.github/renovate.json', '.gitlab/renovate.json'])
      expect(JSON.parse(await readFile(path.join(cwd, file), 'utf8')).extends).toEqual([
        'config:recommended',
      ]);

    const gitlabSchema = JSON.parse(
      await readFile(path.join(import.meta.dirname, '../fixtures/schemas/gitlab-ci.json'), 'utf8'),
    );
    const validateGitlab = new Ajv({ strict: false, allErrors: true }).compile(gitlabSchema);
    for (const file of ['.gitlab-ci.yml', '.gitlab/ci/inventory.yml', '.gitlab/ci/_msctl.yml']) {
      const pipeline = parse(await readFile(path.join(cwd, file), 'utf8'));
      expect(validateGitlab(pipeline), `${file}: ${JSON.stringify(validateGitlab.errors)}`).toBe(true);
    }
  });

  it('writes exactly what renderTemplate gives, so the template tests (npm ci, test, build, docker) cover it', async () => {
    const cwd = await emptyWorkspace();
    expect(
      (await createService(['orders', '--yes', '--depends-on', 'postgres', '--description', 'Orders'], cwd))
        .exitCode,
    ).toBe(0);
    const before = parseWorkspace('msctl.yaml', renderWorkspaceFile('shop')).config;
    const rendered = await renderTemplate(
      'node-fastify',
      { name: 'orders', port: 3000, description: 'Orders', dependsOn: ['postgres'] },
      before,
    );
    const written = await tree(path.join(cwd, 'services/orders'));
    expect(Object.keys(written).sort()).toEqual([...rendered.keys()].sort());
    for (const [file, content] of rendered)
      expect(written[file], file).toBe(Buffer.from(content).toString('base64'));
  });

  it('is the same command as `msctl new`, and gives byte-identical files for the same answers', async () => {
    const first = await emptyWorkspace();
    const second = await emptyWorkspace();
    const args = [
      'orders',
      '--yes',
      '--port',
      '4000',
      '--depends-on',
      'postgres',
      '--ci',
      'gitlab',
      '--description',
      'Orders: "all" # of them',
    ];
    expect((await createService(args, first)).exitCode).toBe(0);
    expect((await runBin(msctlBin, ['new', ...args], { cwd: second })).exitCode).toBe(0);
    expect(await tree(second)).toEqual(await tree(first));
  });

  it('--dry-run prints every file with its size and writes nothing', async () => {
    const cwd = await emptyWorkspace();
    const result = await createService(['orders', '--yes', '--dry-run'], cwd);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/create\s+services\/orders\/Dockerfile\s+\d+(\.\d)? (B|KiB)/);
    expect(result.stdout).toMatch(/create\s+msctl\.yaml/);
    expect(result.stdout).toContain('Nothing was written (--dry-run).');
    expect(await readdir(cwd)).toEqual([]);
    const json = await createService(['orders', '--yes', '--dry-run', '--json'], cwd);
    expect(JSON.parse(json.stdout)).toMatchObject({ dryRun: true, service: { name: 'orders', port: 3000 } });
    expect(await readdir(cwd)).toEqual([]);
  });

  it.each([
    ['../x', 'is not a valid service name'],
    ['a/b', 'is not a valid service name'],
    ['Foo', 'is not a valid service name'],
    ['', 'The service name is empty'],
    ['x'.repeat(64), 'is 64 characters long'],
  ])('refuses the name %j with the rule (exit 2), writing nothing', async (name, message) => {
    const cwd = await emptyWorkspace();
    const result = await createService([name, '--yes'], cwd);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('DNS-1123 label');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('refuses an existing non-empty folder (exit 2) unless --force, and a port another service uses', async () => {
    const cwd = await emptyWorkspace();
    await mkdir(path.join(cwd, 'services/orders'), { recursive: true });
    await writeFile(path.join(cwd, 'services/orders/keep.txt'), 'mine\n');
    const refused = await createService(['orders', '--yes'], cwd);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('services/orders is not empty.');
    expect(refused.stderr).toContain('--force');
    expect(await readdir(cwd)).toEqual(['services']);

    const forced = await createService(['orders', '--yes', '--force'], cwd);
    expect(forced.exitCode).toBe(0);
    expect(await readFile(path.join(cwd, 'services/orders/keep.txt'), 'utf8')).toBe('mine\n');

    const clash = await createService(['billing', '--yes', '--port', '3000'], cwd);
    expect(clash.exitCode).toBe(2);
    expect(clash.stderr).toContain('Port 3000 is already used by the service "orders"');
  });

  it('without a terminal and without answers, exits 2 naming the flags; prompts never', async () => {
    const cwd = await emptyWorkspace();
    const result = await createService(['orders'], cwd);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('No answer for --template, --port, --depends-on, --ci, --description');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('refuses to add to an invalid msctl.yaml, pointing at the problem, and writes nothing', async () => {
    const cwd = await emptyWorkspace();
    await writeFile(
      path.join(cwd, 'msctl.yaml'),
      'version: 1\nname: shop\nservices:\n  web:\n    path: web\n    prot: 80\n',
    );
    const result = await createService(['orders', '--yes'], cwd);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/msctl\.yaml:6:5 .*unknown key "prot"/);
    expect(await readdir(cwd)).toEqual(['msctl.yaml']);
  });

  it('an interrupted write leaves nothing half-written', async () => {
    const cwd = await emptyWorkspace();
    // A file where the workflows folder must go: the write fails after the service files are staged.
    await writeFile(path.join(cwd, '.github'), 'not a folder\n');
    const result = await createService(['orders', '--yes'], cwd);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('nothing was written');
    expect(await readdir(cwd)).toEqual(['.github']);
  });
});

/**
 * Runs create-service on a real pseudo-terminal (util-linux `script`), typing each answer once its question
 * has appeared. Resolves with the exit code and everything the terminal showed.
 */
function onTerminal(
  cwd: string,
  script: [RegExp, string][],
): Promise<{ exitCode: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', `${process.execPath} ${createServiceBin}`, '/dev/null'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', TERM: 'xterm', CI: undefined },
    });
    let screen = '';
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      pending += chunk.toString();
      const next = script[0];
      if (next?.[0].test(pending)) {
        script.shift();
        pending = '';
        child.stdin.write(next[1]);
      }
    });
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve({ exitCode, screen }));
  });
}

const hasScript = existsSync('/usr/bin/script');
const SCRIPT = '/usr/bin/script (util-linux), which gives create-service a terminal';

describe.skipIf(skipWithout(hasScript, SCRIPT))('create-service on a terminal, the built binary', () => {
  beforeAll(() => requirePrerequisite(hasScript, SCRIPT));

  it('asks, writes, and prints the one-line command that does the same without questions', async () => {
    const cwd = await emptyWorkspace();
    const { exitCode, screen } = await onTerminal(cwd, [
      [/Service name/, 'billing\r'],
      [/Port/, '3005\r'],
      [/Depends on/, ' \r'],
      [/CI pipeline/, '\r'],
      [/Description/, "Bills, it's true\r"],
    ]);
    expect(exitCode).toBe(0);
    expect(screen).toContain(
      "create-service billing --template node-fastify --port 3005 --depends-on postgres --ci github --description 'Bills, it'\\''s true' --yes",
    );
    expect(parse(await readFile(path.join(cwd, 'msctl.yaml'), 'utf8')).services.billing.port).toBe(3005);
  });

  it('Ctrl-C at a prompt exits 130 and writes nothing', async () => {
    const cwd = await emptyWorkspace();
    const { exitCode, screen } = await onTerminal(cwd, [
      [/Service name/, 'billing\r'],
      [/Port/, '\u0003'],
    ]);
    expect(exitCode).toBe(130);
    expect(screen).toContain('✖ Port cancelled; nothing was written');
    expect(await readdir(cwd)).toEqual([]);
  });
});

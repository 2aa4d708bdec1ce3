// biome-ignore-all lint/suspicious/noExplicitAny: the test reads rendered manifests field by field
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { mergeValues, withOwnedPaths } from '../../src/core/generate/merge/yaml-merge.js';
import { regenerateWorkspace } from '../../src/core/generate/regenerate.js';

/** A workspace written as a team would have it: msctl.yaml, then `msctl generate all`. */
const CONFIG = `version: 1
name: shop
images:
  registry: ghcr.io/acme/shop
services:
  orders:
    path: services/orders
    port: 3000
    ci: github
    dependsOn: [postgres]
    replicas: { min: 2, max: 4 }
infra:
  postgres: { kind: postgres }
`;

const DEPLOYMENT = 'services/orders/k8s/deployment.yaml';

async function generatedWorkspace(config = CONFIG): Promise<string> {
  const cwd = path.join(mkdtempSync(path.join(os.tmpdir(), 'msctl-merge-')), 'shop');
  mkdirSync(cwd);
  writeFileSync(path.join(cwd, 'msctl.yaml'), config);
  await generate(cwd);
  return cwd;
}

const generate = (cwd: string, options: { check?: boolean; kinds?: ('k8s' | 'ci')[]; out?: string } = {}) =>
  regenerateWorkspace({
    cwd,
    kinds: options.kinds ?? ['k8s', 'ci'],
    write: !options.check,
    out: options.out,
  });
const read = (cwd: string, file: string) => readFileSync(path.join(cwd, file), 'utf8');
const edit = (cwd: string, file: string, change: (text: string) => string) => {
  const before = read(cwd, file);
  const after = change(before);
  expect(after, `the edit of ${file} changes it`).not.toBe(before);
  writeFileSync(path.join(cwd, file), after);
};
const actions = (files: { path: string; action: string }[]) =>
  Object.fromEntries(
    files.filter((file) => file.action !== 'unchanged').map((file) => [file.path, file.action]),
  );
const toCrlf = (cwd: string, files: string[]) => {
  for (const file of files) writeFileSync(path.join(cwd, file), read(cwd, file).replace(/\n/g, '\r\n'));
};

type Manifest = { kind: string; metadata: { name: string }; spec?: any; data?: Record<string, string> };

/** `kubectl kustomize` of the service, offline: the objects a cluster would get. */
async function rendered(cwd: string): Promise<Manifest[]> {
  const { stdout } = await execa('kubectl', ['kustomize', path.join(cwd, 'services/orders/k8s')]);
  return parseAllDocuments(stdout).map((document) => document.toJS() as Manifest);
}

/** The port the app listens on (PORT) is the one the Deployment declares, the Service targets and the probes call. */
function expectPortsAgree(objects: Manifest[]) {
  const kind = (name: string) => objects.find((object) => object.kind === name) as Manifest;
  const listens = Number(kind('ConfigMap').data?.PORT);
  const container = kind('Deployment').spec.template.spec.containers[0];
  const resolve = (port: number | string) =>
    typeof port === 'number'
      ? port
      : container.ports.find((entry: { name: string }) => entry.name === port)?.containerPort;
  expect(container.ports.map((entry: { containerPort: number }) => entry.containerPort)).toEqual([listens]);
  for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe'])
    expect(resolve(container[probe].httpGet.port), probe).toBe(listens);
  for (const port of kind('Service').spec.ports)
    expect(resolve(port.targetPort), 'Service targetPort').toBe(listens);
}

const memoryRequest = (text: string) => text.replace(/( {14}memory: )128Mi(\r?\n {12}limits:)/, '$11Gi$2');
const surge = (text: string) => text.replace('maxSurge: 1', 'maxSurge: 2');
const port = (config: string) => config.replace('port: 3000', 'port: 3010');
const memoryConfig = (config: string) =>
  config.replace('    port: 3000\n', '    port: 3000\n    resources: { memory: 256Mi }\n');

describe('regeneration merges the new output into files edited by hand', () => {
  it('keeps the memory edit of the Deployment and moves every port to 3010 (the reproduced broken set)', async () => {
    const cwd = await generatedWorkspace();
    edit(cwd, DEPLOYMENT, memoryRequest);
    edit(cwd, 'msctl.yaml', port);
    const { plan } = await generate(cwd);
    expect(actions(plan.files)).toMatchObject({
      [DEPLOYMENT]: 'merge',
      'services/orders/k8s/config-map.yaml': 'update',
      'services/orders/k8s/service.yaml': 'update',
    });
    const deployment = read(cwd, DEPLOYMENT);
    expect(deployment).toContain('memory: 1Gi');
    expect(deployment).toContain('containerPort: 3010');
    expect(deployment).not.toContain('3000');
    expectPortsAgree(await rendered(cwd));
  });

  // user edit × config change, with and without a conflict, in LF and in CRLF (Git's core.autocrlf).
  const grid = [
    { edit: 'memory request', change: 'port', user: memoryRequest, config: port, conflict: false },
    { edit: 'rollout surge', change: 'port', user: surge, config: port, conflict: false },
    { edit: 'rollout surge', change: 'memory', user: surge, config: memoryConfig, conflict: false },
    { edit: 'memory request', change: 'memory', user: memoryRequest, config: memoryConfig, conflict: true },
  ];
  for (const crlf of [false, true]) {
    for (const entry of grid) {
      it(`${entry.edit} × ${entry.change}${crlf ? ', CRLF' : ''}: ${entry.conflict ? 'a conflict, written with markers, never applied' : 'both kept'}`, async () => {
        const cwd = await generatedWorkspace();
        const files = (await generate(cwd, { check: true })).plan.files.map((file) => file.path);
        if (crlf) {
          toCrlf(cwd, files);
          // Line endings alone are no edit.
          expect((await generate(cwd, { check: true })).plan.drift).toBe(false);
        }
        edit(cwd, DEPLOYMENT, entry.user);
        edit(cwd, 'msctl.yaml', entry.config);
        const { plan } = await generate(cwd);
        const deployment = plan.files.find((file) => file.path === DEPLOYMENT);
        const text = read(cwd, DEPLOYMENT);
        expect(text.includes('\r\n'), 'the line ending of the file is kept').toBe(crlf);
        expect(text.replace(/\r\n/g, '').includes('\n'), 'no mixed line endings').toBe(!crlf);
        if (entry.conflict) {
          expect(deployment).toMatchObject({
            action: 'conflict',
            conflicts: ['spec.template.spec.containers[orders].resources.requests.memory'],
          });
          expect(text).toMatch(
            /^<<<<<<< yours\r?\n[\s\S]*memory: 1Gi[\s\S]*^=======\r?\n[\s\S]*memory: 256Mi[\s\S]*^>>>>>>> /m,
          );
          // A file with markers is no set to apply: kustomize refuses it.
          await expect(rendered(cwd)).rejects.toThrow();
          // Still reported until resolved, and nothing is merged over the markers.
          expect(actions((await generate(cwd)).plan.files)).toEqual({ [DEPLOYMENT]: 'conflict' });
          return;
        }
        expect(deployment?.action).toBe('merge');
        expect(
          entry.user(entry.config === port ? text.replace(/3010/g, '3000') : text),
          'the edit is kept',
        ).toBe(entry.config === port ? text.replace(/3010/g, '3000') : text);
        if (entry.config === port) expect(text).toContain('containerPort: 3010');
        else expect(text).toMatch(/limits:\r?\n\s+memory: 256Mi/);
        expectPortsAgree(await rendered(cwd));
        // Merged once: now only the edit remains, reported as such by --check.
        const again = await generate(cwd, { check: true });
        expect(actions(again.plan.files)).toEqual({ [DEPLOYMENT]: 'edited' });
      });
    }
  }

  it('merges edits to neighbouring keys by key path where a line merge would conflict', async () => {
    const cwd = await generatedWorkspace();
    // The CPU request sits on the line next to the memory request that msctl.yaml changes.
    edit(cwd, DEPLOYMENT, (text) => text.replace('cpu: 100m', 'cpu: 250m'));
    edit(cwd, 'msctl.yaml', memoryConfig);
    const { plan } = await generate(cwd);
    expect(actions(plan.files)).toEqual({ [DEPLOYMENT]: 'merge' });
    const text = read(cwd, DEPLOYMENT);
    expect(text).toContain('cpu: 250m');
    expect(text).toMatch(/requests:\n\s+cpu: 250m\n\s+memory: 256Mi/);
    expect(text).toContain('# msctl-digest: sha256:');
  });
});

describe('a way back from every state, short of --force', () => {
  it('a deleted digest line is restored from the kept base, and a config change still lands', async () => {
    const cwd = await generatedWorkspace();
    edit(cwd, DEPLOYMENT, (text) => text.replace(/^# msctl-digest: .*\n/m, ''));
    expect((await generate(cwd, { check: true })).plan.drift).toBe(false);
    edit(cwd, 'msctl.yaml', port);
    const { plan } = await generate(cwd);
    expect(actions(plan.files)[DEPLOYMENT]).toBe('update');
    expect(read(cwd, DEPLOYMENT)).toMatch(/^# msctl-digest: sha256:/m);
    expect((await generate(cwd, { check: true })).plan.drift).toBe(false);
  });

  it('with neither digest nor base, both versions are written with markers once; resolved, it merges again', async () => {
    const cwd = await generatedWorkspace();
    rmSync(path.join(cwd, '.msctl/generated'), { recursive: true });
    edit(cwd, DEPLOYMENT, (text) => memoryRequest(text.replace(/^# msctl-digest: .*\n/m, '')));
    edit(cwd, 'msctl.yaml', port);
    const { plan } = await generate(cwd);
    const deployment = plan.files.find((file) => file.path === DEPLOYMENT);
    expect(deployment?.action).toBe('conflict');
    expect(deployment?.reason).toContain('remove the markers, and the next run merges as usual');
    // The user keeps their side where they edited, msctl's elsewhere.
    edit(cwd, DEPLOYMENT, (text) =>
      text.replace(
        /^<<<<<<< yours\n([\s\S]*?)=======\n([\s\S]*?)>>>>>>> .*\n/gm,
        (_all, yours: string, theirs: string) => (yours.includes('1Gi') ? yours : theirs),
      ),
    );
    expect(read(cwd, DEPLOYMENT)).toContain('memory: 1Gi');
    expect(actions((await generate(cwd)).plan.files)).toEqual({ [DEPLOYMENT]: 'edited' });
    edit(cwd, 'msctl.yaml', (config) => config.replace('port: 3010', 'port: 3020'));
    expect(actions((await generate(cwd)).plan.files)[DEPLOYMENT]).toBe('merge');
    expect(read(cwd, DEPLOYMENT)).toContain('containerPort: 3020');
    expect(read(cwd, DEPLOYMENT)).toContain('memory: 1Gi');
  });

  it('files and key paths listed under generate.owned keep --check green', async () => {
    const cwd = await generatedWorkspace();
    edit(cwd, DEPLOYMENT, memoryRequest);
    edit(cwd, 'services/orders/k8s/service.yaml', (text) => `${text}# ours now\n`);
    expect(actions((await generate(cwd, { check: true })).plan.files)).toEqual({
      [DEPLOYMENT]: 'edited',
      'services/orders/k8s/service.yaml': 'edited',
    });
    edit(
      cwd,
      'msctl.yaml',
      (config) =>
        `${config}generate:\n  owned:\n    - services/orders/k8s/service.yaml\n    - file: ${DEPLOYMENT}\n      paths: [spec.template.spec.containers.0.resources.requests.memory]\n`,
    );
    const check = await generate(cwd, { check: true });
    expect(check.plan.drift).toBe(false);
    // An owned path keeps the user's value while the rest follows msctl.yaml.
    edit(cwd, 'msctl.yaml', (config) =>
      port(config).replace('    port: 3010\n', '    port: 3010\n    resources: { memory: 512Mi }\n'),
    );
    const { plan } = await generate(cwd);
    expect(plan.files.find((file) => file.path === DEPLOYMENT)?.action).toMatch(/^(merge|update)$/);
    expect(read(cwd, DEPLOYMENT)).toMatch(/requests:\n\s+cpu: 100m\n\s+memory: 1Gi/);
    expect(read(cwd, DEPLOYMENT)).toMatch(/limits:\n\s+memory: 512Mi/);
    expect(read(cwd, 'services/orders/k8s/service.yaml')).toContain('port: 3000');
    expect((await generate(cwd, { check: true })).plan.drift).toBe(false);
  });
});

describe('the key-path merge', () => {
  it('merges lists of named items by name, takes deletions, and names a conflict by its path', () => {
    const base = {
      containers: [{ name: 'app', image: 'a:1', env: [{ name: 'A', value: '1' }] }],
      replicas: 2,
    };
    const yours = {
      containers: [
        {
          name: 'app',
          image: 'a:1',
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: 'mine' },
          ],
        },
      ],
    };
    const theirs = {
      containers: [{ name: 'app', image: 'a:2', env: [{ name: 'A', value: '1' }] }],
      replicas: 2,
    };
    const conflicts: string[] = [];
    expect(mergeValues(yours, base, theirs, '', conflicts)).toEqual({
      containers: [
        {
          name: 'app',
          image: 'a:2',
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: 'mine' },
          ],
        },
      ],
    });
    expect(conflicts).toEqual([]);
    mergeValues({ replicas: 3 }, { replicas: 2 }, { replicas: 4 }, '', conflicts);
    expect(conflicts).toEqual(['replicas']);
  });

  it('keeps a whole owned mapping as the user wrote it', () => {
    const generated = 'spec:\n  resources:\n    cpu: 100m\n    memory: 128Mi\n  replicas: 2\n';
    const current = 'spec:\n  resources:\n    memory: 1Gi\n  replicas: 1\n';
    expect(withOwnedPaths(generated, current, ['spec.resources'])).toBe(
      'spec:\n  resources:\n    memory: 1Gi\n  replicas: 2\n',
    );
  });
});

describe('what is generated is tracked', () => {
  it("deletes the HPA when replicas become a fixed count, and a removed service's files", async () => {
    const cwd = await generatedWorkspace(
      CONFIG.replace('infra:\n', '  billing:\n    path: services/billing\n    port: 3001\ninfra:\n'),
    );
    const hpa = 'services/orders/k8s/horizontal-pod-autoscaler.yaml';
    expect(existsSync(path.join(cwd, hpa))).toBe(true);
    edit(cwd, 'msctl.yaml', (config) =>
      config.replace('replicas: { min: 2, max: 4 }', 'replicas: 3').replace(/ {2}billing:\n.*\n.*\n/, ''),
    );
    const check = await generate(cwd, { check: true });
    expect(check.plan.drift).toBe(true);
    expect(actions(check.plan.files)).toMatchObject({
      [hpa]: 'delete',
      'services/billing/k8s/deployment.yaml': 'delete',
    });
    await generate(cwd);
    expect(existsSync(path.join(cwd, hpa))).toBe(false);
    // Its folder goes with its last generated file; the base of every file goes with it too.
    expect(existsSync(path.join(cwd, 'services/billing'))).toBe(false);
    expect(existsSync(path.join(cwd, '.msctl/generated/services/billing'))).toBe(false);
    expect(existsSync(path.join(cwd, '.msctl/generated', hpa))).toBe(false);
    expect(read(cwd, 'services/orders/k8s/kustomization.yaml')).not.toContain('horizontal-pod-autoscaler');
    expect((await generate(cwd, { check: true })).plan.drift).toBe(false);
  });

  it('reports (and keeps) a file no longer generated that was edited', async () => {
    const cwd = await generatedWorkspace();
    const hpa = 'services/orders/k8s/horizontal-pod-autoscaler.yaml';
    edit(cwd, hpa, (text) => text.replace('maxReplicas: 4', 'maxReplicas: 9'));
    edit(cwd, 'msctl.yaml', (config) => config.replace('replicas: { min: 2, max: 4 }', 'replicas: 3'));
    const { plan } = await generate(cwd);
    expect(plan.files.find((file) => file.path === hpa)).toMatchObject({ action: 'extra' });
    expect(plan.files.find((file) => file.path === hpa)?.reason).toContain('generate.owned');
    expect(read(cwd, hpa)).toContain('maxReplicas: 9');
  });

  it('switching CI to GitLab deletes the GitHub workflow and records the provider in msctl.yaml', async () => {
    const cwd = await generatedWorkspace();
    const { plan } = await regenerateWorkspace({ cwd, kinds: ['ci'], ci: 'gitlab', write: true });
    expect(actions(plan.files)).toEqual({
      '.github/renovate.json': 'delete',
      '.github/workflows/_msctl.yml': 'delete',
      '.github/workflows/orders.yml': 'delete',
      '.gitlab-ci.yml': 'create',
      '.gitlab/ci/_msctl.yml': 'create',
      '.gitlab/ci/orders.yml': 'create',
      '.gitlab/renovate.json': 'create',
    });
    expect(existsSync(path.join(cwd, '.github/workflows/orders.yml'))).toBe(false);
    expect(existsSync(path.join(cwd, '.github/renovate.json'))).toBe(false);
    expect(read(cwd, 'msctl.yaml')).toContain('ci: gitlab');
    expect((await generate(cwd, { check: true })).plan.drift).toBe(false);
  });

  it('switching back to GitHub deletes the GitLab pipeline and drops its include from the root pipeline', async () => {
    const cwd = await generatedWorkspace(CONFIG.replace('ci: github', 'ci: gitlab'));
    edit(cwd, '.gitlab-ci.yml', (text) => `${text}lint:\n  script: [make lint]\n`);
    const { plan } = await regenerateWorkspace({ cwd, kinds: ['ci'], ci: 'github', write: true });
    expect(actions(plan.files)).toEqual({
      '.github/renovate.json': 'create',
      '.github/workflows/_msctl.yml': 'create',
      '.github/workflows/orders.yml': 'create',
      '.gitlab-ci.yml': 'update',
      '.gitlab/ci/_msctl.yml': 'delete',
      '.gitlab/ci/orders.yml': 'delete',
      '.gitlab/renovate.json': 'delete',
    });
    const root = read(cwd, '.gitlab-ci.yml');
    expect(root).not.toContain('.gitlab/ci/orders.yml');
    expect(root).not.toContain('.gitlab/ci/_msctl.yml');
    expect(root).toMatch(/^lint:\n {2}script: \[ ?make lint ?\]/m);
    expect(existsSync(path.join(cwd, '.gitlab/ci/orders.yml'))).toBe(false);
    expect((await generate(cwd, { check: true })).plan.drift).toBe(false);
  });

  it('--check reports a deleted workflow as missing', async () => {
    const cwd = await generatedWorkspace();
    rmSync(path.join(cwd, '.github/workflows/orders.yml'));
    const check = await generate(cwd, { check: true, kinds: ['ci'] });
    expect(actions(check.plan.files)).toEqual({ '.github/workflows/orders.yml': 'create' });
  });

  it('--out writes every kind, and --check on it sees what is missing there', async () => {
    const cwd = await generatedWorkspace();
    const out = mkdtempSync(path.join(os.tmpdir(), 'msctl-out-'));
    const ci = await generate(cwd, { kinds: ['ci'], out });
    expect(ci.written).toEqual([
      '.github/renovate.json',
      '.github/workflows/_msctl.yml',
      '.github/workflows/orders.yml',
    ]);
    expect((await generate(cwd, { kinds: ['ci'], out, check: true })).plan.drift).toBe(false);
    rmSync(path.join(out, '.github/workflows/orders.yml'));
    expect(actions((await generate(cwd, { kinds: ['ci'], out, check: true })).plan.files)).toEqual({
      '.github/workflows/orders.yml': 'create',
    });
  });
});

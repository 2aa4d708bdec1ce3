// biome-ignore-all lint/suspicious/noExplicitAny: the tests read parsed pipelines field by field
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseWorkspace } from '../../src/core/config/load.js';
import { workspaceSchema } from '../../src/core/config/schema.js';
import { generateGithubWorkflow, generateGithubWorkspaceFiles } from '../../src/core/generate/ci/github.js';
import {
  generateGitlabPipeline,
  generateGitlabWorkspaceFiles,
  includeInRoot,
} from '../../src/core/generate/ci/gitlab.js';
import { renderWorkspaceFile } from '../../src/core/workspace/init.js';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from './support/workflow-parser.js';

const schema = (file: string) =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, '../fixtures/schemas', file), 'utf8'));
const validateGithub = new Ajv({ strict: false, allErrors: true }).compile(schema('github-workflow.json'));
const validateGitlab = new Ajv({ strict: false, allErrors: true }).compile(schema('gitlab-ci.json'));
const ownVersion = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8'))
  .version as string;

const workspaceWith = (options: { registry?: string; base?: string; msctl?: string } = {}) =>
  workspaceSchema.parse({
    version: 1,
    name: 'shop',
    ...(options.msctl && { msctl: options.msctl }),
    images: {
      ...(options.registry && { registry: options.registry }),
      ...(options.base && { base: { node: options.base } }),
    },
    services: { orders: { path: 'services/orders', port: 3000, dependsOn: ['postgres'] } },
    infra: { postgres: { kind: 'postgres' } },
    governance: { ruleset: 'governance/rules.yaml' },
  });

async function parseWithGithub(name: string, content: string) {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((error) => error.message);
  const template = result.value ? await convertWorkflowTemplate(result.context, result.value) : undefined;
  return { errors, template };
}

const expression = (text: string) => `\${{ ${text} }}`;
const SERVICE_WORKFLOW = '.github/workflows/orders.yml';
const GATES_WORKFLOW = '.github/workflows/_msctl.yml';
const ON_DEFAULT_BRANCH = /github\.ref_name == github\.event\.repository\.default_branch/;

/** Every `image:` of a GitLab pipeline: job images (string or object) and services. */
const gitlabImages = (pipeline: Record<string, any>): string[] =>
  Object.values(pipeline).flatMap((job: any) => [
    ...(job.image ? [typeof job.image === 'string' ? job.image : job.image.name] : []),
    ...(job.services ?? []).map((service: any) => (typeof service === 'string' ? service : service.name)),
  ]);
/** Images a script runs with `docker run`. */
const scriptImages = (pipeline: Record<string, any>): string[] =>
  Object.values(pipeline).flatMap((job: any) =>
    (job.script ?? []).flatMap(
      (line: string) => /docker run .*? ([\w./-]+:[\w.-]+@\S+)/.exec(line)?.[1] ?? [],
    ),
  );

describe.each([
  ['the GitHub registry', undefined],
  ['a registry of the workspace', 'registry.acme.dev/shop'],
])('the GitHub workflows, pushing to %s', (_label, registry) => {
  const workspace = workspaceWith({ registry, base: 'mirror.acme.dev/node:22-bookworm-slim' });
  const files = new Map([
    ...generateGithubWorkflow(workspace, 'orders'),
    ...generateGithubWorkspaceFiles(workspace, [SERVICE_WORKFLOW]),
  ]);
  const text = files.get(SERVICE_WORKFLOW) as string;
  const workflow = parse(text);
  const gates = parse(files.get(GATES_WORKFLOW) as string);

  it("passes GitHub's own workflow parser and the workflow JSON schema, both workflows", async () => {
    for (const [file, jobs] of [
      [SERVICE_WORKFLOW, ['test', 'image', 'publish', 'promote']],
      [GATES_WORKFLOW, ['lint', 'drift']],
    ] as const) {
      const content = files.get(file) as string;
      const { errors, template } = await parseWithGithub(file, content);
      expect(errors, file).toEqual([]);
      expect(template?.errors ?? [], file).toEqual([]);
      expect(template?.jobs.map((job) => job.id.value)).toEqual(jobs);
      expect(validateGithub(parse(content)), JSON.stringify(validateGithub.errors)).toBe(true);
    }
  });

  it('pins every action to a full commit SHA with its version beside it, and every image by digest', () => {
    for (const file of [SERVICE_WORKFLOW, GATES_WORKFLOW]) {
      const lines = (files.get(file) as string).split('\n');
      const uses = lines.filter((line) => line.includes('uses:'));
      expect(uses.length).toBeGreaterThanOrEqual(3);
      for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
    const dockerRuns = text.split('\n').filter((line) => line.includes('docker run'));
    // Syft, Grype, and kustomize where the runner lacks it.
    expect(dockerRuns).toHaveLength(3);
    for (const line of dockerRuns) expect(line).toMatch(/ [\w./-]+:v[\d.]+@sha256:[0-9a-f]{64} /);
  });

  it('grants nothing by default and each job only what it uses', () => {
    expect(workflow.permissions).toEqual({});
    expect(gates.permissions).toEqual({});
    expect(workflow.jobs.test.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.image.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.publish.permissions).toEqual(
      registry ? { contents: 'read' } : { contents: 'read', packages: 'write' },
    );
    expect(workflow.jobs.promote.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    expect(gates.jobs.lint.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    expect(gates.jobs.drift.permissions).toEqual({ contents: 'read' });
    for (const [id, job] of [...Object.entries<any>(workflow.jobs), ...Object.entries<any>(gates.jobs)]) {
      expect(job['timeout-minutes']).toBeGreaterThan(0);
      const checkouts = job.steps.filter((step: any) => String(step.uses).startsWith('actions/checkout'));
      expect(checkouts).toHaveLength(1);
      // Only the job that pushes a branch keeps the token in the checkout.
      expect(checkouts[0].with?.['persist-credentials'], id).toBe(id === 'promote' ? undefined : false);
    }
  });

  it('runs on changes to the service and msctl.yaml, on every pull request, for any default branch', () => {
    expect(workflow.on.push.paths).toEqual([
      'services/orders/**',
      '.github/workflows/orders.yml',
      'msctl.yaml',
    ]);
    expect(workflow.on.pull_request.paths).toEqual(workflow.on.push.paths);
    expect(workflow.on.push.branches).toEqual(['**']);
    expect(text).not.toMatch(/\bmain\b|\bmaster\b/);
    expect(workflow.jobs.test.steps.slice(2).map((step: any) => step.run)).toEqual([
      'npm ci',
      'npm run lint',
      'npm test',
      'npm run build',
    ]);
    expect(workflow.jobs.test.steps[1].with).toMatchObject({
      'node-version': '22',
      'cache-dependency-path': 'services/orders/package-lock.json',
    });
  });

  it('builds, scans and writes an SBOM on every pull request; pushes only from the default branch', () => {
    const image = workflow.jobs.image;
    expect(image.if).toBeUndefined();
    const build = image.steps.find((step: any) => String(step.uses).startsWith('docker/build-push-action'));
    expect(build.with).toMatchObject({
      load: true,
      'build-args': 'NODE_IMAGE=mirror.acme.dev/node:22-bookworm-slim',
    });
    expect(build.with.push).toBeUndefined();
    const meta = image.steps.find((step: any) => step.id === 'meta');
    expect(meta.with.tags).toBe('type=sha,format=long');
    const runs = image.steps.map((step: any) => step.run ?? '').join('\n');
    expect(runs).toMatch(/anchore\/syft:.*--output cyclonedx-json > sbom\.cdx\.json/);
    expect(runs).toMatch(/anchore\/grype:.*--only-fixed --fail-on high/);
    const upload = image.steps.find((step: any) => String(step.uses).startsWith('actions/upload-artifact'));
    expect(upload.with).toMatchObject({ name: 'sbom-orders', path: 'sbom.cdx.json' });

    const publish = workflow.jobs.publish;
    expect(publish.if).toMatch(ON_DEFAULT_BRANCH);
    expect(publish.if).toContain("github.event_name == 'push'");
    const push = publish.steps.find((step: any) => String(step.uses).startsWith('docker/build-push-action'));
    expect(push.with.push).toBe(true);
    const login = publish.steps.find((step: any) => String(step.uses).startsWith('docker/login-action'));
    expect(login.with.registry).toBe(registry ? 'registry.acme.dev' : 'ghcr.io');
    // Nothing else may push: no other job logs in or pushes.
    for (const id of ['test', 'image'])
      expect(JSON.stringify(workflow.jobs[id])).not.toMatch(/login-action|"push":true/);
  });

  it('proposes the pushed tag for the prod overlay as a pull request from the default branch', () => {
    const promote = workflow.jobs.promote;
    expect(promote.needs).toBe('publish');
    expect(promote.if).toMatch(ON_DEFAULT_BRANCH);
    const script = promote.steps.at(-1).run as string;
    expect(script).toContain('(cd k8s/overlays/prod && kustomize edit set image "orders=$IMAGE")');
    expect(script).toMatch(
      /--workdir \/work\/k8s\/overlays\/prod registry\.k8s\.io\/kustomize\/kustomize:v[\d.]+@sha256:[0-9a-f]{64} edit set image "orders=\$IMAGE"/,
    );
    expect(script).toContain('git push --force origin msctl/promote-orders');
    expect(script).toContain('gh pr create --base "$DEFAULT_BRANCH" --head msctl/promote-orders');
    expect(promote.steps.at(-1).env.IMAGE).toBe(expression('needs.publish.outputs.image'));
    expect(workflow.jobs.publish.outputs.image).toBe(expression('steps.meta.outputs.tags'));
  });

  it('gates the workspace: msctl lint as SARIF to code scanning, and the drift check', () => {
    expect(gates.on.push.paths).toEqual([
      'msctl.yaml',
      'governance/rules.yaml',
      'services/orders/**',
      'k8s/**',
      '.msctl/**',
      'compose.yaml',
      '.github/**',
    ]);
    expect(gates.on.pull_request.paths).toEqual(gates.on.push.paths);
    const lint = gates.jobs.lint.steps;
    expect(lint.at(-2).run).toBe(
      `npx --yes msctl@${ownVersion} lint --format sarif --output msctl-lint.sarif`,
    );
    expect(String(lint.at(-1).uses)).toMatch(/^github\/codeql-action\/upload-sarif@[0-9a-f]{40}$/);
    expect(lint.at(-1).with.sarif_file).toBe('msctl-lint.sarif');
    // Uploaded when lint finds problems (the step fails) too.
    expect(lint.at(-1).if).toContain('!cancelled()');
    // A fork's pull request gets a read-only token: the upload would fail the job.
    expect(lint.at(-1).if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(gates.jobs.drift.steps.at(-1).run).toBe(`npx --yes msctl@${ownVersion} generate all --check`);
  });
});

describe('the msctl the pipelines run', () => {
  it('is the version recorded in msctl.yaml, exactly', () => {
    const workspace = workspaceWith({ msctl: '1.4.2' });
    const github = [...generateGithubWorkspaceFiles(workspace, []).values()].join('\n');
    const gitlab = [...generateGitlabWorkspaceFiles(workspace, [], undefined).values()].join('\n');
    for (const text of [github, gitlab]) {
      expect(text).toContain('npx --yes msctl@1.4.2 lint --format sarif');
      expect(text).toContain('npx --yes msctl@1.4.2 generate all --check');
      expect(text).not.toContain(`msctl@${ownVersion}`);
    }
  });

  it('is recorded by init in a new msctl.yaml, so the pipelines do not depend on who generates them', () => {
    const { config } = parseWorkspace('msctl.yaml', renderWorkspaceFile('shop'));
    expect(config.msctl).toBe(ownVersion);
    expect(renderWorkspaceFile('shop')).toMatch(
      new RegExp(`^msctl: ${ownVersion.replaceAll('.', '\\.')}$`, 'm'),
    );
  });

  it('is refused in msctl.yaml unless it is an exact version', () => {
    for (const version of ['^1.4.2', 'latest', '1.4'])
      expect(workspaceSchema.safeParse({ version: 1, name: 'shop', msctl: version }).success).toBe(false);
    expect(workspaceSchema.safeParse({ version: 1, name: 'shop', msctl: '2.0.0-rc.1' }).success).toBe(true);
  });
});

describe('the GitLab pipelines', () => {
  const workspace = workspaceWith();
  const files = generateGitlabPipeline(workspace, 'orders', undefined);
  const service = parse(files.get('.gitlab/ci/orders.yml') as string);
  const workspaceFiles = generateGitlabWorkspaceFiles(
    workspace,
    ['.gitlab/ci/orders.yml'],
    files.get('.gitlab-ci.yml'),
  );
  const gates = parse(workspaceFiles.get('.gitlab/ci/_msctl.yml') as string);
  const root = parse(workspaceFiles.get('.gitlab-ci.yml') as string);

  it("passes GitLab's CI schema: the service file, the gates and the root that includes them", () => {
    for (const pipeline of [service, gates, root])
      expect(validateGitlab(pipeline), JSON.stringify(validateGitlab.errors)).toBe(true);
    expect(root.include).toEqual([{ local: '.gitlab/ci/orders.yml' }, { local: '.gitlab/ci/_msctl.yml' }]);
    expect(root.stages).toEqual(['build', 'test', 'scan', 'publish', 'deploy']);
    expect(root.workflow.rules.map((rule: any) => rule.when ?? 'always')).toEqual([
      'always',
      'never',
      'always',
    ]);
  });

  it('pins every image by digest, the default base image included', () => {
    const images = [...gitlabImages(service), ...gitlabImages(gates), ...scriptImages(service)];
    expect(images.length).toBeGreaterThanOrEqual(10);
    for (const image of images) expect(image).toMatch(/^[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}$/);
    // A base image chosen in msctl.yaml is used as written there (a mirror, pinned by whoever chose it).
    const mirrored = generateGitlabPipeline(
      workspaceWith({ base: 'mirror.acme.dev/node:22' }),
      'orders',
      undefined,
    );
    expect(parse(mirrored.get('.gitlab/ci/orders.yml') as string)['orders:test'].image).toBe(
      'mirror.acme.dev/node:22',
    );
  });

  it('builds and scans the image on every merge request, pushes it from the default branch only', () => {
    const changes = ['services/orders/**/*', '.gitlab/ci/orders.yml', 'msctl.yaml'];
    for (const job of ['orders:image', 'orders:test', 'orders:scan']) {
      expect(service[job].rules, job).toEqual([
        { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', changes },
        { if: '$CI_COMMIT_BRANCH', changes },
      ]);
    }
    expect(service['orders:image'].stage).toBe('build');
    expect(service['orders:image'].script[0]).toContain('--tag "$IMAGE:sha-$CI_COMMIT_SHA"');
    expect(service['orders:image'].script[0]).toContain('--build-arg NODE_IMAGE ');
    expect(service['orders:image'].artifacts.paths).toEqual(['image.tar.gz']);
    expect(service['orders:scan'].needs).toEqual(['orders:image']);
    expect(service['orders:scan'].artifacts.reports.cyclonedx).toEqual(['sbom.cdx.json']);
    expect(service['orders:scan'].script.join('\n')).toMatch(/grype:.*--only-fixed --fail-on high/);
    const publish = service['orders:publish'];
    expect(publish.stage).toBe('publish');
    expect(publish.rules).toEqual([{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', changes }]);
    expect(publish.needs).toEqual(['orders:test', 'orders:image', 'orders:scan']);
    expect(publish.script.at(-1)).toBe('docker push "$IMAGE:sha-$CI_COMMIT_SHA"');
    // Only publish logs in and pushes.
    for (const [id, job] of Object.entries<any>(service))
      if (id !== 'orders:publish') expect(JSON.stringify(job.script)).not.toMatch(/docker (login|push)/);
    expect(files.get('.gitlab/ci/orders.yml')).not.toMatch(/\bmain\b|\bmaster\b|:latest\b/);
  });

  it('opens a merge request for the prod overlay only where a promote token is set', () => {
    const promote = service['orders:promote'];
    expect(promote.stage).toBe('deploy');
    expect(promote.needs).toEqual(['orders:publish']);
    expect(promote.rules[0].if).toBe('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $MSCTL_PROMOTE_TOKEN');
    const script = promote.script.join('\n');
    expect(script).toContain('edit set image "orders=$IMAGE:sha-$CI_COMMIT_SHA"');
    expect(script).toContain('-o merge_request.create -o merge_request.target="$CI_DEFAULT_BRANCH"');
  });

  it('gates the workspace: msctl lint with its SARIF as an artifact, and the drift check', () => {
    const lint = gates['msctl:lint'];
    expect(lint.script).toEqual([
      `npx --yes msctl@${ownVersion} lint --format sarif --output msctl-lint.sarif`,
    ]);
    expect(lint.artifacts).toMatchObject({ when: 'always', paths: ['msctl-lint.sarif'] });
    expect(gates['msctl:drift'].script).toEqual([`npx --yes msctl@${ownVersion} generate all --check`]);
    for (const job of [lint, gates['msctl:drift']]) {
      expect(job.rules[0].if).toBe('$CI_PIPELINE_SOURCE == "merge_request_event"');
      expect(job.rules[0].changes).toEqual(
        expect.arrayContaining([
          'msctl.yaml',
          'governance/rules.yaml',
          'services/orders/**/*',
          '.gitlab-ci.yml',
        ]),
      );
    }
  });

  it('the checks themselves reject a broken job', async () => {
    const broken =
      'on: push\njobs:\n  build:\n    runs-on: x\n    steps:\n      - uses: a/b@c\n        runn: typo\n';
    expect((await parseWithGithub('broken.yml', broken)).errors.join()).toMatch(/Unexpected value 'runn'/);
    expect(validateGitlab({ job: { script: 'x', rules: [{ iff: 'typo' }] } })).toBe(false);
    expect(
      validateGithub({
        on: 'push',
        jobs: { build: { 'runs-on': 'x', steps: [{ uses: 'a@b', runn: 'typo' }] } },
      }),
    ).toBe(false);
  });

  it('adds itself to an existing root, keeping its comments, stages and includes, once', () => {
    const existing = '# our pipeline\nstages: [lint, test]   # order matters\ninclude: templates/base.yml\n';
    const once = includeInRoot(existing, '.gitlab/ci/orders.yml');
    const twice = includeInRoot(once, '.gitlab/ci/orders.yml');
    expect(twice).toBe(once);
    expect(once).toContain('# our pipeline');
    expect(once).toContain('# order matters');
    const parsed = parse(once);
    expect(parsed.stages).toEqual(['lint', 'build', 'test', 'scan', 'publish', 'deploy']);
    expect(parsed.include).toEqual(['templates/base.yml', { local: '.gitlab/ci/orders.yml' }]);
    expect(validateGitlab(parsed), JSON.stringify(validateGitlab.errors)).toBe(true);
  });
});

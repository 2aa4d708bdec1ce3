// biome-ignore-all lint/suspicious/noExplicitAny: the tests read parsed pipelines field by field
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workspaceSchema } from '../../src/core/config/schema.js';
import { generateGithubWorkflow } from '../../src/core/generate/ci/github.js';
import { generateGitlabPipeline, includeInRoot } from '../../src/core/generate/ci/gitlab.js';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from './support/workflow-parser.js';

const schema = (file: string) =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, '../fixtures/schemas', file), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
const validateGithub = ajv.compile(schema('github-workflow.json'));
const validateGitlab = new Ajv({ strict: false, allErrors: true }).compile(schema('gitlab-ci.json'));

const workspaceWith = (registry?: string) =>
  workspaceSchema.parse({
    version: 1,
    name: 'shop',
    images: { ...(registry && { registry }), base: { node: 'mirror.acme.dev/node:22-bookworm-slim' } },
    services: { orders: { path: 'services/orders', port: 3000, dependsOn: ['postgres'] } },
    infra: { postgres: { kind: 'postgres' } },
  });

async function parseWithGithub(name: string, content: string) {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((error) => error.message);
  const template = result.value ? await convertWorkflowTemplate(result.context, result.value) : undefined;
  return { errors, template };
}

describe.each([
  ['the GitHub registry', undefined],
  ['a registry of the workspace', 'registry.acme.dev/shop'],
])('the GitHub workflow, pushing to %s', (_label, registry) => {
  const files = generateGithubWorkflow(workspaceWith(registry), 'orders');
  const text = files.get('.github/workflows/orders.yml') as string;
  const workflow = parse(text);

  it("passes GitHub's own workflow parser and the workflow JSON schema", async () => {
    const { errors, template } = await parseWithGithub('.github/workflows/orders.yml', text);
    expect(errors).toEqual([]);
    expect(template?.errors ?? []).toEqual([]);
    expect(template?.jobs.map((job) => job.id.value)).toEqual(['test', 'image']);
    expect(validateGithub(workflow), JSON.stringify(validateGithub.errors)).toBe(true);
  });

  it('pins every action to a full commit SHA with its version beside it', () => {
    const uses = text.split('\n').filter((line) => line.includes('uses:'));
    expect(uses.length).toBeGreaterThanOrEqual(6);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('reads by default and writes packages only in the job that pushes', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.test.permissions).toBeUndefined();
    expect(workflow.jobs.image.permissions).toEqual({ contents: 'read', packages: 'write' });
    for (const job of Object.values<any>(workflow.jobs)) {
      expect(job['timeout-minutes']).toBeGreaterThan(0);
      for (const step of job.steps)
        if (String(step.uses).startsWith('actions/checkout'))
          expect(step.with['persist-credentials']).toBe(false);
    }
    expect(workflow.concurrency.group).toContain('github.ref');
  });

  it('runs on changes to the service, lints, tests and builds, and pushes from the default branch only', () => {
    expect(workflow.on.push.paths).toEqual(['services/orders/**', '.github/workflows/orders.yml']);
    expect(workflow.on.pull_request.paths).toEqual(workflow.on.push.paths);
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
    const push = workflow.jobs.image.steps.at(-1);
    expect(push.with.push).toContain('github.event.repository.default_branch');
    expect(push.with['build-args']).toBe('NODE_IMAGE=mirror.acme.dev/node:22-bookworm-slim');
    const login = workflow.jobs.image.steps.find((step: any) =>
      String(step.uses).startsWith('docker/login-action'),
    );
    expect(login.if).toContain('github.event.repository.default_branch');
    expect(login.with.registry).toBe(registry ? 'registry.acme.dev' : 'ghcr.io');
  });
});

describe('the GitLab pipeline', () => {
  const files = generateGitlabPipeline(workspaceWith(), 'orders', undefined);
  const service = parse(files.get('.gitlab/ci/orders.yml') as string);
  const root = parse(files.get('.gitlab-ci.yml') as string);

  it("passes GitLab's CI schema, the service file and the root that includes it", () => {
    expect(validateGitlab(service), JSON.stringify(validateGitlab.errors)).toBe(true);
    expect(validateGitlab(root), JSON.stringify(validateGitlab.errors)).toBe(true);
    expect(root.include).toEqual([{ local: '.gitlab/ci/orders.yml' }]);
    expect(root.stages).toEqual(['build', 'test', 'deploy', 'publish']);
    expect(root.workflow.rules.map((rule: any) => rule.when ?? 'always')).toEqual([
      'always',
      'never',
      'always',
    ]);
  });

  it('has rules, needs, a cache keyed on the lockfile, pinned images and timeouts', () => {
    const test = service['orders:test'];
    const image = service['orders:image'];
    expect(test.cache.key.files).toEqual(['services/orders/package-lock.json']);
    expect(test.rules.every((rule: any) => rule.changes.includes('services/orders/**/*'))).toBe(true);
    expect(image.needs).toEqual(['orders:test']);
    expect(image.rules).toEqual([
      { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', changes: test.rules[0].changes },
    ]);
    for (const reference of [test.image, image.image, ...image.services]) {
      expect(reference).toMatch(/:[\w.-]+$/);
      expect(reference).not.toMatch(/:latest$/);
    }
    expect(test.script).toEqual([
      'cd services/orders',
      'npm ci',
      'npm run lint',
      'npm test',
      'npm run build',
    ]);
    expect(test.timeout).toBeDefined();
    expect(image.variables.NODE_IMAGE).toBe('mirror.acme.dev/node:22-bookworm-slim');
    expect(image.script.join('\n')).toContain('--build-arg NODE_IMAGE ');
    expect(image.timeout).toBeDefined();
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
    expect(parsed.stages).toEqual(['lint', 'test', 'publish']);
    expect(parsed.include).toEqual(['templates/base.yml', { local: '.gitlab/ci/orders.yml' }]);
    expect(validateGitlab(parsed), JSON.stringify(validateGitlab.errors)).toBe(true);
  });
});

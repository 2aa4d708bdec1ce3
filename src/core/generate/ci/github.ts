import { Document, isMap, isPair, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { WorkspaceConfig } from '../../config/schema.js';
import { stampGenerated } from '../provenance.js';
import { PROD_OVERLAY, serviceInputs, WORKSPACE_PIPELINE, workspaceInputs } from './inputs.js';
import { msctlCommand } from './msctl-version.js';
import { ACTIONS, baseImageArgument, GITHUB_RUNNER, IMAGES, type PinnedAction } from './pins.js';
import { renovateConfig } from './renovate.js';

/** A GitHub Actions expression: `${{ ... }}`. */
const expression = (text: string): string => `\${{ ${text} }}`;

const ON_DEFAULT_BRANCH =
  "github.event_name == 'push' && github.ref_name == github.event.repository.default_branch";
/** Pull requests run everything but publishing; a push runs only on the default branch (no duplicate runs). */
const NOT_A_BRANCH_PUSH =
  "github.event_name != 'push' || github.ref_name == github.event.repository.default_branch";

export const GITHUB_WORKSPACE_WORKFLOW = `.github/workflows/${WORKSPACE_PIPELINE}.yml`;
export const GITHUB_RENOVATE_FILE = '.github/renovate.json';

const READ = { contents: 'read' } as const;
const checkout = (persistCredentials = false) => ({
  uses: ACTIONS.checkout,
  ...(persistCredentials ? {} : { with: { 'persist-credentials': false } }),
});

/** The registry part of the image a service's pipeline pushes: the workspace's, else the repository's on GHCR. */
function imageFor(workspace: WorkspaceConfig, service: string): string {
  const registry =
    workspace.images.registry?.replace(/\/+$/, '') ?? `ghcr.io/${expression('github.repository')}`;
  return `${registry}/${service}`;
}

/**
 * `.github/workflows/<service>.yml`: on changes to the service or msctl.yaml, lints, tests and builds it,
 * builds its image (tagged `sha-<commit>`), scans it and writes its SBOM on every pull request; on the default
 * branch (whatever its name) it also pushes the image and proposes the prod overlay's new tag as a pull request.
 * No permission by default; each job gets only what it uses.
 */
export function generateGithubWorkflow(workspace: WorkspaceConfig, name: string): Map<string, string> {
  const service = workspace.services[name];
  if (!service) throw new RangeError(`no service "${name}" in the workspace`);
  const file = `.github/workflows/${name}.yml`;
  const paths = serviceInputs(service.path, file);
  const workflow = {
    name,
    on: { push: { branches: ['**'], paths }, pull_request: { paths }, workflow_dispatch: {} },
    permissions: {},
    concurrency: {
      group: `${expression('github.workflow')}-${expression('github.ref')}`,
      // Superseded runs on branches are noise; runs on the default branch publish images, so they all finish.
      'cancel-in-progress': expression('github.ref_name != github.event.repository.default_branch'),
    },
    jobs: {
      test: testJob(service.path, workspace.images.base[service.runtime]),
      ...imageJobs(workspace, name),
      promote: promoteJob(name),
    },
  };
  return new Map([[file, serialiseWorkflow(workflow, "the service's checks, image and promotion")]]);
}

/** The service's own checks, with the Node.js major of its base image. */
function testJob(servicePath: string, baseImage: string) {
  return {
    name: 'Lint, test, build',
    if: expression(NOT_A_BRANCH_PUSH),
    'runs-on': GITHUB_RUNNER,
    'timeout-minutes': 15,
    permissions: READ,
    defaults: { run: { 'working-directory': servicePath } },
    steps: [
      checkout(),
      {
        uses: ACTIONS.setupNode,
        with: {
          'node-version': nodeMajor(baseImage),
          cache: 'npm',
          'cache-dependency-path': `${servicePath}/package-lock.json`,
        },
      },
      { run: 'npm ci' },
      { run: 'npm run lint' },
      { run: 'npm test' },
      { run: 'npm run build' },
    ],
  };
}

/**
 * `image` builds (loaded, not pushed), writes the SBOM and scans on every run; `publish` pushes the same image
 * (from the build cache) on the default branch only, the one job that may write packages.
 */
function imageJobs(workspace: WorkspaceConfig, name: string) {
  const service = workspace.services[name];
  if (!service) throw new RangeError(`no service "${name}" in the workspace`);
  const image = imageFor(workspace, name);
  const registry = image.split('/')[0] ?? 'ghcr.io';
  const usesGithubRegistry = registry === 'ghcr.io';
  const build = {
    context: service.path,
    file: `${service.path}/${service.dockerfile}`,
    'build-args': `${baseImageArgument(service.runtime)}=${workspace.images.base[service.runtime]}`,
    tags: expression('steps.meta.outputs.tags'),
    labels: expression('steps.meta.outputs.labels'),
  };
  const meta = { id: 'meta', uses: ACTIONS.metadata, with: { images: image, tags: 'type=sha,format=long' } };
  return {
    image: {
      name: 'Image: build, scan, SBOM',
      needs: 'test',
      'runs-on': GITHUB_RUNNER,
      'timeout-minutes': 20,
      permissions: READ,
      steps: [
        checkout(),
        { uses: ACTIONS.setupBuildx },
        meta,
        {
          uses: ACTIONS.buildPush,
          with: {
            ...build,
            load: true,
            'cache-from': `type=gha,scope=${name}`,
            'cache-to': `type=gha,scope=${name},mode=max`,
          },
        },
        {
          name: 'SBOM (Syft, CycloneDX), kept even when the scan fails',
          env: { IMAGE: expression('steps.meta.outputs.tags') },
          run: `docker run --rm --volume /var/run/docker.sock:/var/run/docker.sock ${IMAGES.syft} "$IMAGE" --output cyclonedx-json > sbom.cdx.json`,
        },
        {
          uses: ACTIONS.uploadArtifact,
          with: { name: `sbom-${name}`, path: 'sbom.cdx.json', 'if-no-files-found': 'error' },
        },
        {
          name: 'Scan (Grype: fails on fixable high and critical vulnerabilities)',
          env: { IMAGE: expression('steps.meta.outputs.tags') },
          run: `docker run --rm --volume /var/run/docker.sock:/var/run/docker.sock ${IMAGES.grype} "$IMAGE" --only-fixed --fail-on high`,
        },
      ],
    },
    publish: {
      name: 'Publish',
      needs: 'image',
      if: expression(ON_DEFAULT_BRANCH),
      'runs-on': GITHUB_RUNNER,
      'timeout-minutes': 20,
      permissions: usesGithubRegistry ? { contents: 'read', packages: 'write' } : READ,
      outputs: { image: expression('steps.meta.outputs.tags') },
      steps: [
        checkout(),
        { uses: ACTIONS.setupBuildx },
        {
          uses: ACTIONS.login,
          with: usesGithubRegistry
            ? {
                registry,
                username: expression('github.actor'),
                password: expression('secrets.GITHUB_TOKEN'),
              }
            : {
                registry,
                username: expression('secrets.REGISTRY_USERNAME'),
                password: expression('secrets.REGISTRY_PASSWORD'),
              },
        },
        meta,
        // The image job's cache makes this the image that was scanned, now pushed.
        { uses: ACTIONS.buildPush, with: { ...build, push: true, 'cache-from': `type=gha,scope=${name}` } },
      ],
    },
  };
}

/**
 * Proposes the pushed tag for production as a pull request from `msctl/promote-<service>` (force-pushed, so
 * one open pull request per service follows the latest image). A pull request, not a commit to the default
 * branch: production changes get a review, protected branches need no bypass, and the token writes only a
 * branch of msctl's own.
 */
function promoteJob(name: string) {
  const branch = `msctl/promote-${name}`;
  const title = `Deploy ${name} sha-$GITHUB_SHA to prod`;
  return {
    name: 'Propose the prod tag',
    needs: 'publish',
    if: expression(ON_DEFAULT_BRANCH),
    'runs-on': GITHUB_RUNNER,
    'timeout-minutes': 10,
    permissions: { contents: 'write', 'pull-requests': 'write' },
    steps: [
      // Keeps the job's token for the push below; no other job can push.
      checkout(true),
      {
        env: {
          IMAGE: expression('needs.publish.outputs.image'),
          GH_TOKEN: expression('github.token'),
          DEFAULT_BRANCH: expression('github.event.repository.default_branch'),
        },
        run: [
          'set -eu',
          `if [ ! -f ${PROD_OVERLAY}/kustomization.yaml ]; then echo "::warning::no ${PROD_OVERLAY}: msctl generate k8s writes it"; exit 0; fi`,
          `git switch --force-create ${branch}`,
          // The runner's kustomize when it has one, else the pinned image (the Docker engine is on every runner).
          'if command -v kustomize >/dev/null; then',
          `  (cd ${PROD_OVERLAY} && kustomize edit set image "${name}=$IMAGE")`,
          'else',
          `  docker run --rm --user "$(id -u):$(id -g)" --volume "$PWD:/work" --workdir /work/${PROD_OVERLAY} ${IMAGES.kustomize} edit set image "${name}=$IMAGE"`,
          'fi',
          `if git diff --quiet; then echo "${PROD_OVERLAY} already deploys $IMAGE"; exit 0; fi`,
          'git config user.name "github-actions[bot]"',
          'git config user.email "41898282+github-actions[bot]@users.noreply.github.com"',
          `git commit --all --message "${title}"`,
          `git push --force origin ${branch}`,
          `if [ -z "$(gh pr list --head ${branch} --state open --json number --jq '.[].number')" ]; then`,
          `  gh pr create --base "$DEFAULT_BRANCH" --head ${branch} --title "${title}" --body "Sets the ${name} image of ${PROD_OVERLAY} to $IMAGE, pushed by run $GITHUB_RUN_ID."`,
          'else',
          `  gh pr edit ${branch} --title "${title}"`,
          'fi',
          '',
        ].join('\n'),
      },
    ],
  };
}

/**
 * `.github/workflows/_msctl.yml`, the workspace's gates: `msctl lint` (SARIF, uploaded to code scanning) and
 * `msctl generate all --check` (drift), with the msctl version recorded in msctl.yaml. Plus the Renovate
 * configuration, which lives beside the workflows.
 */
export function generateGithubWorkspaceFiles(
  workspace: WorkspaceConfig,
  servicePipelines: readonly string[],
): Map<string, string> {
  const paths = workspaceInputs(workspace, ['.github/**']);
  const msctl = msctlCommand(workspace);
  const setup = [checkout(), { uses: ACTIONS.setupNode, with: { 'node-version': '24' } }];
  const workflow = {
    name: 'msctl',
    on: { push: { branches: ['**'], paths }, pull_request: { paths }, workflow_dispatch: {} },
    permissions: {},
    concurrency: {
      group: `${expression('github.workflow')}-${expression('github.ref')}`,
      'cancel-in-progress': true,
    },
    jobs: {
      lint: {
        name: 'API lint (msctl lint)',
        if: expression(NOT_A_BRANCH_PUSH),
        'runs-on': GITHUB_RUNNER,
        'timeout-minutes': 10,
        permissions: { contents: 'read', 'security-events': 'write' },
        steps: [
          ...setup,
          { run: `${msctl} lint --format sarif --output msctl-lint.sarif` },
          {
            // Findings are uploaded whether or not they fail the job; a fork's pull request cannot upload.
            if: expression(
              "!cancelled() && hashFiles('msctl-lint.sarif') != '' && (github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository)",
            ),
            uses: ACTIONS.uploadSarif,
            with: { sarif_file: 'msctl-lint.sarif', category: 'msctl-lint' },
          },
        ],
      },
      drift: {
        name: 'Generated files match msctl.yaml (msctl generate all --check)',
        if: expression(NOT_A_BRANCH_PUSH),
        'runs-on': GITHUB_RUNNER,
        'timeout-minutes': 10,
        permissions: READ,
        steps: [...setup, { run: `${msctl} generate all --check` }],
      },
    },
  };
  return new Map([
    [GITHUB_WORKSPACE_WORKFLOW, serialiseWorkflow(workflow, 'the workspace gates')],
    [
      GITHUB_RENOVATE_FILE,
      renovateConfig(workspace, [...new Set([GITHUB_WORKSPACE_WORKFLOW, ...servicePipelines])].sort()),
    ],
  ]);
}

/** `node:24-bookworm-slim` -> `24`; anything unrecognised falls back to the current LTS line. */
function nodeMajor(image: string): string {
  return /(?:^|\/)node:(\d+)/.exec(image)?.[1] ?? '24';
}

/** Serialises the workflow, turning each pinned action into `uses: <sha> # <version>`. */
function serialiseWorkflow(workflow: unknown, what: string): string {
  const document = new Document(
    workflow,
    (_key: unknown, value: unknown) => (isAction(value) ? value.uses : value),
    { aliasDuplicateObjects: false },
  );
  const versions = new Map(
    Object.values(ACTIONS).map((action: PinnedAction) => [action.uses, action.version] as const),
  );
  visitScalars(document.contents as Node, (scalar) => {
    const version = typeof scalar.value === 'string' ? versions.get(scalar.value) : undefined;
    if (version) scalar.comment = ` ${version}`;
  });
  return stampGenerated(
    `Generated by msctl for ${what}. Edits are kept: msctl generate merges later changes into them.`,
    document.toString({ lineWidth: 0 }),
  );
}

const isAction = (value: unknown): value is PinnedAction =>
  typeof value === 'object' &&
  value !== null &&
  'uses' in value &&
  'version' in value &&
  Object.keys(value).length === 2;

function visitScalars(node: Node | null | undefined, visit: (scalar: Scalar) => void): void {
  if (isScalar(node)) visit(node);
  else if (isMap(node)) {
    for (const pair of node.items) if (isPair(pair)) visitScalars(pair.value as Node, visit);
  } else if (isSeq(node)) for (const item of node.items) visitScalars(item as Node, visit);
}

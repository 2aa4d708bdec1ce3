import { Document, isMap, isPair, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { WorkspaceConfig } from '../../config/schema.js';
import { stampGenerated } from '../provenance.js';
import { ACTIONS, baseImageArgument, GITHUB_RUNNER } from './pins.js';

/** A GitHub Actions expression: `${{ ... }}`. */
const expression = (text: string): string => `\${{ ${text} }}`;

const ON_DEFAULT_BRANCH =
  "github.event_name == 'push' && github.ref_name == github.event.repository.default_branch";

/** The image a service's pipeline pushes: the workspace registry, else the repository's GitHub registry. */
function imageFor(workspace: WorkspaceConfig, service: string): string {
  const registry =
    workspace.images.registry?.replace(/\/+$/, '') ?? `ghcr.io/${expression('github.repository')}`;
  return `${registry}/${service}`;
}

/**
 * `.github/workflows/<service>.yml`: runs when the service (or the workflow) changes; lints, tests and builds
 * it; builds its image on every run and pushes it from the default branch only. Read-only token by default,
 * package writes only in the job that pushes.
 */
export function generateGithubWorkflow(workspace: WorkspaceConfig, name: string): Map<string, string> {
  const service = workspace.services[name];
  if (!service) throw new RangeError(`no service "${name}" in the workspace`);
  const file = `.github/workflows/${name}.yml`;
  const paths = [`${service.path}/**`, file];
  const registry = imageFor(workspace, name).split('/')[0] ?? 'ghcr.io';
  const usesGithubRegistry = registry === 'ghcr.io';
  const baseImage = workspace.images.base[service.runtime];
  const workflow = {
    name,
    on: {
      push: { branches: ['main'], paths },
      pull_request: { paths },
      workflow_dispatch: {},
    },
    permissions: { contents: 'read' },
    concurrency: {
      group: `${expression('github.workflow')}-${expression('github.ref')}`,
      // Superseded runs on branches are noise; runs on the default branch publish images, so they all finish.
      'cancel-in-progress': expression('github.ref_name != github.event.repository.default_branch'),
    },
    jobs: {
      test: {
        name: 'Lint, test, build',
        'runs-on': GITHUB_RUNNER,
        'timeout-minutes': 15,
        defaults: { run: { 'working-directory': service.path } },
        steps: [
          { uses: ACTIONS.checkout, with: { 'persist-credentials': false } },
          {
            uses: ACTIONS.setupNode,
            with: {
              'node-version': nodeMajor(baseImage),
              cache: 'npm',
              'cache-dependency-path': `${service.path}/package-lock.json`,
            },
          },
          { run: 'npm ci' },
          { run: 'npm run lint' },
          { run: 'npm test' },
          { run: 'npm run build' },
        ],
      },
      image: {
        name: 'Image',
        needs: 'test',
        'runs-on': GITHUB_RUNNER,
        'timeout-minutes': 20,
        permissions: { contents: 'read', packages: 'write' },
        steps: [
          { uses: ACTIONS.checkout, with: { 'persist-credentials': false } },
          { uses: ACTIONS.setupBuildx },
          {
            if: expression(ON_DEFAULT_BRANCH),
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
          {
            id: 'meta',
            uses: ACTIONS.metadata,
            with: {
              images: imageFor(workspace, name),
              tags: 'type=sha,format=long\ntype=raw,value=latest,enable={{is_default_branch}}\n',
            },
          },
          {
            uses: ACTIONS.buildPush,
            with: {
              context: service.path,
              file: `${service.path}/${service.dockerfile}`,
              'build-args': `${baseImageArgument(service.runtime)}=${baseImage}`,
              push: expression(ON_DEFAULT_BRANCH),
              tags: expression('steps.meta.outputs.tags'),
              labels: expression('steps.meta.outputs.labels'),
              'cache-from': `type=gha,scope=${name}`,
              'cache-to': `type=gha,scope=${name},mode=max`,
            },
          },
        ],
      },
    },
  };
  return new Map([[file, serialiseWorkflow(workflow)]]);
}

/** `node:24-bookworm-slim` -> `24`; anything unrecognised falls back to the current LTS line. */
function nodeMajor(image: string): string {
  return /(?:^|\/)node:(\d+)/.exec(image)?.[1] ?? '24';
}

type Action = { uses: string; version: string };

/** Serialises the workflow, turning each pinned action into `uses: <sha> # <version>`. */
function serialiseWorkflow(workflow: unknown): string {
  const document = new Document(
    workflow,
    (_key: unknown, value: unknown) => (isAction(value) ? value.uses : value),
    {
      aliasDuplicateObjects: false,
    },
  );
  const versions = new Map(
    Object.values(ACTIONS).map((action: Action) => [action.uses, action.version] as const),
  );
  visitScalars(document.contents as Node, (scalar) => {
    const version = typeof scalar.value === 'string' ? versions.get(scalar.value) : undefined;
    if (version) scalar.comment = ` ${version}`;
  });
  return stampGenerated(
    "Generated by msctl for the service's own checks and image. Edits are kept: msctl generate merges later changes into them.",
    document.toString({ lineWidth: 0 }),
  );
}

const isAction = (value: unknown): value is Action =>
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

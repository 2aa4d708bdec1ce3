import { isMap, isScalar, isSeq, parseDocument, Scalar, stringify, type YAMLMap, YAMLSeq } from 'yaml';
import type { WorkspaceConfig } from '../../config/schema.js';
import { stampGenerated } from '../provenance.js';
import { PROD_OVERLAY, serviceInputs, WORKSPACE_PIPELINE, workspaceInputs } from './inputs.js';
import { msctlCommand } from './msctl-version.js';
import { baseImageArgument, IMAGES, jobImageFor } from './pins.js';
import { renovateConfig } from './renovate.js';

export const GITLAB_ROOT_FILE = '.gitlab-ci.yml';
export const GITLAB_WORKSPACE_PIPELINE = `.gitlab/ci/${WORKSPACE_PIPELINE}.yml`;
export const GITLAB_RENOVATE_FILE = '.gitlab/renovate.json';
/** The stages the pipelines use, in the order a change goes through them. */
const STAGES = ['build', 'test', 'scan', 'publish', 'deploy'];

const ON_CHANGE_REQUEST = '$CI_PIPELINE_SOURCE == "merge_request_event"';
const ON_DEFAULT_BRANCH = '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH';
/** Every change request and every branch (the root's workflow rules keep one pipeline per push). */
const onChanges = (changes: string[]) => [
  { if: ON_CHANGE_REQUEST, changes },
  { if: '$CI_COMMIT_BRANCH', changes },
];
const DOCKER_SOCKET = '--volume /var/run/docker.sock:/var/run/docker.sock';

/** GitLab globs: a folder's files are `folder/**\/*`. */
const gitlabGlob = (glob: string): string => glob.replace(/\/\*\*$/, '/**/*');

/**
 * `.gitlab/ci/<service>.yml`, included from the root `.gitlab-ci.yml`: on every change request and branch, the
 * service's tests and its image (built, saved as an artifact, scanned, with an SBOM); on the default branch the
 * push of that same image (tagged `sha-<commit>`) and a merge request moving the prod overlay to it.
 * `rootSource` is the current root file, if any: it is edited, keeping its comments, not replaced.
 */
export function generateGitlabPipeline(
  workspace: WorkspaceConfig,
  name: string,
  rootSource: string | undefined,
): Map<string, string> {
  const service = workspace.services[name];
  if (!service) throw new RangeError(`no service "${name}" in the workspace`);
  const file = `.gitlab/ci/${name}.yml`;
  const changes = serviceInputs(service.path, file).map(gitlabGlob);
  const registry = workspace.images.registry?.replace(/\/+$/, '') ?? '$CI_REGISTRY_IMAGE';
  const usesGitlabRegistry = registry.startsWith('$CI_REGISTRY');
  const tagged = '"$IMAGE:sha-$CI_COMMIT_SHA"';
  const docker = {
    image: IMAGES.dockerCli,
    services: [{ name: IMAGES.dockerDaemon, alias: 'docker' }],
    variables: { DOCKER_TLS_CERTDIR: '/certs', IMAGE: `${registry}/${name}` },
  };
  const pipeline = {
    [`${name}:image`]: {
      stage: 'build',
      ...docker,
      variables: {
        ...docker.variables,
        [baseImageArgument(service.runtime)]: workspace.images.base[service.runtime],
      },
      timeout: '20 minutes',
      rules: onChanges(changes),
      script: [
        `docker build --build-arg ${baseImageArgument(service.runtime)} --tag ${tagged} --file ${service.path}/${service.dockerfile} ${service.path}`,
        `docker save ${tagged} | gzip > image.tar.gz`,
      ],
      artifacts: { paths: ['image.tar.gz'], expire_in: '1 day' },
    },
    [`${name}:test`]: {
      stage: 'test',
      image: jobImageFor(workspace.images.base[service.runtime]),
      needs: [],
      timeout: '15 minutes',
      rules: onChanges(changes),
      variables: { npm_config_cache: `$CI_PROJECT_DIR/${service.path}/.npm` },
      cache: {
        key: { files: [`${service.path}/package-lock.json`], prefix: name },
        paths: [`${service.path}/.npm/`],
      },
      script: [`cd ${service.path}`, 'npm ci', 'npm run lint', 'npm test', 'npm run build'],
    },
    [`${name}:scan`]: {
      stage: 'scan',
      ...docker,
      needs: [`${name}:image`],
      timeout: '15 minutes',
      rules: onChanges(changes),
      script: [
        'docker load --input image.tar.gz',
        // The SBOM first, so that it is kept when the scan fails.
        `docker run --rm ${DOCKER_SOCKET} ${IMAGES.syft} ${tagged} --output cyclonedx-json > sbom.cdx.json`,
        `docker run --rm ${DOCKER_SOCKET} ${IMAGES.grype} ${tagged} --only-fixed --fail-on high`,
      ],
      artifacts: {
        when: 'always',
        paths: ['sbom.cdx.json'],
        reports: { cyclonedx: ['sbom.cdx.json'] },
        expire_in: '30 days',
      },
    },
    [`${name}:publish`]: {
      stage: 'publish',
      ...docker,
      needs: [`${name}:test`, `${name}:image`, `${name}:scan`],
      timeout: '15 minutes',
      rules: [{ if: ON_DEFAULT_BRANCH, changes }],
      script: [
        'docker load --input image.tar.gz',
        usesGitlabRegistry
          ? 'echo "$CI_REGISTRY_PASSWORD" | docker login --username "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"'
          : // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, for the job's shell
            'echo "$REGISTRY_PASSWORD" | docker login --username "$REGISTRY_USERNAME" --password-stdin "${IMAGE%%/*}"',
        `docker push ${tagged}`,
      ],
    },
    [`${name}:promote`]: promoteJob(name, `${registry}/${name}`, changes),
  };
  const note = `Generated by msctl for the service "${name}"; included from ${GITLAB_ROOT_FILE}. Edits are kept: msctl generate merges later changes into them.`;
  return new Map([
    [file, stampGenerated(note, stringify(pipeline, { lineWidth: 0, aliasDuplicateObjects: false }))],
    [GITLAB_ROOT_FILE, includeInRoot(rootSource, file)],
  ]);
}

/**
 * A merge request from `msctl/promote-<service>` that sets the prod overlay's image to the pushed tag. It runs
 * only where the project has a `MSCTL_PROMOTE_TOKEN` variable (a project access token with write_repository,
 * protected and masked): the job token cannot push, and no other job holds a token that can.
 */
function promoteJob(name: string, image: string, changes: string[]) {
  const branch = `msctl/promote-${name}`;
  const title = `Deploy ${name} sha-$CI_COMMIT_SHA to prod`;
  return {
    stage: 'deploy',
    image: { name: IMAGES.kustomize, entrypoint: [''] },
    needs: [`${name}:publish`],
    timeout: '10 minutes',
    rules: [{ if: `${ON_DEFAULT_BRANCH} && $MSCTL_PROMOTE_TOKEN`, changes }],
    variables: { IMAGE: image, GIT_DEPTH: '1' },
    script: [
      `if [ ! -f ${PROD_OVERLAY}/kustomization.yaml ]; then echo "no ${PROD_OVERLAY}: msctl generate k8s writes it"; exit 0; fi`,
      'command -v git >/dev/null || apk add --no-cache git',
      `git switch --force-create ${branch}`,
      // The image keeps its binary at /app/kustomize, outside PATH in some releases.
      `cd ${PROD_OVERLAY} && "$(command -v kustomize || echo /app/kustomize)" edit set image "${name}=$IMAGE:sha-$CI_COMMIT_SHA" && cd "$CI_PROJECT_DIR"`,
      `if git diff --quiet; then echo "${PROD_OVERLAY} already deploys $IMAGE:sha-$CI_COMMIT_SHA"; exit 0; fi`,
      `git -c user.name="msctl promote" -c user.email="msctl-promote@$CI_SERVER_HOST" commit --all --message "${title}"`,
      `git push --force -o merge_request.create -o merge_request.target="$CI_DEFAULT_BRANCH" -o merge_request.title="${title}" "https://oauth2:$MSCTL_PROMOTE_TOKEN@$CI_SERVER_HOST/$CI_PROJECT_PATH.git" HEAD:refs/heads/${branch}`,
    ],
  };
}

/**
 * `.gitlab/ci/_msctl.yml`, the workspace's gates (`msctl lint` with its SARIF report as an artifact,
 * `msctl generate all --check`), included from the root; and the Renovate configuration under `.gitlab/`.
 */
export function generateGitlabWorkspaceFiles(
  workspace: WorkspaceConfig,
  servicePipelines: readonly string[],
  rootSource: string | undefined,
): Map<string, string> {
  const changes = workspaceInputs(workspace, [GITLAB_ROOT_FILE, '.gitlab/**']).map(gitlabGlob);
  const msctl = msctlCommand(workspace);
  const job = {
    stage: 'test',
    image: IMAGES.node,
    needs: [],
    timeout: '10 minutes',
    rules: onChanges(changes),
  };
  const pipeline = {
    'msctl:lint': {
      ...job,
      script: [`${msctl} lint --format sarif --output msctl-lint.sarif`],
      artifacts: {
        when: 'always',
        name: 'msctl-lint',
        expose_as: 'msctl lint SARIF',
        paths: ['msctl-lint.sarif'],
        expire_in: '30 days',
      },
    },
    'msctl:drift': { ...job, script: [`${msctl} generate all --check`] },
  };
  const note = `Generated by msctl for the workspace gates; included from ${GITLAB_ROOT_FILE}. Edits are kept: msctl generate merges later changes into them.`;
  return new Map([
    [
      GITLAB_WORKSPACE_PIPELINE,
      stampGenerated(note, stringify(pipeline, { lineWidth: 0, aliasDuplicateObjects: false })),
    ],
    [GITLAB_ROOT_FILE, includeInRoot(rootSource, GITLAB_WORKSPACE_PIPELINE)],
    [
      GITLAB_RENOVATE_FILE,
      renovateConfig(workspace, [...new Set([GITLAB_WORKSPACE_PIPELINE, ...servicePipelines])].sort()),
    ],
  ]);
}

/**
 * A new root pipeline: merge request pipelines for merge requests, branch pipelines otherwise, never both
 * for the same push (GitLab's documented way to avoid duplicate pipelines).
 */
const NEW_ROOT = `# The pipeline of the workspace: each service adds its own file under .gitlab/ci/.
workflow:
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS
      when: never
    - if: $CI_COMMIT_BRANCH
`;

/** Adds `include: - local: <file>` and the stages to the root pipeline, keeping what is there. */
export function includeInRoot(rootSource: string | undefined, file: string): string {
  const document = parseDocument(rootSource ?? NEW_ROOT);
  if (document.errors.length > 0)
    throw new Error(`${GITLAB_ROOT_FILE} does not parse: ${document.errors[0]?.message}`);
  if (!isMap(document.contents)) throw new Error(`${GITLAB_ROOT_FILE} is not a mapping`);
  const root = document.contents as YAMLMap;
  root.flow = false;

  const stages = document.get('stages', true);
  if (isSeq(stages)) addMissingStages(stages);
  else if (stages === undefined) document.set('stages', document.createNode(STAGES));

  const entry = { local: file };
  const include = document.get('include', true);
  const already = (node: unknown) =>
    (isScalar(node) && node.value === file) || (isMap(node) && node.get('local') === file);
  if (include === undefined) {
    document.set('include', document.createNode([entry]));
  } else if (isSeq(include)) {
    if (!include.items.some(already)) include.add(document.createNode(entry));
  } else if (!already(include)) {
    const sequence = new YAMLSeq();
    sequence.items.push(include, document.createNode(entry));
    document.set('include', sequence);
  }
  return document.toString({ lineWidth: 0 });
}

/** Removes the includes of pipelines msctl deleted from the root pipeline, keeping everything else. */
export function excludeFromRoot(rootSource: string, files: readonly string[]): string {
  const document = parseDocument(rootSource);
  if (document.errors.length > 0 || !isMap(document.contents)) return rootSource;
  const include = document.get('include', true);
  const dropped = (node: unknown) =>
    (isScalar(node) && files.includes(String(node.value))) ||
    (isMap(node) && files.includes(String(node.get('local'))));
  if (isSeq(include)) {
    include.items = include.items.filter((item) => !dropped(item));
    if (include.items.length === 0) document.delete('include');
  } else if (include !== undefined && dropped(include)) {
    document.delete('include');
  } else {
    return rootSource;
  }
  return document.toString({ lineWidth: 0 });
}

/** Puts each missing stage after the last one of ours that precedes it, keeping the user's own stages. */
function addMissingStages(stages: YAMLSeq): void {
  const present = () => stages.items.map((item) => (isScalar(item) ? String(item.value) : ''));
  for (const [index, stage] of STAGES.entries()) {
    if (present().includes(stage)) continue;
    const before = STAGES.slice(0, index)
      .reverse()
      .find((earlier) => present().includes(earlier));
    const next = STAGES.slice(index + 1).find((later) => present().includes(later));
    const at =
      next !== undefined
        ? present().indexOf(next)
        : before !== undefined
          ? present().indexOf(before) + 1
          : stages.items.length;
    stages.items.splice(at, 0, new Scalar(stage));
  }
}

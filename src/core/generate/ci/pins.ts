/**
 * Third-party actions, pinned to the full commit of a release: a tag can be moved, a commit cannot. The
 * version goes beside it as a comment, where Dependabot and Renovate read it when they propose updates.
 */
export const ACTIONS = {
  checkout: { uses: 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8', version: 'v5.0.0' },
  setupNode: { uses: 'actions/setup-node@2028fbc5c25fe9cf00d9f06a71cc4710d4507903', version: 'v6.0.0' },
  setupBuildx: {
    uses: 'docker/setup-buildx-action@e468171a9de216ec08956ac3ada2f0791b6bd435',
    version: 'v3.11.1',
  },
  login: { uses: 'docker/login-action@5e57cd118135c172c3672efd75eb46360885c0ef', version: 'v3.6.0' },
  metadata: { uses: 'docker/metadata-action@c1e51972afc2121e065aed6d45c65596fe445f3f', version: 'v5.8.0' },
  buildPush: {
    uses: 'docker/build-push-action@263435318d21b8e681c14492fe198d362a7d2c83',
    version: 'v6.18.0',
  },
} as const;

/** The Docker CLI and daemon images of GitLab image jobs: an exact release, never a moving tag. */
export const DOCKER_IMAGE = 'docker:28.3.3';
export const DOCKER_DIND_IMAGE = 'docker:28.3.3-dind';

/** Hosted runner image: an explicit version, so a runner upgrade is a change someone makes. */
export const GITHUB_RUNNER = 'ubuntu-24.04';

/** The build argument that carries the base image, as `msctl up` passes it: `NODE_IMAGE`, `PYTHON_IMAGE`, `GO_IMAGE`. */
export const baseImageArgument = (runtime: string): string => `${runtime.toUpperCase()}_IMAGE`;

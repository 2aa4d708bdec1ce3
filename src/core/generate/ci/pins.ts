import { DEFAULT_BASE_IMAGES } from '../../config/base-images.js';

/*
 * Every third-party action and image the generated pipelines run, in one table: actions pinned to the full
 * commit of a release (a tag can be moved, a commit cannot) with the release beside it as a comment, images
 * pinned by digest with their tag. Renovate's github-actions and docker managers update pins written this way
 * (`uses: owner/repo@<sha> # vX.Y.Z`, `image:tag@sha256:<digest>`); in this repository they update this
 * file, and `msctl generate ci` carries the new pins into each workspace. To update one by hand: resolve the
 * release's commit (`git ls-remote https://github.com/<owner>/<repo> refs/tags/<tag>^{}`) or the image's
 * index digest (`docker buildx imagetools inspect <image>:<tag>`) and change both halves together.
 */

/** An action: `uses` with the commit, `version` the release that commit is. */
export interface PinnedAction {
  uses: string;
  version: string;
}

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
  uploadArtifact: {
    uses: 'actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f',
    version: 'v7.0.0',
  },
  uploadSarif: {
    uses: 'github/codeql-action/upload-sarif@0d579ffd059c29b07949a3cce3983f0780820c98',
    version: 'v4.32.6',
  },
} as const satisfies Record<string, PinnedAction>;

/**
 * Images of CI jobs, by digest: the Docker CLI and daemon of image jobs, Grype (vulnerability scan) and Syft
 * (SBOM) run as containers next to the image they inspect, Node for the jobs that run msctl itself, and
 * Kustomize for the job that moves the prod overlay's tags.
 */
export const IMAGES = {
  dockerCli: 'docker:28.3.3-cli@sha256:0135662b510037ea581d99c2e5929c5e01185139c0b86986a418bd4da0b98a44',
  dockerDaemon: 'docker:28.3.3-dind@sha256:a56b3bdde89315ed2cc0e4906e582b5033d93bf20d9cb9510c2cdd4e7f7690b1',
  grype: 'anchore/grype:v0.118.0@sha256:8a93fc48da96bd6ec5981279d099b69de11541dc68fdf222fb9161f8ff284af7',
  syft: 'anchore/syft:v1.42.3@sha256:5999d209a342e55e9edf70bf8930fb5b86d8f2a783fa401178372c50e21b1d36',
  node: DEFAULT_BASE_IMAGES.node,
  kustomize:
    'registry.k8s.io/kustomize/kustomize:v5.8.1@sha256:899fcd3bc898160e62bcaf82932b0cb29ba38d16272353db2e7acbba82129429',
} as const;

/** Hosted runner image: an explicit version, so a runner upgrade is a change someone makes. */
export const GITHUB_RUNNER = 'ubuntu-24.04';

/** The build argument that carries the base image, as `msctl up` passes it: `NODE_IMAGE`, `PYTHON_IMAGE`, `GO_IMAGE`. */
export const baseImageArgument = (runtime: string): string => `${runtime.toUpperCase()}_IMAGE`;

/**
 * The image a CI job runs a service's own checks in: the workspace's base image for its runtime. The default
 * base image gets the digest from the table above; a base image set in msctl.yaml is used as written there
 * (pin it by digest in msctl.yaml: `node:24-bookworm-slim@sha256:…`).
 */
export function jobImageFor(baseImage: string): string {
  const [pinnedTag] = IMAGES.node.split('@');
  return baseImage === pinnedTag ? IMAGES.node : baseImage;
}

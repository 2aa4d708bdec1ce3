/**
 * The base images a workspace builds from unless msctl.yaml names others. Node's is pinned by digest, so that a
 * build is reproducible and a new upstream image arrives as a change someone reviews (Renovate's configs, which
 * msctl generates, keep the tag and move the digest). Python and Go have no template yet and keep their tags.
 */
export const DEFAULT_BASE_IMAGES = {
  node: 'node:24-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d',
  python: 'python:3.13-slim-bookworm',
  go: 'golang:1.25-bookworm',
} as const;

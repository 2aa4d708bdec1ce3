import type { WorkspaceConfig } from '../config/schema.js';
import { type CiInputs, type CiProvider, generateCiFiles } from './ci/index.js';
import { generateServiceManifests, generateWorkspaceManifests } from './k8s/index.js';

export type { CiProvider } from './ci/index.js';

/**
 * Every Kubernetes manifest of the workspace, keyed by path from its root: each service's under
 * `<path>/k8s/`, `k8s/base/` with the namespace and the kustomization of them all, and the overlays
 * `k8s/overlays/{dev,prod}` (which need `images.registry`: `overlays: false` leaves them out).
 */
export function generateKubernetesFiles(
  workspace: WorkspaceConfig,
  options: { overlays?: boolean } = {},
): Map<string, string> {
  const files = generateWorkspaceManifests(workspace, options);
  for (const [name, service] of Object.entries(workspace.services).sort(([left], [right]) =>
    left.localeCompare(right),
  )) {
    for (const [file, content] of generateServiceManifests(workspace, name))
      files.set(`${service.path}/k8s/${file}`, content);
  }
  return files;
}

/** Every service's CI files for one provider, keyed by path relative to the workspace root. */
export function generateCiFilesForWorkspace(
  provider: CiProvider,
  workspace: WorkspaceConfig,
  inputs: CiInputs = {},
): Map<string, string> {
  const files = new Map<string, string>();
  let gitlabRoot = inputs.gitlabRoot;
  for (const name of Object.keys(workspace.services).sort()) {
    for (const [file, content] of generateCiFiles(provider, workspace, name, { gitlabRoot })) {
      files.set(file, content);
      // Each service adds its include to the root pipeline the previous one produced.
      if (file === '.gitlab-ci.yml') gitlabRoot = content;
    }
  }
  return files;
}

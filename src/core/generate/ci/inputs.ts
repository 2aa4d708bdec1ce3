import type { WorkspaceConfig } from '../../config/schema.js';

/** The workspace file every pipeline watches: a change to it can change any service's build or policy. */
export const WORKSPACE_FILE = 'msctl.yaml';

/**
 * The Kustomize overlay whose image tags CI moves to the commit it published (`kustomize edit set image`).
 * Its `images:` entries are named after the services.
 */
export const PROD_OVERLAY = 'k8s/overlays/prod';

/** The name of the workspace-wide pipeline files; a leading `_` cannot clash with a service name. */
export const WORKSPACE_PIPELINE = '_msctl';

const folder = (servicePath: string): string => servicePath.replace(/\\/g, '/').replace(/\/+$/, '');

/** Ruleset and baseline files that `msctl lint` reads, as given in msctl.yaml (presets excluded). */
function governanceFiles(workspace: WorkspaceConfig): string[] {
  const { extends: presets, ruleset, baseline } = workspace.governance;
  const files = presets.filter((entry) => !entry.startsWith('msctl:') && !/^https?:/.test(entry));
  if (ruleset) files.push(ruleset);
  if (baseline) files.push(baseline);
  return files.map((file) => file.replace(/^\.\//, ''));
}

/**
 * What the workspace gates read, as path globs from the workspace root (GitHub `paths` syntax): msctl.yaml,
 * the governance files, every service (its API description, its manifests), the workspace manifests, the
 * merge bases and compose.yaml. `ciFolders` are the provider's own pipeline files.
 */
export function workspaceInputs(workspace: WorkspaceConfig, ciFolders: readonly string[]): string[] {
  const services = Object.keys(workspace.services)
    .sort()
    .map((name) => `${folder(workspace.services[name]?.path ?? name)}/**`);
  return [
    ...new Set([
      WORKSPACE_FILE,
      ...governanceFiles(workspace),
      ...services,
      'k8s/**',
      '.msctl/**',
      'compose.yaml',
      ...ciFolders,
    ]),
  ];
}

/** What a service's own pipeline watches: the service, its pipeline file and msctl.yaml (base image, env). */
export const serviceInputs = (servicePath: string, pipelineFile: string): string[] => [
  `${folder(servicePath)}/**`,
  pipelineFile,
  WORKSPACE_FILE,
];

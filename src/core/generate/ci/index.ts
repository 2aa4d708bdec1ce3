import { CI_PROVIDERS, type WorkspaceConfig } from '../../config/schema.js';
import { GITHUB_WORKSPACE_WORKFLOW, generateGithubWorkflow, generateGithubWorkspaceFiles } from './github.js';
import { GITLAB_WORKSPACE_PIPELINE, generateGitlabPipeline, generateGitlabWorkspaceFiles } from './gitlab.js';

export { CI_PROVIDERS };
export type CiProvider = (typeof CI_PROVIDERS)[number];

/** What the generator reads from the workspace as it is: the root GitLab pipeline, to edit in place. */
export interface CiInputs {
  gitlabRoot?: string | undefined;
}

/** The CI files of a service, keyed by path relative to the workspace root. */
export function generateCiFiles(
  provider: CiProvider,
  workspace: WorkspaceConfig,
  name: string,
  inputs: CiInputs = {},
): Map<string, string> {
  if (provider === 'github') return generateGithubWorkflow(workspace, name);
  if (provider === 'gitlab') return generateGitlabPipeline(workspace, name, inputs.gitlabRoot);
  return new Map();
}

/**
 * The CI files of the workspace as a whole, for a provider some service uses: the gates (`msctl lint`,
 * `msctl generate all --check`) and the Renovate configuration, which leaves `servicePipelines` (every
 * pipeline msctl generates, of any provider) to msctl.
 */
export function generateWorkspaceCiFiles(
  provider: CiProvider,
  workspace: WorkspaceConfig,
  servicePipelines: readonly string[],
  inputs: CiInputs = {},
): Map<string, string> {
  if (provider === 'github') return generateGithubWorkspaceFiles(workspace, servicePipelines);
  if (provider === 'gitlab')
    return generateGitlabWorkspaceFiles(workspace, servicePipelines, inputs.gitlabRoot);
  return new Map();
}

/** The workspace gates' pipeline file of a provider. */
export const workspacePipelineOf = (provider: 'github' | 'gitlab'): string =>
  provider === 'github' ? GITHUB_WORKSPACE_WORKFLOW : GITLAB_WORKSPACE_PIPELINE;

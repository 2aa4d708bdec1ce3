import { findWorkspaceFile, loadWorkspace } from '../config/load.js';
import { DNS_LABEL } from '../config/schema.js';
import { UserError } from '../errors.js';

/**
 * The project `down`, `ps` and `logs` act on: `--project` when given, else the workspace's name. Without
 * msctl.yaml they still work, from labels alone, once the project is named.
 */
export async function resolveProjectName(options: {
  project?: string | undefined;
  cwd: string;
  configFile?: string | undefined;
}): Promise<string> {
  if (options.project !== undefined) {
    if (!DNS_LABEL.test(options.project) || options.project.length > 63) {
      throw new UserError(
        `--project ${JSON.stringify(options.project)} is not a project name.`,
        'Project names are DNS-1123 labels: lowercase letters, digits and "-".',
      );
    }
    return options.project;
  }
  if (!options.configFile && !findWorkspaceFile(options.cwd)) {
    throw new UserError(
      `No msctl.yaml in ${options.cwd} or above it, and no --project given.`,
      'Name the project with --project <name> (the `name` in its msctl.yaml), or run the command inside the workspace.',
    );
  }
  return (await loadWorkspace({ configFile: options.configFile, cwd: options.cwd })).config.name;
}

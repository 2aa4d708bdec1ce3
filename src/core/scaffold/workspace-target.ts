import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Document } from 'yaml';
import { findWorkspaceFile, loadWorkspace, parseWorkspace, WORKSPACE_FILE } from '../config/load.js';
import type { WorkspaceConfig } from '../config/schema.js';
import { renderWorkspaceFile, suggestProjectName } from '../workspace/init.js';

/** The workspace a service is created in: an existing msctl.yaml, or one that will be created. */
export interface WorkspaceTarget {
  root: string;
  file: string;
  source: string;
  config: WorkspaceConfig;
  document: Document;
  /** Set when no msctl.yaml exists yet: `msctl init` runs first, with this project name. */
  newWorkspace: { name: string } | undefined;
}

export interface FindWorkspaceTargetOptions {
  cwd: string;
  /** `--workspace <dir>`: its msctl.yaml, or a new workspace there. */
  workspaceDirectory?: string | undefined;
  /** `--config <file>`: an explicit msctl.yaml, which must exist. */
  configFile?: string | undefined;
}

/** The msctl.yaml the options point at, if there is one, and the folder of the workspace either way. */
export function locateWorkspaceTarget(options: FindWorkspaceTargetOptions): {
  file: string | undefined;
  root: string;
} {
  let file: string | undefined;
  if (options.configFile) file = path.resolve(options.cwd, options.configFile);
  else if (options.workspaceDirectory) {
    const candidate = path.resolve(options.cwd, options.workspaceDirectory, WORKSPACE_FILE);
    file = existsSync(candidate) ? candidate : undefined;
  } else file = findWorkspaceFile(options.cwd);
  return {
    file,
    root: file ? path.dirname(file) : path.resolve(options.cwd, options.workspaceDirectory ?? '.'),
  };
}

/** Finds the workspace as every command does; where there is none, plans a new one as `msctl init --yes` would. */
export async function findWorkspaceTarget(options: FindWorkspaceTargetOptions): Promise<WorkspaceTarget> {
  const { file, root } = locateWorkspaceTarget(options);
  if (file) {
    const workspace = await loadWorkspace({ configFile: file, cwd: options.cwd });
    return { ...workspace, newWorkspace: undefined };
  }
  const name = suggestProjectName(root);
  const newFile = path.join(root, WORKSPACE_FILE);
  const source = renderWorkspaceFile(name);
  return { root, file: newFile, source, ...parseWorkspace(newFile, source), newWorkspace: { name } };
}

/** The first port from 3000 up that no service of the workspace uses. */
export function suggestPort(config: WorkspaceConfig, start = 3000): number {
  const used = new Set(Object.values(config.services).map((service) => service.port));
  let port = start;
  while (used.has(port)) port += 1;
  return port;
}

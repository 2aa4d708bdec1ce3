import path from 'node:path';
import { findWorkspaceFile, loadWorkspace } from '../config/load.js';
import { withWorkspaceLock } from '../workspace/lock.js';
import {
  ALL_KINDS,
  type GeneratePlan,
  type GenerateRequest,
  planGenerate,
  writeGeneratePlan,
} from './plan.js';

export interface RegenerateRequest extends GenerateRequest {
  cwd: string;
  /** An explicit msctl.yaml (`--config`). */
  configFile?: string | undefined;
  /** Where to write instead of the workspace folder (`--out`). */
  out?: string | undefined;
  /** Write the creates and updates; otherwise only compare. */
  write: boolean;
  signal?: AbortSignal | undefined;
}

export interface RegenerateOutcome {
  root: string;
  plan: GeneratePlan;
  written: string[];
}

/**
 * Loads the workspace, compares what it generates with the files on disk and, with `write`, writes the
 * difference. Writing happens under the workspace lock, with msctl.yaml and the files read under it, so that a
 * create-service running meanwhile is never undone by output planned from the msctl.yaml before it.
 */
export async function regenerateWorkspace(request: RegenerateRequest): Promise<RegenerateOutcome> {
  const run = async (signal?: AbortSignal): Promise<RegenerateOutcome> => {
    const workspace = await loadWorkspace({ configFile: request.configFile, cwd: request.cwd });
    const root = request.out ? path.resolve(request.cwd, request.out) : workspace.root;
    const plan = await planGenerate(
      {
        root,
        config: workspace.config,
        workspaceRoot: workspace.root,
        // The recorded CI providers go to msctl.yaml only when the files go to the workspace itself.
        ...(root === workspace.root && { file: workspace.file, source: workspace.source }),
      },
      request,
    );
    const written = request.write ? await writeGeneratePlan(plan, { signal }) : [];
    return { root, plan, written };
  };
  const file = request.configFile
    ? path.resolve(request.cwd, request.configFile)
    : findWorkspaceFile(request.cwd);
  // Without a workspace there is nothing to lock: loading says what is missing.
  if (!request.write || !file) return run(request.signal);
  return withWorkspaceLock(
    path.dirname(file),
    (lost) => run(request.signal ? AbortSignal.any([request.signal, lost]) : lost),
    { purpose: 'msctl generate', signal: request.signal },
  );
}

/**
 * Brings every generated file of a workspace up to date after a command changed msctl.yaml (create-service),
 * through the same merge as `msctl generate all`. The caller holds the workspace lock.
 */
export async function regenerateAfterChange(root: string, signal?: AbortSignal): Promise<GeneratePlan> {
  const workspace = await loadWorkspace({ cwd: root });
  const plan = await planGenerate(
    { root: workspace.root, config: workspace.config, file: workspace.file, source: workspace.source },
    { kinds: ALL_KINDS, all: true, withoutRegistry: 'skip-overlays' },
  );
  await writeGeneratePlan(plan, { signal });
  return plan;
}

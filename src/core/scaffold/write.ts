import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WORKSPACE_FILE } from '../config/load.js';
import {
  describeWriteFailure,
  makeDirectory,
  type StagedFiles,
  type StageOptions,
  stageFiles,
  throwIfAborted,
} from '../generate/write-files.js';
import { writeNewWorkspace } from '../workspace/init.js';
import type { CreateServicePlan } from './plan.js';

export type WriteOptions = StageOptions;

export interface CreateServiceResult {
  root: string;
  servicePath: string;
  /** Files written or changed, relative to the workspace root. */
  written: string[];
  createdWorkspace: boolean;
}

/**
 * Writes a plan so that an interruption leaves nothing half-written: a new service folder is staged in a
 * hidden folder beside its target and renamed into place; every other file (into an existing folder with
 * --force, msctl.yaml, CI) is staged beside its target and renamed last. Until the renames, a failure or a
 * cancel removes everything staged.
 */
export async function writeCreateServicePlan(
  plan: CreateServicePlan,
  options: WriteOptions = {},
): Promise<CreateServiceResult> {
  const write = options.writeFile ?? ((file, content) => writeFile(file, content, { flag: 'wx' }));
  const root = plan.workspace.root;
  const target = path.join(root, plan.service.path);
  // Into an existing folder (--force) file by file, so that what else is in it (node_modules) is not copied.
  const inPlace = existsSync(target);
  const createdDirectories: string[] = [];
  let staging: string | undefined;
  let staged: StagedFiles | undefined;

  try {
    throwIfAborted(options.signal);
    if (!inPlace) {
      await makeDirectory(path.dirname(target), createdDirectories);
      staging = await mkdtemp(path.join(path.dirname(target), `.${plan.service.name}.staging-`));
      for (const [file, content] of plan.serviceFiles) {
        throwIfAborted(options.signal);
        const destination = path.join(staging, ...file.split('/'));
        await mkdir(path.dirname(destination), { recursive: true });
        await write(destination, content);
      }
    }
    const serviceFiles = inPlace
      ? [...plan.serviceFiles].map(([file, content]) => [`${plan.service.path}/${file}`, content] as const)
      : [];
    staged = await stageFiles(root, [...serviceFiles, ...plan.workspaceFiles], options);
  } catch (error) {
    if (staging) await rm(staging, { recursive: true, force: true });
    for (const directory of createdDirectories.reverse()) await rmdir(directory).catch(() => undefined);
    throw describeWriteFailure(error, root);
  }

  // Everything is staged: from here on, only renames.
  const written: string[] = [];
  if (plan.workspace.newWorkspace) {
    const init = await writeNewWorkspace({ directory: root, name: plan.workspace.newWorkspace.name });
    written.push(...init.written.filter((file) => file !== WORKSPACE_FILE));
  }
  if (staging) await rename(staging, target);
  // msctl.yaml last: a service is registered only once its files are in place.
  await staged.commit(WORKSPACE_FILE);
  written.push(...plan.files.map((file) => file.path));
  return {
    root,
    servicePath: plan.service.path,
    written: [...new Set(written)].sort(),
    createdWorkspace: Boolean(plan.workspace.newWorkspace),
  };
}

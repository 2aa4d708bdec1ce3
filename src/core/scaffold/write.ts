import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WORKSPACE_FILE } from '../config/load.js';
import { CancelledError, UserError } from '../errors.js';
import { initWorkspace } from '../workspace/init.js';
import type { CreateServicePlan } from './plan.js';

export interface WriteOptions {
  /** Aborting (Ctrl-C) stops before the next file and removes what was staged. */
  signal?: AbortSignal | undefined;
  /** Writes one staged file; tests replace it to fail part-way through. */
  writeFile?: (file: string, content: Buffer | string) => Promise<void>;
}

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
  const workspaceFile = path.join(root, WORKSPACE_FILE);
  // Into an existing folder (--force) file by file, so that what else is in it (node_modules) is not copied.
  const inPlace = existsSync(target);
  const createdDirectories: string[] = [];
  const stagedFiles: [staged: string, target: string][] = [];
  const suffix = `.msctl-staging-${randomUUID()}`;
  let staging: string | undefined;
  const checkAbort = () => {
    if (options.signal?.aborted) throw new CancelledError('Cancelled; nothing was written.');
  };
  const stageBeside = async (destination: string, content: Buffer | string) => {
    checkAbort();
    await makeDirectory(path.dirname(destination), createdDirectories);
    await write(destination + suffix, content);
    stagedFiles.push([destination + suffix, destination]);
  };

  try {
    checkAbort();
    if (inPlace) {
      for (const [file, content] of plan.serviceFiles)
        await stageBeside(path.join(target, ...file.split('/')), content);
    } else {
      await makeDirectory(path.dirname(target), createdDirectories);
      staging = await mkdtemp(path.join(path.dirname(target), `.${plan.service.name}.staging-`));
      for (const [file, content] of plan.serviceFiles) {
        checkAbort();
        const destination = path.join(staging, ...file.split('/'));
        await mkdir(path.dirname(destination), { recursive: true });
        await write(destination, content);
      }
    }
    for (const [file, content] of plan.workspaceFiles)
      await stageBeside(path.join(root, ...file.split('/')), content);
    checkAbort();
  } catch (error) {
    if (staging) await rm(staging, { recursive: true, force: true });
    for (const [staged] of stagedFiles) await rm(staged, { force: true });
    for (const directory of createdDirectories.reverse()) await rmdir(directory).catch(() => undefined);
    throw describeFailure(error, root);
  }

  // Everything is staged: from here on, only renames.
  const written: string[] = [];
  if (plan.workspace.newWorkspace) {
    const init = await initWorkspace({ directory: root, name: plan.workspace.newWorkspace.name });
    written.push(...init.written.filter((file) => file !== WORKSPACE_FILE));
  }
  if (staging) await rename(staging, target);
  // msctl.yaml last: a service is registered only once its files are in place.
  stagedFiles.sort(([, left], [, right]) => Number(left === workspaceFile) - Number(right === workspaceFile));
  for (const [staged, destination] of stagedFiles) await rename(staged, destination);
  written.push(...plan.files.map((file) => file.path));
  return {
    root,
    servicePath: plan.service.path,
    written: [...new Set(written)].sort(),
    createdWorkspace: Boolean(plan.workspace.newWorkspace),
  };
}

/** A file system failure (full disk, no permission, a file where a folder should be) is the user's to fix. */
function describeFailure(error: unknown, root: string): unknown {
  const systemError = error as NodeJS.ErrnoException;
  if (!(error instanceof Error) || typeof systemError.code !== 'string' || error instanceof CancelledError)
    return error;
  const where = systemError.path ? path.relative(root, systemError.path) || '.' : 'the workspace';
  return new UserError(
    `Could not write ${where} (${systemError.code}); nothing was written.`,
    'Check that the folder is writable and has free space, and that no file stands where a folder must go.',
  );
}

/** `mkdir -p` that remembers which folders it created, so that a failed run can remove them again. */
async function makeDirectory(directory: string, created: string[]): Promise<void> {
  const missing: string[] = [];
  for (let current = directory; !existsSync(current); current = path.dirname(current))
    missing.unshift(current);
  await mkdir(directory, { recursive: true });
  created.push(...missing);
}

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CancelledError, UserError } from '../errors.js';
import { throwIfAborted } from '../workspace/lock.js';

export interface StageOptions {
  /** Aborting (Ctrl-C) stops before the next file and removes what was staged. */
  signal?: AbortSignal | undefined;
  /** Writes one staged file; tests replace it to fail part-way through. */
  writeFile?: ((file: string, content: Buffer | string) => Promise<void>) | undefined;
}

/** Files written beside their targets under temporary names, not yet in place. */
export interface StagedFiles {
  /** Renames every staged file into place; `last` (e.g. msctl.yaml) goes after all the others. */
  commit(last?: string): Promise<void>;
  /** Removes the staged files and the folders staging created. */
  discard(): Promise<void>;
}

export { throwIfAborted };

/**
 * Writes each file beside its target (`<file>.msctl-staging-<id>`), so that a later rename puts it in place
 * at once. A failure or a cancel while staging removes everything staged, including new folders, and
 * rethrows: until `commit`, nothing the user has is touched.
 */
export async function stageFiles(
  root: string,
  files: Iterable<readonly [string, Buffer | string]>,
  options: StageOptions = {},
): Promise<StagedFiles> {
  const write = options.writeFile ?? ((file, content) => writeFile(file, content, { flag: 'wx' }));
  const suffix = `.msctl-staging-${randomUUID()}`;
  const createdDirectories: string[] = [];
  const staged: [temporary: string, target: string][] = [];
  const discard = async () => {
    for (const [temporary] of staged) await rm(temporary, { force: true });
    for (const directory of [...createdDirectories].reverse()) await rmdir(directory).catch(() => undefined);
  };
  try {
    for (const [file, content] of files) {
      throwIfAborted(options.signal);
      const target = path.join(root, ...file.split('/'));
      await makeDirectory(path.dirname(target), createdDirectories);
      await write(target + suffix, content);
      staged.push([target + suffix, target]);
    }
    throwIfAborted(options.signal);
  } catch (error) {
    await discard();
    throw error;
  }
  return {
    discard,
    async commit(last) {
      const lastTarget = last === undefined ? undefined : path.join(root, ...last.split('/'));
      const ordered = [...staged].sort(
        ([, left], [, right]) => Number(left === lastTarget) - Number(right === lastTarget),
      );
      for (const [temporary, target] of ordered) await rename(temporary, target);
    },
  };
}

/** `mkdir -p` that remembers which folders it created, so that a failed run can remove them again. */
export async function makeDirectory(directory: string, created: string[]): Promise<void> {
  const missing: string[] = [];
  for (let current = directory; !existsSync(current); current = path.dirname(current))
    missing.unshift(current);
  await mkdir(directory, { recursive: true });
  created.push(...missing);
}

/** A file system failure (full disk, no permission, a file where a folder should be) is the user's to fix. */
export function describeWriteFailure(error: unknown, root: string): unknown {
  const systemError = error as NodeJS.ErrnoException;
  if (!(error instanceof Error) || typeof systemError.code !== 'string' || error instanceof CancelledError) {
    return error;
  }
  const where = systemError.path ? path.relative(root, systemError.path) || '.' : 'the workspace';
  return new UserError(
    `Could not write ${where} (${systemError.code}); nothing was written.`,
    'Check that the folder is writable and has free space, and that no file stands where a folder must go.',
  );
}

import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';

/**
 * Creates a folder and its missing parents one level at a time. Node's `mkdir(..., { recursive: true })` never
 * returns on file systems such as /proc, where creating a folder fails with ENOENT although its parent exists;
 * here that is an error that names the folder instead of a hang.
 */
export async function makeDirectory(folder: string, attempts = 20): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(folder);
  for (;;) {
    const found = await stat(current).catch(() => undefined);
    if (found) {
      if (!found.isDirectory()) throw cannotCreate(folder, `${current} is not a folder`);
      break;
    }
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const directory of missing) {
    try {
      await mkdir(directory);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      // A parent removed meanwhile (another writer releasing its lock folder): look again, a few times.
      if (
        code === 'ENOENT' &&
        attempts > 1 &&
        (await stat(path.dirname(directory)).catch(() => undefined)) === undefined
      )
        return makeDirectory(folder, attempts - 1);
      throw cannotCreate(folder, `${directory}: ${code ?? (error as Error).message}`);
    }
  }
}

function cannotCreate(folder: string, reason: string): UserError {
  return new UserError(
    `Cannot create the folder ${folder} (${reason}).`,
    'Choose a folder on a writable file system that you may write to.',
  );
}

import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

/**
 * Whether `target` may be read by a run confined to `folder` (itself free of symlinks): inside it as written and
 * once its symlinks are resolved. Outside as written, it is refused without touching the file system, so that a
 * refusal says nothing of what exists there; a missing file inside is left to fail as missing files do.
 */
export function readableInside(folder: string, target: string): boolean {
  if (!isWithin(folder, target)) return false;
  try {
    return isWithin(folder, realpathSync.native(target));
  } catch {
    return true;
  }
}

function isWithin(folder: string, target: string): boolean {
  const path = relative(folder, target);
  return path === '' || (!path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path));
}

/** How a refused read is reported. */
export const outsideMessage = (what: string, target: string, folder: string): string =>
  `${what} ${target} is outside ${folder}, the only folder this lint may read (symlinks resolved); it was not read.`;

import { existsSync } from 'node:fs';
import path from 'node:path';

export const WORKSPACE_FILE = 'msctl.yaml';

/**
 * Finds msctl.yaml in `startDirectory` or the nearest folder above it. Kept free of the schema and YAML parser so
 * that commands which only need to know whether there is a workspace do not load them.
 */
export function findWorkspaceFile(startDirectory: string): string | undefined {
  let directory = path.resolve(startDirectory);
  for (;;) {
    const candidate = path.join(directory, WORKSPACE_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkspaceConfig } from '../../config/schema.js';

let ownVersion: string | undefined;

/** The version of this msctl: the nearest package.json named msctl above this module (src/, dist/, a bundle). */
export function runningMsctlVersion(): string {
  if (ownVersion !== undefined) return ownVersion;
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(folder, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'msctl' && manifest.version) {
        ownVersion = manifest.version;
        return ownVersion;
      }
    }
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error('the package.json of msctl was not found above its code');
    folder = parent;
  }
}

/**
 * The command CI runs msctl with: the exact version recorded in msctl.yaml (else the one generating), fetched
 * by npx from the registry, so that every pipeline lints and checks drift with the msctl the team chose.
 */
export function msctlCommand(workspace: WorkspaceConfig): string {
  return `npx --yes msctl@${workspace.msctl ?? runningMsctlVersion()}`;
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

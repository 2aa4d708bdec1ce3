import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { WorkspaceConfig } from '../../config/schema.js';
import { PROD_OVERLAY } from '../ci/inputs.js';
import type { Ownership } from './decide.js';

/**
 * Where the output msctl wrote last is kept, per file, at the same relative path: the base of the next
 * three-way merge, and the list of what msctl generated (what to delete when it generates it no more).
 * Committed with the workspace, so that every clone (and CI) merges against the same base.
 */
export const BASE_FOLDER = '.msctl/generated';

export const basePath = (file: string): string => `${BASE_FOLDER}/${file}`;

export async function readBase(root: string, file: string): Promise<string | undefined> {
  const absolute = path.join(root, ...basePath(file).split('/'));
  return existsSync(absolute) ? readFile(absolute, 'utf8') : undefined;
}

/** Every file with a base, relative to the workspace root. */
export async function listBases(root: string): Promise<string[]> {
  const folder = path.join(root, ...BASE_FOLDER.split('/'));
  if (!existsSync(folder)) return [];
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Which generator a file belongs to, so that `generate k8s` never deletes a pipeline. */
export const kindOfFile = (file: string): 'k8s' | 'ci' | 'compose' =>
  file === 'compose.yaml'
    ? 'compose'
    : file.startsWith('.github/') || file.startsWith('.gitlab/') || file === '.gitlab-ci.yml'
      ? 'ci'
      : 'k8s';

const normalisePath = (file: string): string => file.replace(/\\/g, '/').replace(/^\.\//, '');

/** What `generate.owned` in msctl.yaml gives the user of one file. */
export function ownershipOf(config: WorkspaceConfig, file: string): Ownership {
  const paths: string[] = [];
  let whole = false;
  for (const entry of config.generate.owned) {
    if (typeof entry === 'string') whole ||= normalisePath(entry) === file;
    else if (normalisePath(entry.file) === file) paths.push(...entry.paths);
  }
  // CI's promote job moves the prod overlay's tags: those are CI's, whatever msctl.yaml lists.
  return { file: whole, paths, ...(file === `${PROD_OVERLAY}/kustomization.yaml` && { images: true }) };
}

import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closest } from 'fastest-levenshtein';
import { UserError } from '../errors.js';
import { loadTemplateManifest, type TemplateManifest } from './template-manifest.js';

/** A template found on disk. */
export interface TemplateSource {
  id: string;
  directory: string;
  manifest: TemplateManifest;
}

/**
 * The package's `templates/` folder. Found by walking up to msctl's own package.json, so it is the same from
 * `src/` under vitest and from `dist/` when installed.
 */
export function findTemplatesDirectory(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let directory = from;
  for (;;) {
    const manifest = path.join(directory, 'package.json');
    if (existsSync(manifest) && existsSync(path.join(directory, 'templates'))) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
      if (name === 'msctl') return path.join(directory, 'templates');
    }
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`msctl's templates folder was not found above ${from}`);
    directory = parent;
  }
}

/** Ids of the templates in `templatesDirectory`: folders with a template.yaml; `_shared` and the like are not. */
export async function listTemplateIds(templatesDirectory = findTemplatesDirectory()): Promise<string[]> {
  const entries = await readdir(templatesDirectory, { withFileTypes: true });
  return entries
    .filter(
      (entry) =>
        entry.isDirectory() &&
        !entry.name.startsWith('_') &&
        existsSync(path.join(templatesDirectory, entry.name, 'template.yaml')),
    )
    .map((entry) => entry.name)
    .sort();
}

/** Finds a template by id, or explains which ids exist. */
export async function resolveTemplate(
  id: string,
  templatesDirectory = findTemplatesDirectory(),
): Promise<TemplateSource> {
  const ids = await listTemplateIds(templatesDirectory);
  if (!ids.includes(id)) {
    const suggestion = ids.length > 0 ? closest(id, ids) : undefined;
    throw new UserError(
      `There is no template "${id}".`,
      `Available templates: ${ids.join(', ') || '(none)'}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
    );
  }
  const directory = path.join(templatesDirectory, id);
  return { id, directory, manifest: await loadTemplateManifest(directory) };
}

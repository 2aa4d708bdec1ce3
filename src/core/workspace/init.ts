import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { DEFAULT_BASE_IMAGES } from '../config/base-images.js';
import { WORKSPACE_FILE } from '../config/load.js';
import { DNS_LABEL } from '../config/schema.js';
import { option, UserError, wording } from '../errors.js';
import { runningMsctlVersion } from '../package-version.js';
import { withWorkspaceLock } from './lock.js';
import { makeDirectory } from './make-directory.js';

/** Where editors find the JSON Schema when msctl is a dev dependency of the workspace. */
export const SCHEMA_REFERENCE = 'node_modules/msctl/schema/msctl.schema.json';
// .msctl/lock/ is held only while a command writes; .msctl/generated/ (the base of regeneration) is committed.
const IGNORED = ['.env', 'node_modules/', 'dist/', '.msctl/lock/'];

export interface InitWorkspaceOptions {
  directory: string;
  name: string;
  /** Where CI pushes images and Kubernetes pulls them from (`images.registry`); `msctl generate k8s` needs it. */
  registry?: string | undefined;
}

/** A registry and repository prefix as an image reference starts: `ghcr.io/acme/shop`, `registry:5000/team`. */
const REGISTRY = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

/** Why a registry cannot be used, or undefined when it can. */
export function validateRegistry(registry: string): string | undefined {
  if (registry.length > 255) return 'it is longer than 255 characters';
  if (!REGISTRY.test(registry.replace(/\/+$/, '')))
    return 'it must look like ghcr.io/<owner>/<repo> or registry.example.com:5000/team (lowercase, no tag)';
  return undefined;
}

export interface InitWorkspaceResult {
  file: string;
  /** Files written or changed, relative to the workspace. */
  written: string[];
}

/** A name for a project in `directory`: the folder name, made a DNS-1123 label. */
export function suggestProjectName(directory: string): string {
  const name = path
    .basename(path.resolve(directory))
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return DNS_LABEL.test(name) ? name : 'system';
}

export function validateProjectName(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.length > 63) return 'the name is longer than 63 characters';
  if (!DNS_LABEL.test(name)) {
    return `"${name}" is not a DNS-1123 label: use lowercase letters, digits and "-", starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Renders the text of a new msctl.yaml. */
export function renderWorkspaceFile(name: string, registry?: string): string {
  const body = stringify(
    {
      version: 1,
      name,
      // The msctl this workspace uses: the generated pipelines run exactly this version.
      msctl: runningMsctlVersion(),
      images: {
        ...(registry && { registry: registry.replace(/\/+$/, '') }),
        base: { node: DEFAULT_BASE_IMAGES.node },
      },
      services: {},
      infra: {},
      governance: { extends: ['msctl:recommended'] },
    },
    { lineWidth: 0 },
  );
  return [
    `# yaml-language-server: $schema=${SCHEMA_REFERENCE}`,
    '# The msctl workspace: the one source of truth of this system. Reference: `msctl schema`.',
    body,
  ].join('\n');
}

/**
 * Creates msctl.yaml, a .gitignore that keeps secrets out of git, and a README stub, under the workspace lock:
 * of two at once, one creates the workspace and the other is told it exists.
 */
export async function initWorkspace(options: InitWorkspaceOptions): Promise<InitWorkspaceResult> {
  const problem = validateProjectName(options.name);
  if (problem)
    throw new UserError(
      `Cannot use that project name: ${problem}.`,
      wording`Pass another one with ${option('name')}.`,
    );
  const registryProblem = options.registry === undefined ? undefined : validateRegistry(options.registry);
  if (registryProblem)
    throw new UserError(
      `Cannot use that registry: ${registryProblem}.`,
      wording`Pass another one with ${option('registry')}.`,
    );
  return withWorkspaceLock(options.directory, () => writeNewWorkspace(options), { purpose: 'msctl init' });
}

/** Refuses a folder that holds a workspace already (checked again under the lock when writing). */
export function assertNoWorkspace(directory: string): void {
  const file = path.join(path.resolve(directory), WORKSPACE_FILE);
  if (existsSync(file)) {
    throw new UserError(
      `${file} already exists.`,
      'This folder is a workspace already: add services with `create-service`, or init another folder.',
    );
  }
}

/** What `initWorkspace` writes, for a caller that holds the workspace lock already (create-service). */
export async function writeNewWorkspace(options: InitWorkspaceOptions): Promise<InitWorkspaceResult> {
  const directory = path.resolve(options.directory);
  const file = path.join(directory, WORKSPACE_FILE);
  assertNoWorkspace(directory);
  await makeDirectory(directory);
  const written: string[] = [];
  // "wx": never clobber a file that appeared since the check above.
  await writeFile(file, renderWorkspaceFile(options.name, options.registry), { flag: 'wx' });
  written.push(WORKSPACE_FILE);

  const gitignore = path.join(directory, '.gitignore');
  const existing = existsSync(gitignore) ? await readFile(gitignore, 'utf8') : '';
  const present = new Set(existing.split(/\r?\n/).map((line) => line.trim()));
  const missing = IGNORED.filter((entry) => !present.has(entry) && !present.has(entry.replace(/\/$/, '')));
  if (missing.length > 0) {
    const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
    await writeFile(gitignore, `${existing}${separator}${missing.join('\n')}\n`);
    written.push('.gitignore');
  }

  const readme = path.join(directory, 'README.md');
  if (!existsSync(readme)) {
    await writeFile(
      readme,
      `# ${options.name}\n\nA system of services managed with msctl; \`msctl.yaml\` describes it.\n\n` +
        '```sh\nnpx create-service <name>   # add a service\nmsctl up                    # run everything locally\n' +
        'msctl lint                  # check the API descriptions\n```\n',
    );
    written.push('README.md');
  }
  return { file, written };
}

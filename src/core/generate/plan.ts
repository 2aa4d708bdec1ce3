import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { WorkspaceConfig } from '../config/schema.js';
import { generateGithubWorkflow } from './ci/github.js';
import { GITLAB_ROOT_FILE, generateGitlabPipeline } from './ci/gitlab.js';
import type { CiProvider } from './ci/index.js';
import { COMPOSE_FILE, generateComposeFile } from './compose.js';
import { generateKubernetesFiles } from './index.js';
import { generatedState } from './provenance.js';
import { describeWriteFailure, type StageOptions, stageFiles } from './write-files.js';

export type GenerateKind = 'k8s' | 'ci' | 'compose';

/** What `generate all` covers: compose only where the workspace already has its compose.yaml (an opt-in). */
export const ALL_KINDS: readonly GenerateKind[] = ['k8s', 'ci'];

export interface GenerateRequest {
  kinds: readonly GenerateKind[];
  /** `generate all`: `kinds`, plus compose when the compose file exists. */
  all?: boolean | undefined;
  /** One provider for every service; by default each keeps the one whose file it has (none when it has none). */
  ci?: CiProvider | undefined;
  /** Overwrite files edited by hand. */
  force?: boolean | undefined;
}

/** What regeneration does to one file, and why. */
export interface GenerateFile {
  path: string;
  action: 'create' | 'update' | 'unchanged' | 'kept';
  reason: string;
  content: string;
}

export interface GeneratePlan {
  root: string;
  files: GenerateFile[];
  /** Something differs from what msctl.yaml gives: a file to write, or one kept because it was edited. */
  drift: boolean;
}

/**
 * Compares what msctl.yaml generates with what is on disk. A file is replaced only while it is as msctl
 * wrote it (its digest says so); a file edited by hand is kept and reported, unless `force`.
 */
export async function planGenerate(
  workspace: { root: string; config: WorkspaceConfig },
  request: GenerateRequest,
): Promise<GeneratePlan> {
  const read = async (file: string): Promise<string | undefined> => {
    const absolute = path.join(workspace.root, ...file.split('/'));
    return existsSync(absolute) ? readFile(absolute, 'utf8') : undefined;
  };
  const generated = new Map<string, string>();
  if (request.kinds.includes('k8s'))
    for (const entry of generateKubernetesFiles(workspace.config)) generated.set(...entry);
  if (request.kinds.includes('compose') || (request.all && (await read(COMPOSE_FILE)) !== undefined))
    for (const entry of generateComposeFile(workspace.config)) generated.set(...entry);
  let gitlabRoot: string | undefined;
  if (request.kinds.includes('ci')) {
    gitlabRoot = await read(GITLAB_ROOT_FILE);
    for (const name of Object.keys(workspace.config.services).sort()) {
      const provider = request.ci ?? (await providerOf(name, read));
      if (provider === 'github')
        for (const entry of generateGithubWorkflow(workspace.config, name)) generated.set(...entry);
      if (provider === 'gitlab') {
        for (const [file, content] of generateGitlabPipeline(workspace.config, name, gitlabRoot)) {
          if (file === GITLAB_ROOT_FILE) gitlabRoot = content;
          else generated.set(file, content);
        }
      }
    }
  }

  const files: GenerateFile[] = [];
  for (const [file, content] of [...generated].sort(([left], [right]) => left.localeCompare(right))) {
    files.push({
      path: file,
      content,
      ...decideRegeneration(await read(file), content, request.force ?? false),
    });
  }
  if (gitlabRoot !== undefined) {
    // The root pipeline is shared with the user: msctl only adds its includes, so it is always brought up to date.
    const current = await read(GITLAB_ROOT_FILE);
    files.push({
      path: GITLAB_ROOT_FILE,
      content: gitlabRoot,
      ...(current === undefined
        ? { action: 'create', reason: 'not found' }
        : current === gitlabRoot
          ? { action: 'unchanged', reason: 'up to date' }
          : { action: 'update', reason: 'includes a service pipeline it lacks' }),
    });
  }
  return { root: workspace.root, files, drift: files.some((file) => file.action !== 'unchanged') };
}

/** What to do with one generated file given what is on disk: only msctl's own, unedited output is replaced. */
export function decideRegeneration(
  current: string | undefined,
  content: string,
  force: boolean,
): Pick<GenerateFile, 'action' | 'reason'> {
  if (current === undefined) return { action: 'create', reason: 'not found' };
  if (current === content) return { action: 'unchanged', reason: 'up to date' };
  if (generatedState(current) === 'unchanged') return { action: 'update', reason: 'msctl.yaml changed' };
  return force
    ? { action: 'update', reason: 'edited by hand, overwritten (--force)' }
    : { action: 'kept', reason: 'edited by hand; --force overwrites it' };
}

/** The provider a service already uses, by the file it has. */
async function providerOf(
  name: string,
  read: (file: string) => Promise<string | undefined>,
): Promise<CiProvider> {
  if ((await read(`.github/workflows/${name}.yml`)) !== undefined) return 'github';
  if ((await read(`.gitlab/ci/${name}.yml`)) !== undefined) return 'gitlab';
  return 'none';
}

/** Writes the files the plan creates or updates, all staged first; returns their paths. */
export async function writeGeneratePlan(plan: GeneratePlan, options: StageOptions = {}): Promise<string[]> {
  const changes = plan.files.filter((file) => file.action === 'create' || file.action === 'update');
  try {
    const staged = await stageFiles(
      plan.root,
      changes.map((file) => [file.path, file.content] as const),
      options,
    );
    await staged.commit();
  } catch (error) {
    throw describeWriteFailure(error, plan.root);
  }
  return changes.map((file) => file.path);
}

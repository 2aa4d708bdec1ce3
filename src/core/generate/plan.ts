import { existsSync } from 'node:fs';
import { readdir, readFile, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { setServiceField } from '../config/edit.js';
import type { WorkspaceConfig } from '../config/schema.js';
import { generateGithubWorkflow } from './ci/github.js';
import { excludeFromRoot, GITLAB_ROOT_FILE, generateGitlabPipeline } from './ci/gitlab.js';
import { type CiProvider, generateWorkspaceCiFiles, workspacePipelineOf } from './ci/index.js';
import { COMPOSE_FILE, generateComposeFile } from './compose.js';
import { generateKubernetesFiles } from './index.js';
import { basePath, kindOfFile, listBases, ownershipOf, readBase } from './merge/base-store.js';
import { decideExtra, decideFile, type FileAction } from './merge/decide.js';
import { normaliseLineEndings } from './merge/line-endings.js';
import { generatedState } from './provenance.js';
import { describeWriteFailure, type StageOptions, stageFiles } from './write-files.js';

export type GenerateKind = 'k8s' | 'ci' | 'compose';

/** What `generate all` covers: compose only where the workspace already has its compose.yaml (an opt-in). */
export const ALL_KINDS: readonly GenerateKind[] = ['k8s', 'ci'];

export interface GenerateRequest {
  kinds: readonly GenerateKind[];
  /** `generate all`: `kinds`, plus compose when the compose file exists. */
  all?: boolean | undefined;
  /** One provider for every service, recorded in msctl.yaml; by default each keeps the one recorded there. */
  ci?: CiProvider | undefined;
  /** Overwrite files edited by hand (owned files excepted). */
  force?: boolean | undefined;
  /**
   * Without `images.registry` the overlays cannot name an image: `generate k8s` fails (exit 2, saying what to
   * add); create-service (`skip-overlays`) writes the rest and leaves the overlays as they are.
   */
  withoutRegistry?: 'fail' | 'skip-overlays' | undefined;
}

/** What regeneration does to one file, and why. */
export interface GenerateFile {
  path: string;
  action: FileAction;
  reason: string;
  /** What is written for create, update, merge and conflict. */
  content: string;
  /** Where the user's edits and msctl.yaml's changes collide. */
  conflicts: string[];
}

export interface GeneratePlan {
  root: string;
  files: GenerateFile[];
  /** Something differs from what msctl.yaml gives: missing, stale, edited or extra files. */
  drift: boolean;
  /** The output of this run, recorded as the next merge's base once written. */
  bases: Map<string, string>;
  /** Bases of files msctl no longer generates and that are gone (or deleted now). */
  forgotten: string[];
  /** msctl.yaml with each service's CI provider recorded, when that changes it. */
  config?: { file: string; source: string } | undefined;
}

/** The workspace as `planGenerate` needs it; `source` and `file` let it record CI providers in msctl.yaml. */
export interface GenerateWorkspace {
  /** Where the files go: the workspace folder, or `--out`. */
  root: string;
  config: WorkspaceConfig;
  /** The workspace folder, when `root` is another one: the CI provider of a service is read there. */
  workspaceRoot?: string | undefined;
  file?: string | undefined;
  source?: string | undefined;
}

/** Actions that write the file. */
export const writesFile = (file: GenerateFile): boolean =>
  file.action === 'create' ||
  file.action === 'update' ||
  file.action === 'merge' ||
  (file.action === 'conflict' && file.content !== '');

/** Actions the user must act on: the command exits 1. */
export const needsAttention = (file: GenerateFile): boolean =>
  file.action === 'conflict' || file.action === 'extra';

const reader = (root: string) => async (file: string) => {
  const absolute = path.join(root, ...file.split('/'));
  return existsSync(absolute) ? readFile(absolute, 'utf8') : undefined;
};

/**
 * Compares what msctl.yaml generates with what is on disk, file by file, and merges: an untouched file is
 * replaced, an edited one gets the new output merged in (three-way, against the last output), files msctl
 * generated and no longer does are deleted while untouched. Pure planning: nothing is written.
 */
export async function planGenerate(
  workspace: GenerateWorkspace,
  request: GenerateRequest,
): Promise<GeneratePlan> {
  const read = reader(workspace.root);
  const { generated, gitlabRoot, providers } = await generateAll(workspace, request, read);
  const files: GenerateFile[] = [];
  const bases = new Map<string, string>();
  for (const [file, content] of [...generated].sort(([left], [right]) => left.localeCompare(right))) {
    const base = await readBase(workspace.root, file);
    const decision = decideFile({
      path: file,
      generated: content,
      current: await read(file),
      base,
      force: request.force ?? false,
      owned: ownershipOf(workspace.config, file),
    });
    files.push({ path: file, ...decision });
    const keepsOldBase =
      decision.action === 'owned' || (decision.action === 'conflict' && decision.content === '');
    if (!keepsOldBase && (base === undefined || normaliseLineEndings(base) !== content))
      bases.set(file, content);
  }
  const forgotten: string[] = [];
  const kinds = generated.has(COMPOSE_FILE) ? [...request.kinds, 'compose' as const] : request.kinds;
  for (const file of await previouslyGenerated(workspace, kinds)) {
    if (generated.has(file) || ownershipOf(workspace.config, file).file) continue;
    if (skipsOverlays(workspace.config, request) && file.startsWith(OVERLAYS_FOLDER)) continue;
    const current = await read(file);
    const base = await readBase(workspace.root, file);
    if (current === undefined) {
      if (base !== undefined) forgotten.push(file);
      continue;
    }
    const decision = decideExtra(current, base);
    files.push({ path: file, ...decision });
    if (decision.action === 'delete' && base !== undefined) forgotten.push(file);
  }
  // A pipeline msctl deletes must leave the root pipeline too: GitLab refuses an include of a missing file.
  const deletedPipelines = files
    .filter((file) => file.action === 'delete' && file.path.startsWith('.gitlab/ci/'))
    .map((file) => file.path);
  const rootSource = gitlabRoot ?? (deletedPipelines.length > 0 ? await read(GITLAB_ROOT_FILE) : undefined);
  const root = rootSource === undefined ? undefined : excludeFromRoot(rootSource, deletedPipelines);
  if (root !== undefined && (gitlabRoot !== undefined || root !== rootSource))
    files.push(await planGitlabRoot(root, read));
  files.sort((left, right) => left.path.localeCompare(right.path));
  return {
    root: workspace.root,
    files,
    drift: files.some((file) => file.action !== 'unchanged' && file.action !== 'owned'),
    bases,
    forgotten,
    config: recordProviders(workspace, providers),
  };
}

const OVERLAYS_FOLDER = 'k8s/overlays/';

const skipsOverlays = (config: WorkspaceConfig, request: GenerateRequest): boolean =>
  request.withoutRegistry === 'skip-overlays' && !config.images.registry;

async function generateAll(
  workspace: GenerateWorkspace,
  request: GenerateRequest,
  read: (file: string) => Promise<string | undefined>,
) {
  const generated = new Map<string, string>();
  const providers = new Map<string, CiProvider>();
  if (request.kinds.includes('k8s')) {
    const overlays = !skipsOverlays(workspace.config, request);
    for (const entry of generateKubernetesFiles(workspace.config, { overlays })) generated.set(...entry);
  }
  if (request.kinds.includes('compose') || (request.all && (await read(COMPOSE_FILE)) !== undefined))
    for (const entry of generateComposeFile(workspace.config)) generated.set(...entry);
  let gitlabRoot: string | undefined;
  if (request.kinds.includes('ci')) {
    const readSource = workspace.workspaceRoot ? reader(workspace.workspaceRoot) : read;
    gitlabRoot = await read(GITLAB_ROOT_FILE);
    let usesGitlab = false;
    for (const name of Object.keys(workspace.config.services).sort()) {
      const provider =
        request.ci ?? workspace.config.services[name]?.ci ?? (await providerOf(name, readSource));
      // Recorded in msctl.yaml when asked for, or found by its file; a service with no pipeline stays as written.
      if (request.ci !== undefined || provider !== 'none') providers.set(name, provider);
      if (provider === 'github')
        for (const entry of generateGithubWorkflow(workspace.config, name)) generated.set(...entry);
      if (provider === 'gitlab') {
        usesGitlab = true;
        for (const [file, content] of generateGitlabPipeline(workspace.config, name, gitlabRoot)) {
          if (file === GITLAB_ROOT_FILE) gitlabRoot = content;
          else generated.set(file, content);
        }
      }
    }
    // The workspace gates and the Renovate configuration, once for each provider some service uses.
    const used = [...new Set(providers.values())]
      .filter((provider): provider is 'github' | 'gitlab' => provider !== 'none')
      .sort();
    // Every pipeline msctl writes, whichever provider: Renovate reads only one of the configurations.
    const pipelines = [
      ...[...generated.keys()].filter((file) => /^\.(github\/workflows|gitlab\/ci)\//.test(file)),
      ...used.map(workspacePipelineOf),
    ];
    for (const provider of used) {
      for (const [file, content] of generateWorkspaceCiFiles(provider, workspace.config, pipelines, {
        gitlabRoot,
      })) {
        if (file === GITLAB_ROOT_FILE) gitlabRoot = content;
        else generated.set(file, content);
      }
    }
    // The root pipeline is the user's: msctl only adds includes to it, and only while some service uses GitLab.
    if (!usesGitlab) gitlabRoot = undefined;
  }
  return { generated, gitlabRoot, providers };
}

async function planGitlabRoot(
  content: string,
  read: (file: string) => Promise<string | undefined>,
): Promise<GenerateFile> {
  const current = await read(GITLAB_ROOT_FILE);
  const file = { path: GITLAB_ROOT_FILE, content, conflicts: [] };
  if (current === undefined) return { ...file, action: 'create', reason: 'not found' };
  if (current === content) return { ...file, action: 'unchanged', reason: 'up to date' };
  return { ...file, action: 'update', reason: 'brings its includes in line with the service pipelines' };
}

/**
 * What msctl generated before: the files with a base, and (for workspaces from before bases were kept)
 * files that carry a digest where msctl writes.
 */
async function previouslyGenerated(
  workspace: GenerateWorkspace,
  kinds: readonly GenerateKind[],
): Promise<string[]> {
  const found = new Set(await listBases(workspace.root));
  const folders = ['.github/workflows', '.gitlab/ci', 'k8s'];
  for (const service of Object.values(workspace.config.services))
    folders.push(`${service.path.replace(/\\/g, '/').replace(/\/+$/, '')}/k8s`);
  for (const folder of folders) {
    const absolute = path.join(workspace.root, ...folder.split('/'));
    if (!existsSync(absolute)) continue;
    for (const entry of await readdir(absolute, { withFileTypes: true })) {
      if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
      const text = await readFile(path.join(absolute, entry.name), 'utf8');
      if (generatedState(normaliseLineEndings(text)) !== 'not-generated')
        found.add(`${folder}/${entry.name}`);
    }
  }
  return [...found].filter((file) => kinds.includes(kindOfFile(file))).sort();
}

/** The provider a service used before providers were recorded in msctl.yaml, by the file it has. */
async function providerOf(
  name: string,
  read: (file: string) => Promise<string | undefined>,
): Promise<CiProvider> {
  if ((await read(`.github/workflows/${name}.yml`)) !== undefined) return 'github';
  if ((await read(`.gitlab/ci/${name}.yml`)) !== undefined) return 'gitlab';
  return 'none';
}

function recordProviders(workspace: GenerateWorkspace, providers: Map<string, CiProvider>) {
  if (!workspace.file || workspace.source === undefined) return undefined;
  let source = workspace.source;
  for (const [name, provider] of providers)
    if (workspace.config.services[name]?.ci !== provider)
      source = setServiceField(source, name, 'ci', provider);
  return source === workspace.source ? undefined : { file: workspace.file, source };
}

/** Deletes a file, then the folders it leaves empty (a removed service's `k8s/`), never the root itself. */
async function removeWithEmptyFolders(root: string, file: string): Promise<void> {
  await rm(path.join(root, ...file.split('/')), { force: true });
  for (let folder = path.posix.dirname(file); folder !== '.'; folder = path.posix.dirname(folder)) {
    const removed = await rmdir(path.join(root, ...folder.split('/'))).then(
      () => true,
      () => false,
    );
    if (!removed) return;
  }
}

/**
 * Writes what the plan changes, all staged first: files, their new bases, deletions, and msctl.yaml (with
 * the recorded CI providers) last. Returns the paths written or deleted.
 */
export async function writeGeneratePlan(plan: GeneratePlan, options: StageOptions = {}): Promise<string[]> {
  const changes = plan.files.filter(writesFile);
  const deletions = plan.files.filter((file) => file.action === 'delete');
  try {
    const staged = await stageFiles(
      plan.root,
      [
        ...changes.map((file) => [file.path, file.content] as const),
        ...[...plan.bases].map(([file, content]) => [basePath(file), content] as const),
      ],
      options,
    );
    await staged.commit();
    for (const file of [...deletions.map((entry) => entry.path), ...plan.forgotten.map(basePath)])
      await removeWithEmptyFolders(plan.root, file);
    if (plan.config) {
      const config = await stageFiles(
        path.dirname(plan.config.file),
        [[path.basename(plan.config.file), plan.config.source]],
        options,
      );
      await config.commit();
    }
  } catch (error) {
    throw describeWriteFailure(error, plan.root);
  }
  return [...changes, ...deletions].map((file) => file.path).sort();
}

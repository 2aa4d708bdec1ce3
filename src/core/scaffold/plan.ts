import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { addServiceToWorkspace } from '../config/edit.js';
import { validateWorkspaceEdit, WORKSPACE_FILE } from '../config/load.js';
import { option, UserError, wording } from '../errors.js';
import { GITLAB_ROOT_FILE } from '../generate/ci/gitlab.js';
import { type CiProvider, generateCiFiles } from '../generate/ci/index.js';
import { generateWorkspaceManifests } from '../generate/k8s/index.js';
import { ownershipOf, readBase } from '../generate/merge/base-store.js';
import { decideFile } from '../generate/merge/decide.js';
import { assertServiceName } from './names.js';
import { type RenderedFiles, renderService, type ServiceAnswers } from './render.js';
import { suggestPort, type WorkspaceTarget } from './workspace-target.js';

export interface CreateServiceRequest {
  templateId: string;
  answers: ServiceAnswers;
  ci: CiProvider;
  /** Overwrite files that exist (others in the service folder are kept). */
  force?: boolean;
  templatesDirectory?: string;
}

/** One file the plan writes, relative to the workspace root. */
export interface PlannedFile {
  path: string;
  size: number;
  action: 'create' | 'overwrite' | 'update';
}

/** Everything create-service will write, computed before anything is written. */
export interface CreateServicePlan {
  workspace: WorkspaceTarget;
  service: { name: string; path: string; template: string; templateVersion: string; port: number };
  /** The service folder's files, relative to it. */
  serviceFiles: RenderedFiles;
  /** Files outside the service folder (msctl.yaml, CI), relative to the workspace root. */
  workspaceFiles: Map<string, string>;
  addedInfra: string[];
  force: boolean;
  files: PlannedFile[];
  /** Things the user should know that are not problems, e.g. manifests of other services now out of date. */
  notes: string[];
}

/** Computes every file of a new service and every change to the workspace, refusing what would clobber. */
export async function planCreateService(
  workspace: WorkspaceTarget,
  request: CreateServiceRequest,
): Promise<CreateServicePlan> {
  const { answers } = request;
  const force = request.force ?? false;
  assertServiceName(answers.name);
  const problems: string[] = [];
  const existing = workspace.config.services[answers.name];
  if (existing && !force)
    problems.push(`msctl.yaml already has a service "${answers.name}" (at ${existing.path}).`);
  if (workspace.config.infra[answers.name]) {
    problems.push(`msctl.yaml already has infra named "${answers.name}"; a service needs another name.`);
  }
  const portOwner = Object.entries(workspace.config.services).find(
    ([name, service]) => name !== answers.name && service.port === answers.port,
  );
  if (portOwner) {
    throw new UserError(
      `Port ${answers.port} is already used by the service "${portOwner[0]}" in msctl.yaml.`,
      wording`Pass another ${option('port')}; ${suggestPort(workspace.config, answers.port)} is free.`,
    );
  }

  const rendered = await renderService(request.templateId, answers, workspace.config, {
    ...(request.templatesDirectory && { templatesDirectory: request.templatesDirectory }),
  });
  const servicePath = rendered.registration.service.path;
  const serviceDirectory = path.join(workspace.root, servicePath);
  if (existsSync(serviceDirectory)) {
    if (!statSync(serviceDirectory).isDirectory())
      problems.push(`${servicePath} exists and is not a folder.`);
    else if (readdirSync(serviceDirectory).length > 0 && !force)
      problems.push(`${servicePath} is not empty.`);
  }

  const gitlabRootFile = path.join(workspace.root, GITLAB_ROOT_FILE);
  const ciFiles = generateCiFiles(request.ci, rendered.workspace, answers.name, {
    gitlabRoot:
      request.ci === 'gitlab' && existsSync(gitlabRootFile)
        ? await readFile(gitlabRootFile, 'utf8')
        : undefined,
  });
  for (const file of ciFiles.keys()) {
    if (file !== GITLAB_ROOT_FILE && existsSync(path.join(workspace.root, file)) && !force) {
      problems.push(`${file} exists.`);
    }
  }
  if (problems.length > 0) {
    throw new UserError(
      problems.join('\n'),
      wording`Choose another name, or pass ${option('force')} to overwrite the files the template writes (other files are kept).`,
    );
  }

  const workspaceSource = addServiceToWorkspace(workspace.source, {
    name: answers.name,
    // Recorded, so that `msctl generate ci` keeps (and `--check` expects) this service's pipeline.
    service: { ...rendered.registration.service, ci: request.ci },
    infra: rendered.registration.infra,
    replace: force,
  });
  // The edited file must load as any command would load it; a bug here must not reach the user's workspace.
  validateWorkspaceEdit(workspace.file, workspaceSource);

  const workspaceFiles = new Map<string, string>([[WORKSPACE_FILE, workspaceSource], ...ciFiles]);
  const notes: string[] = [];
  // The workspace kustomization lists every service: brought up to date unless the user edited it.
  // The overlays need the registry; without one, `msctl generate k8s` says what to add.
  const overlays = { overlays: rendered.workspace.images.registry !== undefined };
  for (const [file, content] of generateWorkspaceManifests(rendered.workspace, overlays)) {
    const absolute = path.join(workspace.root, file);
    const current = existsSync(absolute) ? await readFile(absolute, 'utf8') : undefined;
    const decision = decideFile({
      path: file,
      generated: content,
      current,
      base: await readBase(workspace.root, file),
      force: false,
      owned: ownershipOf(rendered.workspace, file),
    });
    if (decision.action === 'create' || decision.action === 'update')
      workspaceFiles.set(file, decision.content);
    else if (decision.action !== 'unchanged') {
      // Merged after writing, with every other generated file (regenerateAfterChange).
      notes.push(
        `${file} was edited by hand: the new service is merged into it once the service is written.`,
      );
    }
  }
  const files: PlannedFile[] = [];
  for (const [file, content] of rendered.files) {
    const relative = `${servicePath}/${file}`;
    files.push({
      path: relative,
      size: sizeOf(content),
      action: actionFor(workspace.root, relative, 'overwrite'),
    });
  }
  for (const [file, content] of workspaceFiles) {
    files.push({ path: file, size: sizeOf(content), action: actionFor(workspace.root, file, 'update') });
  }
  files.sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0));
  const upstream = rendered.context.service.dependsOn.filter((dependency) => dependency.kind === 'service');
  notes.push(
    ...upstream.map(
      (dependency) =>
        `The NetworkPolicy of "${dependency.name}" is regenerated to let "${answers.name}" in (merged with any edits).`,
    ),
  );
  return {
    workspace,
    service: {
      name: answers.name,
      path: servicePath,
      template: rendered.template.id,
      templateVersion: rendered.template.manifest.version,
      port: answers.port,
    },
    serviceFiles: rendered.files,
    workspaceFiles,
    addedInfra: Object.keys(rendered.registration.infra),
    force,
    files,
    notes,
  };
}

const sizeOf = (content: Buffer | string): number =>
  typeof content === 'string' ? Buffer.byteLength(content) : content.length;

function actionFor(root: string, file: string, whenPresent: 'overwrite' | 'update'): PlannedFile['action'] {
  return existsSync(path.join(root, file)) ? whenPresent : 'create';
}

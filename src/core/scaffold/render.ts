import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { infraSchema, serviceSchema, type WorkspaceConfig, type WorkspaceInput } from '../config/schema.js';
import { option, UserError, wording } from '../errors.js';
import {
  defaultInfraVersion,
  type ResolvedDependency,
  resolveDependencies,
} from '../generate/dependencies.js';
import { generateServiceManifests } from '../generate/k8s/index.js';
import { createHandlebars } from './helpers.js';
import { assertServiceName, camelCase, constantCase, pascalCase } from './names.js';
import type { TemplateManifest } from './template-manifest.js';
import { findTemplatesDirectory, resolveTemplate, type TemplateSource } from './templates.js';

/** What the user chose for the new service. */
export interface ServiceAnswers {
  name: string;
  port: number;
  description: string;
  /** Services and infra it needs; infra kinds not yet in the workspace are added. */
  dependsOn?: readonly string[] | undefined;
  /** Values for the template's variables; the rest take their defaults. */
  vars?: Readonly<Record<string, string>> | undefined;
  health?: { liveness: string; readiness: string } | undefined;
}

/** The Handlebars context: the contract between the engine and every template. */
export interface RenderContext {
  service: {
    name: string;
    namePascal: string;
    nameCamel: string;
    nameConstant: string;
    port: number;
    description: string;
    dependsOn: ResolvedDependency[];
    needsPostgres: boolean;
    health: { liveness: string; readiness: string };
  };
  workspace: { name: string; registry: string | null; baseImages: Record<string, string> };
  template: { id: string; version: string };
  vars: Record<string, string>;
}

export interface RenderOptions {
  /** Where template folders are; the package's own `templates/` by default. */
  templatesDirectory?: string;
}

/** The rendered files of a service, keyed by POSIX path relative to the service folder, in sorted order. */
export type RenderedFiles = Map<string, Buffer | string>;

/** Where create-service puts services, relative to the workspace root, unless the workspace has its own. */
export const SERVICES_FOLDER = 'services';

/** The folder the workspace's services share (e.g. `apps`), so that a new one lands beside them. */
export function servicesFolderOf(workspace: Pick<WorkspaceConfig, 'services'>): string {
  const parents = new Set(
    Object.values(workspace.services).map((service) =>
      service.path.replace(/\\/g, '/').split('/').slice(0, -1).join('/'),
    ),
  );
  const [only] = parents;
  return parents.size === 1 && only ? only : SERVICES_FOLDER;
}

type ServiceInput = NonNullable<WorkspaceInput['services']>[string];
type InfraInput = NonNullable<WorkspaceInput['infra']>[string];

/** What create-service records in msctl.yaml for a new service, and the infra it adds. */
export interface ServiceRegistration {
  name: string;
  service: ServiceInput;
  infra: Record<string, InfraInput>;
}

/** A rendered service: its files, and how it will be registered in msctl.yaml. */
export interface RenderedService {
  template: TemplateSource;
  context: RenderContext;
  files: RenderedFiles;
  registration: ServiceRegistration;
  /** The workspace once the service is registered. */
  workspace: WorkspaceConfig;
}

/**
 * Renders a template for the given answers: pure, no writes; the same inputs give byte-identical files. The
 * Kubernetes manifests of the service are added under `k8s/`.
 */
export async function renderTemplate(
  templateId: string,
  answers: ServiceAnswers,
  workspace: WorkspaceConfig,
  options: RenderOptions = {},
): Promise<RenderedFiles> {
  return (await renderService(templateId, answers, workspace, options)).files;
}

/** renderTemplate, plus the registration and the workspace it projects: what create-service plans with. */
export async function renderService(
  templateId: string,
  answers: ServiceAnswers,
  workspace: WorkspaceConfig,
  options: RenderOptions = {},
): Promise<RenderedService> {
  const template = await resolveTemplate(templateId, options.templatesDirectory ?? findTemplatesDirectory());
  const context = buildRenderContext(template.manifest, answers, workspace);
  const files = await renderFiles(template, context);
  const registration = buildServiceRegistration(
    template.manifest,
    context,
    files,
    servicesFolderOf(workspace),
  );
  const projected = projectWorkspace(workspace, registration);
  for (const [file, content] of generateServiceManifests(projected, answers.name)) {
    if (!files.has(`k8s/${file}`)) files.set(`k8s/${file}`, content);
  }
  return {
    template,
    context,
    files: new Map([...files].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))),
    registration,
    workspace: projected,
  };
}

async function renderFiles(template: TemplateSource, context: RenderContext): Promise<RenderedFiles> {
  const handlebars = createHandlebars();
  const filesDirectory = path.join(template.directory, 'files');
  const files: RenderedFiles = new Map();
  for (const relativePath of await listFiles(filesDirectory)) {
    const source = path.join(filesDirectory, relativePath);
    const target = outputPath(relativePath);
    if (files.has(target)) throw new Error(`template ${template.id}: two files render to ${target}`);
    if (relativePath.endsWith('.hbs')) {
      const text = await readFile(source, 'utf8');
      try {
        files.set(target, handlebars.compile(text, { noEscape: true, strict: true })(context));
      } catch (error) {
        throw new Error(`template ${template.id}: ${relativePath}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    } else {
      files.set(target, await readFile(source));
    }
  }
  return files;
}

/** The msctl.yaml entry of a rendered service: the manifests and pipelines are generated from it. */
export function buildServiceRegistration(
  manifest: TemplateManifest,
  context: RenderContext,
  files: ReadonlyMap<string, unknown>,
  servicesFolder: string = SERVICES_FOLDER,
): ServiceRegistration {
  const { service } = context;
  const dependsOn = service.dependsOn.map((dependency) => dependency.name);
  const infra = Object.fromEntries(
    service.dependsOn.flatMap(({ name, infraKind, isNew }) =>
      isNew && infraKind ? [[name, { kind: infraKind, version: defaultInfraVersion(infraKind) }]] : [],
    ),
  );
  return {
    name: service.name,
    service: {
      path: `${servicesFolder}/${service.name}`,
      template: manifest.id,
      templateVersion: manifest.version,
      runtime: manifest.runtime,
      ...(service.description.trim() !== '' && { description: service.description }),
      port: service.port,
      ...(files.has('openapi.yaml') && { api: 'openapi.yaml' }),
      ...(dependsOn.length > 0 && { dependsOn }),
      // Explicit, so that the HorizontalPodAutoscaler the manifests carry is visible where it is configured.
      replicas: { min: 2, max: 5, targetCPUUtilization: 70 },
    },
    infra,
  };
}

/** The workspace as it will be once the service is registered (defaults applied). */
export function projectWorkspace(
  workspace: WorkspaceConfig,
  registration: ServiceRegistration,
): WorkspaceConfig {
  const infra = { ...workspace.infra };
  for (const [name, entry] of Object.entries(registration.infra)) infra[name] ??= infraSchema.parse(entry);
  return {
    ...workspace,
    services: { ...workspace.services, [registration.name]: serviceSchema.parse(registration.service) },
    infra,
  };
}

/** Builds the context every template renders with; refuses names, ports and variables that cannot work. */
export function buildRenderContext(
  manifest: TemplateManifest,
  answers: ServiceAnswers,
  workspace: WorkspaceConfig,
): RenderContext {
  assertServiceName(answers.name);
  if (!Number.isInteger(answers.port) || answers.port < 1 || answers.port > 65535) {
    throw new UserError(
      `Port ${answers.port} is not a TCP port.`,
      wording`Pass ${option('port')} with a number from 1 to 65535.`,
    );
  }
  const declared = new Map(manifest.variables.map((variable) => [variable.name, variable.default]));
  for (const name of Object.keys(answers.vars ?? {})) {
    if (!declared.has(name)) {
      throw new UserError(
        `Template ${manifest.id} has no variable "${name}".`,
        `Its variables: ${[...declared.keys()].join(', ') || '(none)'}.`,
      );
    }
  }
  const dependsOn = resolveDependencies(answers.dependsOn ?? [], workspace);
  return {
    service: {
      name: answers.name,
      namePascal: pascalCase(answers.name),
      nameCamel: camelCase(answers.name),
      nameConstant: constantCase(answers.name),
      port: answers.port,
      description: answers.description,
      dependsOn,
      needsPostgres: dependsOn.some((dependency) => dependency.infraKind === 'postgres'),
      health: answers.health ?? { liveness: '/healthz', readiness: '/readyz' },
    },
    workspace: {
      name: workspace.name,
      registry: workspace.images.registry ?? null,
      baseImages: workspace.images.base,
    },
    template: { id: manifest.id, version: manifest.version },
    vars: Object.fromEntries([...declared].map(([name, value]) => [name, answers.vars?.[name] ?? value])),
  };
}

/** `_gitignore` -> `.gitignore`, `__init__.py` -> `_init__.py`, `x.ts.hbs` -> `x.ts`, in every segment. */
export function outputPath(templatePath: string): string {
  return templatePath
    .replace(/\.hbs$/, '')
    .split('/')
    .map((segment) => (segment.startsWith('__') ? segment.slice(1) : segment.replace(/^_/, '.')))
    .join('/');
}

async function listFiles(directory: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(directory, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const relativePath = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(directory, relativePath)));
    else if (entry.isFile()) files.push(relativePath);
    // Symbolic links would let a template reach outside its folder; templates are plain files.
    else throw new Error(`template file ${relativePath} is not a regular file`);
  }
  return files;
}

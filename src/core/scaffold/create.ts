import { STRING_LIMITS, serviceNameProblem } from '../config/schema.js';
import { UserError } from '../errors.js';
import type { CiProvider } from '../generate/ci/index.js';
import type { GenerateFile } from '../generate/plan.js';
import { regenerateAfterChange } from '../generate/regenerate.js';
import { withWorkspaceLock } from '../workspace/lock.js';
import { assertServiceName } from './names.js';
import { type CreateServicePlan, planCreateService } from './plan.js';
import {
  type FindWorkspaceTargetOptions,
  findWorkspaceTarget,
  locateWorkspaceTarget,
  suggestPort,
} from './workspace-target.js';
import { type CreateServiceResult, writeCreateServicePlan } from './write.js';

/** Everything needed to add a service to a workspace, as the CLI and the MCP server give it. */
export interface CreateServiceInWorkspaceRequest extends FindWorkspaceTargetOptions {
  name: string;
  templateId: string;
  /** A port asked for explicitly: refused if a service has it by the time of writing. Without it, the first free one. */
  port?: number | undefined;
  description?: string | undefined;
  dependsOn?: readonly string[] | undefined;
  ci: CiProvider;
  /** Overwrite files that exist (others in the service folder are kept). */
  force?: boolean | undefined;
  /** Plan only: nothing is written and no lock is taken. */
  dryRun?: boolean | undefined;
  /** Ctrl-C: stops waiting for the lock, or writing, with nothing written. */
  signal?: AbortSignal | undefined;
  templatesDirectory?: string | undefined;
}

export interface CreateServiceOutcome {
  plan: CreateServicePlan;
  /** What was written; undefined for a dry run. */
  result: CreateServiceResult | undefined;
  /**
   * Generated files of the workspace brought up to date after msctl.yaml changed (e.g. the NetworkPolicy of a
   * dependency, which now admits the new service), through the same merge as `msctl generate all`; what did
   * not change is left out. Empty for a dry run.
   */
  regenerated: GenerateFile[];
}

/** A lock taken for one folder while msctl.yaml turned up in another is taken again, a bounded number of times. */
const MAX_ATTEMPTS = 3;

/**
 * Finds the workspace, plans the service and writes it. Writing happens under the workspace lock, and msctl.yaml
 * is read again and the plan made again under it, so that concurrent writers (processes, or calls in one MCP
 * server) land one after the other: a port that was not asked for is chosen then, and one that was asked for and
 * is taken by then is refused with nothing written.
 */
export async function createServiceInWorkspace(
  request: CreateServiceInWorkspaceRequest,
): Promise<CreateServiceOutcome> {
  assertRequest(request);
  if (request.dryRun) return { plan: await planFor(request), result: undefined, regenerated: [] };
  for (let attempt = 1; ; attempt += 1) {
    const { root } = locateWorkspaceTarget(request);
    const outcome = await withWorkspaceLock(
      root,
      async (lost) => {
        // Another writer may have created a workspace above this folder while this one waited.
        if (locateWorkspaceTarget(request).root !== root && attempt < MAX_ATTEMPTS) return undefined;
        const plan = await planFor(request);
        const signal = request.signal ? AbortSignal.any([request.signal, lost]) : lost;
        const result = await writeCreateServicePlan(plan, { signal });
        const regeneration = await regenerateAfterChange(result.root, signal);
        const regenerated = regeneration.files.filter(
          (file) => file.action !== 'unchanged' && !result.written.includes(file.path),
        );
        return { plan, result, regenerated };
      },
      { purpose: `create service ${request.name}`, signal: request.signal },
    );
    if (outcome) return outcome;
  }
}

/** Refuses what msctl.yaml could not hold before anything is read or locked; the names are the schema's rule. */
function assertRequest(request: CreateServiceInWorkspaceRequest): void {
  assertServiceName(request.name);
  const description = request.description ?? '';
  if (description.length > STRING_LIMITS.description) {
    throw new UserError(
      `The description is ${description.length} characters long; at most ${STRING_LIMITS.description} are allowed.`,
      'Shorten it to a sentence or two that say what the service is for.',
    );
  }
  for (const dependency of request.dependsOn ?? []) {
    const problem = serviceNameProblem(dependency);
    if (problem)
      throw new UserError(
        `Cannot depend on that: ${problem}`,
        'Name a service or infra of the workspace, or an infra kind (postgres, redis, rabbitmq).',
      );
  }
  if (request.templateId.length > STRING_LIMITS.version) {
    throw new UserError(
      `The template id is ${request.templateId.length} characters long; at most ${STRING_LIMITS.version} are allowed.`,
      'Name one of the installed templates, e.g. node-fastify.',
    );
  }
}

async function planFor(request: CreateServiceInWorkspaceRequest): Promise<CreateServicePlan> {
  const target = await findWorkspaceTarget(request);
  return planCreateService(target, {
    templateId: request.templateId,
    answers: {
      name: request.name,
      port: request.port ?? suggestPort(target.config),
      description: request.description ?? '',
      dependsOn: [...(request.dependsOn ?? [])],
    },
    ci: request.ci,
    force: request.force ?? false,
    ...(request.templatesDirectory && { templatesDirectory: request.templatesDirectory }),
  });
}

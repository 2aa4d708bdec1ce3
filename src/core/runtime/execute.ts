import os from 'node:os';
import type Docker from 'dockerode';
import pLimit from 'p-limit';
import { CancelledError, ExitCode, UserError } from '../errors.js';
import type { BuildContext } from './build-context.js';
import { collapseRepeats } from './collapse-repeats.js';
import { configHash, labelledCreateOptions } from './container-spec.js';
import { removeContainer } from './containers.js';
import type { DesiredState } from './desired.js';
import { buildImage, type ImageEvent, ImageFailedError, pullImage } from './images.js';
import { containerLogLines } from './logs.js';
import type { ContainerStep, UpPlan } from './plan.js';
import { findPortConflicts, isPortTaken, keepHostPorts } from './ports.js';
import { waitUntilReady } from './readiness.js';

const REPORTED_LOG_LINES = 30;

/**
 * Progress of `up`, for the command to render; the core itself never prints, nor knows who listens.
 * In order for one node: `step` (build or pull), `build-progress`…, `image-ready`, `step` (its container),
 * `waiting` for each dependency not ready yet, `started`, then `ready` or `failed` (or `blocked`).
 */
export type UpEvent =
  | ImageEvent
  | { type: 'waiting'; node: string; for: string }
  | { type: 'started'; node: string; action: ContainerStep['action'] }
  | { type: 'ready'; node: string; seconds: number; url?: string | undefined }
  /** `reason` is one short line; the full report is the error that `up` throws. */
  | { type: 'failed'; node: string; reason: string }
  /** Never started because a dependency failed. */
  | { type: 'blocked'; node: string; by: string }
  | { type: 'removed'; name: string; cause: string };

export interface ExecuteOptions {
  docker: Docker;
  /** Build contexts read while planning, by service. */
  contexts: ReadonlyMap<string, BuildContext>;
  /** Seconds each container may take to become ready. */
  timeoutSeconds: number;
  /** BuildKit through the API (the engine's session endpoint), or the legacy builder. */
  builder: 'buildkit' | 'legacy';
  /** The engine runs on this machine: free host ports can be checked here. */
  localEngine: boolean;
  signal?: AbortSignal | undefined;
  onEvent?: ((event: UpEvent) => void) | undefined;
}

export interface UpResult {
  containers: { node: string; id: string; action: ContainerStep['action'] }[];
}

/** Why a service never became ready: exit 1, naming that service (not its dependents). */
export class NotReadyError extends UserError {
  override readonly name = 'NotReadyError';
  constructor(
    readonly failures: {
      node: string;
      blocks: string[];
      lastProbe: string;
      logs: string[];
      reason: string;
    }[],
    timeoutSeconds: number,
  ) {
    super(
      failures
        .map((failure) =>
          [
            failure.reason === 'exited'
              ? `${failure.node} stopped before it became ready.`
              : `${failure.node} did not become ready within ${timeoutSeconds} s.`,
            failure.blocks.length > 0 ? `It blocks: ${failure.blocks.join(', ')}.` : undefined,
            `Last check: ${failure.lastProbe}`,
            failure.logs.length > 0
              ? `Last ${failure.logs.length} log lines of ${failure.node}:\n${failure.logs.map((line) => `  ${line}`).join('\n')}`
              : `${failure.node} wrote no log lines.`,
          ]
            .filter(Boolean)
            .join('\n'),
        )
        .join('\n\n'),
      notReadyHint(failures),
      ExitCode.problemsFound,
    );
  }
}

/** What to do next, for the failures at hand: more time helps a slow starter, not a container that exited. */
function notReadyHint(failures: NotReadyError['failures']): string {
  const first = failures[0]?.node ?? '';
  const timedOut = failures.some((failure) => failure.reason !== 'exited');
  return `Fix what the log shows, then run \`msctl up\` again; \`msctl logs ${first}\` shows more${timedOut ? ', `--timeout` gives slow starters longer' : ''}.`;
}

class DependencyFailed extends Error {
  constructor(readonly dependency: string) {
    super(`${dependency} failed`);
  }
}

/** One short line for the failed node's row; the error itself is the report. */
function emitFailure(node: string, error: unknown, emit: (event: UpEvent) => void): void {
  if (error instanceof CancelledError) return;
  if (error instanceof DependencyFailed) {
    emit({ type: 'blocked', node, by: error.dependency });
    return;
  }
  const reason =
    error instanceof ServiceNotReady
      ? error.failure.reason === 'exited'
        ? 'stopped before it became ready'
        : 'did not become ready'
      : error instanceof ImageFailedError
        ? error.summary
        : ((error as Error).message ?? String(error)).split('\n')[0]?.replace(/[.:]$/, '');
  emit({ type: 'failed', node, reason: reason ?? 'failed' });
}

type Failure = NotReadyError['failures'][number];

/** One service that did not become ready: collected, then reported together as a NotReadyError. */
class ServiceNotReady extends Error {
  constructor(readonly failure: Failure) {
    super(`${failure.node} is not ready`);
  }
}

type Started = { node: string; id: string; action: ContainerStep['action'] };
type Prepared = Started & { needsStart: boolean; withoutKeptPorts?: () => Promise<string> };

/** Carries out a plan: images, network, volumes, then containers in dependency order, each waited for. */
export async function executeUp(
  plan: UpPlan,
  desired: DesiredState,
  options: ExecuteOptions,
): Promise<UpResult> {
  assertRunnable(plan);
  await assertPortsFree(plan, options);
  const emit = options.onEvent ?? (() => undefined);
  const resources = createResources(plan, desired, options, emit);
  const images = produceImages(plan, options, emit);
  const results = new Map<string, Promise<Started>>();
  const ready = new Set<string>();
  for (const step of plan.containers) {
    // Creating needs the network and the image, not the dependencies: it overlaps the levels before it.
    const created = (async () => {
      await resources;
      await images.get(step.node);
      if (options.signal?.aborted) throw new CancelledError();
      return prepareContainer(step, plan.network.name, options, emit);
    })();
    created.catch(() => undefined);
    const task = (async () => {
      try {
        const container = await created;
        for (const dependency of step.desired.dependsOn) {
          const result = results.get(dependency);
          if (result && !ready.has(dependency)) emit({ type: 'waiting', node: step.node, for: dependency });
          await result?.catch(() => {
            throw new DependencyFailed(dependency);
          });
        }
        const started = await startAndWait(step, container, plan, desired, options, emit);
        ready.add(step.node);
        return started;
      } catch (error) {
        emitFailure(step.node, error, emit);
        throw error;
      }
    })();
    task.catch(() => undefined);
    results.set(step.node, task);
  }
  const settled = await Promise.allSettled([...results.values()]);
  const errors = settled.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as unknown] : [],
  );
  if (options.signal?.aborted || errors.some((error) => error instanceof CancelledError)) {
    throw new CancelledError();
  }
  const failures = errors.flatMap((error) => (error instanceof ServiceNotReady ? [error.failure] : []));
  if (failures.length > 0) throw new NotReadyError(failures, options.timeoutSeconds);
  const root = errors.find((error) => !(error instanceof DependencyFailed));
  if (root) throw engineRefusal(root);
  return { containers: settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])) };
}

/** The engine said no (HTTP 4xx/5xx): an expected failure with the engine's own words, not a bug. */
function engineRefusal(error: unknown): unknown {
  const status = (error as { statusCode?: number }).statusCode;
  if (error instanceof UserError || typeof status !== 'number') return error;
  const reason = (error as { json?: { message?: string } }).json?.message ?? (error as Error).message;
  return new UserError(
    `The Docker engine refused a request (HTTP ${status}): ${reason}`,
    'Check what the engine says above; `msctl up --dry-run` shows the plan, `msctl doctor` the engine.',
  );
}

async function assertPortsFree(plan: UpPlan, options: ExecuteOptions): Promise<void> {
  const conflicts = await findPortConflicts(options.docker, plan, { localEngine: options.localEngine });
  if (conflicts.length === 0) return;
  throw new UserError(
    conflicts
      .map(
        (conflict) =>
          `${conflict.node} needs ${conflict.hostIp}:${conflict.hostPort}, held by ${conflict.holder}.`,
      )
      .join('\n'),
    'Stop what holds the port, or publish the service on another port in msctl.yaml (`publish`).',
  );
}

/** The network, the volumes, and the removal of containers that no longer belong: all at once. */
function createResources(
  plan: UpPlan,
  desired: DesiredState,
  options: ExecuteOptions,
  emit: (event: UpEvent) => void,
): Promise<unknown> {
  const { docker } = options;
  const resources = Promise.all([
    plan.network.action === 'create'
      ? docker.createNetwork({
          Name: plan.network.name,
          Driver: 'bridge',
          Labels: desired.network.labels,
          CheckDuplicate: true,
        })
      : undefined,
    ...plan.volumes
      .filter((volume) => volume.action === 'create')
      .map((volume) =>
        docker.createVolume({
          Name: volume.name,
          Labels: desired.volumes.find((candidate) => candidate.name === volume.name)?.labels ?? {},
        }),
      ),
    ...plan.removals.map(async (removal) => {
      await removeContainer(docker, removal.container.id);
      emit({ type: 'removed', name: removal.container.name, cause: removal.cause });
    }),
  ]);
  resources.catch(() => undefined);
  return resources;
}

/** Builds and pulls, in parallel up to the number of cores; each node's image as a promise. */
function produceImages(
  plan: UpPlan,
  options: ExecuteOptions,
  emit: (event: UpEvent) => void,
): Map<string, Promise<void>> {
  const limit = pLimit(Math.max(1, os.availableParallelism()));
  const images = new Map<string, Promise<void>>();
  for (const step of plan.images) {
    const task = limit(() =>
      step.action === 'build' ? buildImage(step, options, emit) : pullImage(step, options, emit),
    );
    task.catch(() => undefined);
    images.set(step.node, task);
  }
  return images;
}

async function startAndWait(
  step: ContainerStep,
  container: Prepared,
  plan: UpPlan,
  desired: DesiredState,
  options: ExecuteOptions,
  emit: (event: UpEvent) => void,
): Promise<Started> {
  const { docker, signal } = options;
  if (signal?.aborted) throw new CancelledError();
  const id = container.needsStart ? await startContainer(docker, container) : container.id;
  emit({ type: 'started', node: step.node, action: container.action });
  const startedAt = Date.now();
  const readiness = await waitUntilReady(docker, id, step.desired, {
    deadline: startedAt + options.timeoutSeconds * 1000,
    signal,
    probeFrom: options.localEngine ? 'host' : 'container',
  });
  if (!readiness.ready) {
    if (readiness.reason === 'aborted') throw new CancelledError();
    // A service that logs on every probe buries the cause: repeats are folded before the last 30 are kept.
    const logs = await containerLogLines(docker, { id, node: step.node }, { tail: 1000 }).catch(() => []);
    throw new ServiceNotReady({
      node: step.node,
      blocks: desired.graph
        .blockedBy(step.node)
        .filter((name) => plan.containers.some((candidate) => candidate.node === name)),
      lastProbe: readiness.lastProbe,
      logs: collapseRepeats(logs.map((line) => line.text)).slice(-REPORTED_LOG_LINES),
      reason: readiness.reason,
    });
  }
  emit({ type: 'ready', node: step.node, seconds: (Date.now() - startedAt) / 1000, url: readiness.url });
  return { node: container.node, id, action: container.action };
}

/** The plan's cause as it turned out: a rebuilt image that came out the same leaves the container as it was. */
function executedCause(step: ContainerStep, action: ContainerStep['action']): string {
  if (action !== step.action) return 'up to date';
  if (step.configHash === undefined && action === 'recreate') {
    return step.cause.replace(/^image will be (rebuilt|pulled)/, 'image changed');
  }
  return step.cause;
}

function assertRunnable(plan: UpPlan): void {
  if (plan.conflicts.length > 0) {
    throw new UserError(
      plan.conflicts
        .map(
          (conflict) =>
            `A container named ${conflict.name} exists and is not part of project ${plan.project}${conflict.project ? ` (it belongs to msctl project ${conflict.project})` : ' (it has no msctl label)'}; msctl leaves it alone.`,
        )
        .join('\n'),
      'Remove or rename that container yourself, or give this workspace another `name` in msctl.yaml.',
    );
  }
  if (plan.problems.length > 0) {
    throw new UserError(
      plan.problems.join('\n'),
      'Run `msctl up` without --no-build to build the missing images.',
    );
  }
}

/**
 * Removes the old container and creates the new one, without starting it: creation needs no dependency, so
 * every level's containers are created while the levels before them start.
 */
async function prepareContainer(
  step: ContainerStep,
  network: string,
  options: ExecuteOptions,
  emit: (event: UpEvent) => void,
): Promise<Prepared> {
  const { docker } = options;
  let action = step.action;
  let hash = step.configHash;
  if (hash === undefined) {
    const image = await docker.getImage(step.desired.image).inspect();
    hash = configHash(step.desired, network, image.Id);
    // A rebuild that produced the same image leaves its container alone.
    if (action === 'recreate' && step.existing?.configHash === hash && step.existing.state === 'running') {
      action = 'keep';
    }
  }
  emit({ type: 'step', node: step.node, action, cause: executedCause(step, action) });
  if ((action === 'keep' || action === 'start') && step.existing) {
    return { node: step.node, id: step.existing.id, action, needsStart: action === 'start' };
  }
  if (step.existing) await removeContainer(docker, step.existing.id);
  const createOptions = labelledCreateOptions(step.desired, network, hash);
  const keeping = keepHostPorts(createOptions, step.desired, step.existing);
  const container = await docker.createContainer(keeping ?? createOptions);
  return {
    node: step.node,
    id: container.id,
    action,
    needsStart: true,
    // Something took the old port while the container was away: a new random one, as on a first start.
    ...(keeping && {
      withoutKeptPorts: async () => {
        await removeContainer(docker, container.id, 0);
        return (await docker.createContainer(createOptions)).id;
      },
    }),
  };
}

/** Starts a created container; the id changes when it had to be created again on another port. */
async function startContainer(docker: Docker, container: Prepared): Promise<string> {
  try {
    await docker.getContainer(container.id).start();
    return container.id;
  } catch (error) {
    if (!container.withoutKeptPorts || !isPortTaken(error)) throw error;
    const id = await container.withoutKeptPorts();
    await docker.getContainer(id).start();
    return id;
  }
}

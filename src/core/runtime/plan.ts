import { configHash } from './container-spec.js';
import type { DesiredContainer, DesiredState } from './desired.js';
import type { ForeignContainer, ObservedContainer, ObservedState } from './observe.js';

export type BuildPolicy = 'auto' | 'always' | 'never';

export interface ImageStep {
  action: 'build' | 'pull';
  node: string;
  image: string;
  cause: string;
  /** Content hash of the build context, for the image's label. */
  contextHash?: string | undefined;
}

export interface ContainerStep {
  action: 'create' | 'recreate' | 'start' | 'keep';
  node: string;
  cause: string;
  desired: DesiredContainer;
  existing?: ObservedContainer | undefined;
  /** Known when the image is; otherwise computed once the image is built or pulled. */
  configHash?: string | undefined;
}

export interface ResourceStep {
  action: 'create' | 'keep';
  name: string;
  cause: string;
}

/** What `up` will do, each step with its cause. Pure data: printable, comparable, testable. */
export interface UpPlan {
  project: string;
  network: ResourceStep;
  volumes: ResourceStep[];
  images: ImageStep[];
  /** In start order: dependencies before dependents. */
  containers: ContainerStep[];
  removals: { container: ObservedContainer; cause: string }[];
  /** Containers with our names that are not ours: nothing runs while there are any. */
  conflicts: ForeignContainer[];
  /** Why the plan cannot run (e.g. an image is missing and --no-build was given). */
  problems: string[];
}

export interface PlanInput {
  desired: DesiredState;
  observed: ObservedState;
  /** Content hash of each service's build context. */
  contextHashes: ReadonlyMap<string, string>;
  build?: BuildPolicy;
  /** Nodes named on the command line: the others are there as dependencies. */
  requested?: readonly string[];
}

/** Compares the desired with the observed state: the pure heart of `up`. */
export function planUp(input: PlanInput): UpPlan {
  const { desired, observed } = input;
  const policy = input.build ?? 'auto';
  const network = desired.network.name;
  const networkExists = observed.networks.some((candidate) => candidate.name === network);
  const images: ImageStep[] = [];
  const problems: string[] = [];
  const pendingImages = new Set<string>();

  for (const container of desired.containers) {
    const image = observed.images.get(container.image);
    if (container.build) {
      const contextHash = input.contextHashes.get(container.node);
      const cause =
        image === undefined
          ? 'no image yet'
          : policy === 'always'
            ? '--build given'
            : image.contextHash !== contextHash
              ? 'build context changed'
              : undefined;
      if (cause === undefined) continue;
      if (policy === 'never' && image === undefined) {
        problems.push(
          `image ${container.image} of ${container.node} does not exist and --no-build was given`,
        );
        continue;
      }
      if (policy === 'never') continue;
      images.push({ action: 'build', node: container.node, image: container.image, cause, contextHash });
      pendingImages.add(container.node);
    } else if (image === undefined) {
      images.push({
        action: 'pull',
        node: container.node,
        image: container.image,
        cause: 'not pulled yet',
      });
      pendingImages.add(container.node);
    }
  }

  const requested = new Set(input.requested ?? []);
  const dependencyNote = (node: string): string => {
    if (requested.size === 0 || requested.has(node)) return '';
    const dependents = desired.graph
      .dependentsOf(node)
      .filter((name) => desired.containers.some((container) => container.node === name));
    return dependents.length > 0 ? `, needed by ${dependents.join(', ')}` : '';
  };

  const byNode = new Map<string, ObservedContainer[]>();
  for (const container of observed.containers) {
    byNode.set(container.node, [...(byNode.get(container.node) ?? []), container]);
  }
  const removals: UpPlan['removals'] = [];
  for (const [node, containers] of byNode) {
    if (!desired.graph.nodes.has(node)) {
      for (const container of containers) removals.push({ container, cause: 'no longer in msctl.yaml' });
    } else {
      for (const duplicate of containers.slice(1))
        removals.push({ container: duplicate, cause: 'duplicate' });
    }
  }

  const containers = desired.containers.map((container): ContainerStep => {
    const existing = byNode.get(container.node)?.[0];
    const imageId = pendingImages.has(container.node) ? undefined : observed.images.get(container.image)?.id;
    const hash = imageId === undefined ? undefined : configHash(container, network, imageId);
    const step = (action: ContainerStep['action'], cause: string): ContainerStep => ({
      action,
      node: container.node,
      cause: cause + dependencyNote(container.node),
      desired: container,
      existing,
      configHash: hash,
    });
    if (!existing) return step('create', 'new');
    if (!networkExists) return step('recreate', 'its network was removed');
    if (hash === undefined) {
      const pull = images.find((image) => image.node === container.node)?.action === 'pull';
      return step('recreate', pull ? 'image will be pulled' : 'image will be rebuilt');
    }
    if (existing.configHash !== hash) {
      return step('recreate', existing.imageId === imageId ? 'config changed' : 'image changed');
    }
    if (existing.state !== 'running')
      return step('start', `was ${existing.state === 'exited' ? 'stopped' : existing.state}`);
    return step('keep', 'up to date');
  });

  return {
    project: desired.project,
    network: networkExists
      ? { action: 'keep', name: network, cause: 'exists' }
      : { action: 'create', name: network, cause: 'new' },
    volumes: desired.volumes.map((volume) =>
      observed.volumes.some((candidate) => candidate.name === volume.name)
        ? { action: 'keep', name: volume.name, cause: 'exists' }
        : { action: 'create', name: volume.name, cause: 'new' },
    ),
    images,
    containers,
    removals,
    conflicts: observed.foreign,
    problems,
  };
}

/** True when `up` would change nothing. */
export function isNoop(plan: UpPlan): boolean {
  return (
    plan.network.action === 'keep' &&
    plan.volumes.every((volume) => volume.action === 'keep') &&
    plan.images.length === 0 &&
    plan.removals.length === 0 &&
    plan.containers.every((container) => container.action === 'keep')
  );
}

const SECRET_MASK = '***';

/**
 * The plan as text for `--dry-run` and tests, in the order `up` carries it out, each step as `verb subject
 * (cause)`; secret values never appear, only ***.
 */
export function renderPlan(plan: UpPlan): string {
  const lines = [`Plan for project ${plan.project}:`];
  const row = (action: string, subject: string, cause: string) =>
    lines.push(`  ${action.padEnd(8)} ${subject} (${cause})`);
  row(plan.network.action, `network ${plan.network.name}`, plan.network.cause);
  for (const volume of plan.volumes) row(volume.action, `volume ${volume.name}`, volume.cause);
  for (const removal of plan.removals) row('remove', removal.container.name, removal.cause);
  for (const image of plan.images) {
    row(image.action, image.node, image.cause);
    lines.push(`${DETAIL_INDENT}image  ${image.image}`);
  }
  for (const step of plan.containers) {
    row(step.action, step.node, step.cause);
    if (step.action === 'create' || step.action === 'recreate')
      lines.push(...describeContainer(step.desired));
  }
  for (const conflict of plan.conflicts) {
    lines.push(`  conflict ${conflict.name} (exists and is not part of project ${plan.project}: left alone)`);
  }
  for (const problem of plan.problems) lines.push(`  problem  ${problem}`);
  return `${lines.join('\n')}\n`;
}

const DETAIL_INDENT = '             ';

function describeContainer(container: DesiredContainer): string[] {
  const indent = DETAIL_INDENT;
  const env = Object.entries(container.env)
    .sort(([left], [right]) => (left < right ? -1 : 1))
    .map(([name, value]) => `${name}=${container.secretNames.includes(name) ? SECRET_MASK : value}`);
  const ports = container.ports.map(
    (port) => `${port.hostIp}:${port.hostPort ?? '(any)'}->${port.containerPort}`,
  );
  return [
    `${indent}image  ${container.image}`,
    ...(env.length > 0 ? [`${indent}env    ${env.join(' ')}`] : []),
    ...(ports.length > 0 ? [`${indent}ports  ${ports.join(' ')}`] : []),
    ...(container.volumes.length > 0
      ? [`${indent}volume ${container.volumes.map((volume) => `${volume.name}:${volume.target}`).join(' ')}`]
      : []),
    ...(container.dependsOn.length > 0 ? [`${indent}after  ${container.dependsOn.join(', ')}`] : []),
  ];
}

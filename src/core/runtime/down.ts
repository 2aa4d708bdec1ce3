import type Docker from 'dockerode';
import { ServiceGraph } from '../project/graph.js';
import { projectFilter } from '../project/labels.js';
import { removeContainer, stopContainer } from './containers.js';
import { type ObservedContainer, observeContainers } from './observe.js';

export interface DownOptions {
  /** Remove the project's named volumes too (database data). */
  volumes?: boolean;
  /** Seconds each container gets to stop before it is killed. */
  timeoutSeconds?: number;
  onEvent?:
    | ((event: { type: 'removed'; kind: 'container' | 'network' | 'volume'; name: string }) => void)
    | undefined;
}

export interface DownResult {
  containers: string[];
  networks: string[];
  volumes: string[];
  /** What could not be removed, and why (e.g. a network that a foreign container still uses). */
  leftovers: { name: string; reason: string }[];
}

/**
 * Removes everything of a project, found by its label alone (no msctl.yaml needed): containers in reverse
 * dependency order (each level in parallel), then its networks, and with `volumes` its volumes.
 */
export async function downProject(
  docker: Docker,
  project: string,
  options: DownOptions = {},
): Promise<DownResult> {
  const emit = options.onEvent ?? (() => undefined);
  const containers = await observeContainers(docker, project);
  const result: DownResult = { containers: [], networks: [], volumes: [], leftovers: [] };
  // Only stopping follows the dependency order; removing a stopped container can overlap the next level.
  const removals: Promise<void>[] = [];
  for (const level of shutdownLevels(containers)) {
    await Promise.all(
      level.map(async (container) => {
        await stopContainer(docker, container.id, options.timeoutSeconds ?? 10);
        const removal = removeContainer(docker, container.id, 0).then(() => {
          result.containers.push(container.name);
          emit({ type: 'removed', kind: 'container', name: container.name });
        });
        removal.catch(() => undefined);
        removals.push(removal);
      }),
    );
  }
  await Promise.all(removals);
  const networks = await docker.listNetworks({ filters: projectFilter(project) });
  await Promise.all(
    networks.map(async (network) => {
      try {
        await docker.getNetwork(network.Id).remove();
        result.networks.push(network.Name);
        emit({ type: 'removed', kind: 'network', name: network.Name });
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return;
        result.leftovers.push({ name: `network ${network.Name}`, reason: (error as Error).message });
      }
    }),
  );
  if (options.volumes) {
    const volumes = (await docker.listVolumes({ filters: projectFilter(project) })).Volumes ?? [];
    await Promise.all(
      volumes.map(async (volume) => {
        try {
          await docker.getVolume(volume.Name).remove();
          result.volumes.push(volume.Name);
          emit({ type: 'removed', kind: 'volume', name: volume.Name });
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode === 404) return;
          result.leftovers.push({ name: `volume ${volume.Name}`, reason: (error as Error).message });
        }
      }),
    );
  }
  return result;
}

/** Dependents before their dependencies, from the labels the containers carry. */
export function shutdownLevels(containers: readonly ObservedContainer[]): ObservedContainer[][] {
  const graph = new ServiceGraph(
    containers.map((container) => ({
      name: container.node,
      kind: 'service' as const,
      dependsOn: container.dependsOn,
    })),
  );
  const byNode = new Map<string, ObservedContainer[]>();
  for (const container of containers)
    byNode.set(container.node, [...(byNode.get(container.node) ?? []), container]);
  return graph
    .levels()
    .reverse()
    .map((level) => level.flatMap((node) => byNode.get(node) ?? []));
}

/** A second Ctrl-C: kill the project's containers now, so that a graceful stop in progress ends at once. */
export async function killProject(docker: Docker, project: string): Promise<void> {
  const containers = await observeContainers(docker, project);
  await Promise.all(
    containers.map((container) =>
      docker
        .getContainer(container.id)
        .kill()
        .catch(() => undefined),
    ),
  );
}

import type Docker from 'dockerode';
import { observeContainers } from './observe.js';

/** One row of `msctl ps`. */
export interface ServiceStatus {
  service: string;
  kind: string;
  container: string;
  id: string;
  state: string;
  /** healthy, unhealthy, starting, or undefined when the container has no health check. */
  health: string | undefined;
  ports: string[];
  image: string;
  startedAt: string | undefined;
  /** Seconds since start; undefined when not running. */
  uptimeSeconds: number | undefined;
}

/** The project's containers with state, health, ports, image and uptime, found by label. */
export async function projectStatus(
  docker: Docker,
  project: string,
  now = Date.now(),
): Promise<ServiceStatus[]> {
  const containers = await observeContainers(docker, project);
  return Promise.all(
    containers.map(async (container): Promise<ServiceStatus> => {
      const info = await docker
        .getContainer(container.id)
        .inspect()
        .catch(() => undefined);
      const state = info?.State;
      const running = state?.Running === true;
      const startedAt = state?.StartedAt && !state.StartedAt.startsWith('0001') ? state.StartedAt : undefined;
      return {
        service: container.node,
        kind: container.kind,
        container: container.name,
        id: container.id.slice(0, 12),
        state: state?.Status ?? container.state,
        health: (state as { Health?: { Status?: string } } | undefined)?.Health?.Status,
        ports: container.ports
          .filter((port) => port.hostPort !== undefined)
          .map((port) => `${port.hostIp}:${port.hostPort}->${port.containerPort}`)
          .filter((port, index, all) => all.indexOf(port) === index),
        image: container.image,
        startedAt,
        uptimeSeconds:
          running && startedAt ? Math.max(0, Math.round((now - Date.parse(startedAt)) / 1000)) : undefined,
      };
    }),
  );
}

import type Docker from 'dockerode';
import { LABELS } from '../project/labels.js';
import type { Readiness } from './desired.js';
import { type ObservedContainer, observeContainers } from './observe.js';
import { checkReadiness, type ProbeFrom } from './readiness.js';

/** One row of `msctl ps`. */
export interface ServiceStatus {
  service: string;
  kind: string;
  container: string;
  id: string;
  state: string;
  /**
   * msctl's readiness check, asked now (the one `up` waits on): healthy, or unhealthy with `healthDetail`
   * saying why (`starting` while the engine's own health check is in its start period). Undefined when the
   * container is not running.
   */
  health: string | undefined;
  /** The check's last answer when it is not healthy, e.g. `GET /readyz: HTTP 503 ...`. */
  healthDetail?: string | undefined;
  ports: string[];
  image: string;
  startedAt: string | undefined;
  /** Seconds since start; undefined when not running. */
  uptimeSeconds: number | undefined;
}

export interface StatusOptions {
  /** Where readiness paths are asked from; by default the host for a local engine, else inside containers. */
  probeFrom?: ProbeFrom;
  now?: number;
}

/** The project's containers with state, health, ports, image and uptime, found by label. */
export async function projectStatus(
  docker: Docker,
  project: string,
  options: StatusOptions = {},
): Promise<ServiceStatus[]> {
  const containers = await observeContainers(docker, project);
  const probeFrom = options.probeFrom ?? defaultProbeFrom(docker);
  const now = options.now ?? Date.now();
  return Promise.all(
    containers.map(async (container): Promise<ServiceStatus> => {
      const info = await docker
        .getContainer(container.id)
        .inspect()
        .catch(() => undefined);
      const state = info?.State;
      const running = state?.Running === true;
      const startedAt = state?.StartedAt && !state.StartedAt.startsWith('0001') ? state.StartedAt : undefined;
      const engineHealth = (state as { Health?: { Status?: string } } | undefined)?.Health?.Status;
      const health = running ? await readinessNow(docker, container, probeFrom, engineHealth) : undefined;
      return {
        service: container.node,
        kind: container.kind,
        container: container.name,
        id: container.id.slice(0, 12),
        state: state?.Status ?? container.state,
        health: health?.health,
        ...(health?.detail && { healthDetail: health.detail }),
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

/**
 * The readiness `up` waited on, asked once. Containers made before msctl labelled their readiness fall back
 * to the engine's health, which is all that is known of them.
 */
async function readinessNow(
  docker: Docker,
  container: ObservedContainer,
  probeFrom: ProbeFrom,
  engineHealth: string | undefined,
): Promise<{ health: string | undefined; detail?: string } | undefined> {
  const label = container.labels[LABELS.readiness];
  if (!label) return { health: engineHealth };
  const readiness = JSON.parse(label) as Readiness;
  const check = await checkReadiness(
    docker,
    container.id,
    { readiness, healthcheck: undefined },
    probeFrom,
  ).catch((error: Error) => ({ state: 'not-ready' as const, detail: error.message, engineHealth }));
  if (check.state === 'ready') return { health: 'healthy' };
  const starting = check.state === 'not-ready' && check.engineHealth === 'starting';
  return { health: starting ? 'starting' : 'unhealthy', detail: check.detail };
}

/** A unix socket or named pipe is this machine's engine: published ports are on its loopback. */
function defaultProbeFrom(docker: Docker): ProbeFrom {
  return (docker.modem as { socketPath?: unknown }).socketPath ? 'host' : 'container';
}

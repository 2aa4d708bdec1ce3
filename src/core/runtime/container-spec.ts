import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import { LABELS } from '../project/labels.js';
import type { DesiredContainer } from './desired.js';

const NANOSECONDS = 1_000_000_000;

/** The Engine API body that creates a container, without its config-hash label. */
export function containerCreateOptions(
  desired: DesiredContainer,
  network: string,
): Docker.ContainerCreateOptions {
  const portBindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  const exposedPorts: Record<string, object> = {};
  for (const port of desired.ports) {
    const key = `${port.containerPort}/tcp`;
    exposedPorts[key] = {};
    portBindings[key] = [
      ...(portBindings[key] ?? []),
      { HostIp: port.hostIp, HostPort: port.hostPort === undefined ? '' : String(port.hostPort) },
    ];
  }
  return {
    name: desired.name,
    Image: desired.image,
    Env: Object.entries(desired.env).map(([name, value]) => `${name}=${value}`),
    Labels: { ...desired.labels },
    ExposedPorts: exposedPorts,
    ...(desired.stopSignal && { StopSignal: desired.stopSignal }),
    ...(desired.healthcheck && {
      Healthcheck: {
        Test: desired.healthcheck.test,
        Interval: desired.healthcheck.intervalSeconds * NANOSECONDS,
        Timeout: desired.healthcheck.timeoutSeconds * NANOSECONDS,
        Retries: desired.healthcheck.retries,
      },
    }),
    HostConfig: {
      Init: true,
      NetworkMode: network,
      PortBindings: portBindings,
      Mounts: desired.volumes.map((volume) => ({
        Type: 'volume',
        Source: volume.name,
        Target: volume.target,
      })),
      RestartPolicy: { Name: 'no' },
    },
    NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [desired.node] } } },
  };
}

/** Hash of everything that defines a container, the image id included: a change means recreate. */
export function configHash(desired: DesiredContainer, network: string, imageId: string): string {
  return createHash('sha256')
    .update(stableJson({ spec: containerCreateOptions(desired, network), imageId }))
    .digest('hex')
    .slice(0, 32);
}

/** JSON with object keys sorted, so equal values always hash equally. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([left], [right]) => (left < right ? -1 : 1)))
      : item,
  );
}

/** The create body with its hash label: what the executor sends. */
export function labelledCreateOptions(
  desired: DesiredContainer,
  network: string,
  hash: string,
): Docker.ContainerCreateOptions {
  const options = containerCreateOptions(desired, network);
  return { ...options, Labels: { ...options.Labels, [LABELS.configHash]: hash } };
}

import type Docker from 'dockerode';
import { LABELS, projectFilter } from '../project/labels.js';

/** A container that carries the project's label. */
export interface ObservedContainer {
  id: string;
  name: string;
  node: string;
  kind: string;
  state: string;
  status: string;
  image: string;
  imageId: string;
  configHash: string | undefined;
  dependsOn: string[];
  ports: { containerPort: number; hostIp?: string | undefined; hostPort?: number | undefined }[];
  labels: Record<string, string>;
  created: number;
}

/** A container that has a name we want but is not ours: never touched. */
export interface ForeignContainer {
  id: string;
  name: string;
  project: string | undefined;
}

export interface ObservedImage {
  id: string;
  contextHash: string | undefined;
}

/** What runs now, found by label only. */
export interface ObservedState {
  project: string;
  containers: ObservedContainer[];
  networks: { id: string; name: string }[];
  volumes: { name: string }[];
  /** Containers with one of the wanted names that lack the project's label. */
  foreign: ForeignContainer[];
  /** Local images by reference; undefined when absent. */
  images: Map<string, ObservedImage | undefined>;
}

export function toObservedContainer(info: Docker.ContainerInfo): ObservedContainer {
  const labels = info.Labels ?? {};
  return {
    id: info.Id,
    name: (info.Names[0] ?? '').replace(/^\//, ''),
    node: labels[LABELS.service] ?? '',
    kind: labels[LABELS.kind] ?? '',
    state: info.State,
    status: info.Status,
    image: info.Image,
    imageId: info.ImageID,
    configHash: labels[LABELS.configHash],
    dependsOn: (labels[LABELS.dependsOn] ?? '').split(',').filter(Boolean),
    ports: (info.Ports ?? []).map((port) => ({
      containerPort: port.PrivatePort,
      hostIp: port.IP,
      hostPort: port.PublicPort,
    })),
    labels,
    created: info.Created,
  };
}

/** The project's containers, by label alone: what `down`, `ps` and `logs` work from. */
export async function observeContainers(docker: Docker, project: string): Promise<ObservedContainer[]> {
  const containers = await docker.listContainers({ all: true, filters: projectFilter(project) });
  return containers.map(toObservedContainer).sort((left, right) => left.node.localeCompare(right.node));
}

/** Observes containers, networks, volumes of a project, the wanted images, and name clashes. */
export async function observeState(
  docker: Docker,
  project: string,
  wanted: { containerNames: readonly string[]; images: readonly string[] },
): Promise<ObservedState> {
  const names = new Set(wanted.containerNames);
  const [all, networks, volumes, images] = await Promise.all([
    docker.listContainers({ all: true }),
    docker.listNetworks({ filters: projectFilter(project) }),
    docker.listVolumes({ filters: projectFilter(project) }),
    Promise.all(
      wanted.images.map(async (reference) => [reference, await inspectImage(docker, reference)] as const),
    ),
  ]);
  const containers: ObservedContainer[] = [];
  const foreign: ForeignContainer[] = [];
  for (const info of all) {
    const labels = info.Labels ?? {};
    if (labels[LABELS.project] === project) containers.push(toObservedContainer(info));
    else {
      const name = (info.Names[0] ?? '').replace(/^\//, '');
      if (names.has(name)) foreign.push({ id: info.Id, name, project: labels[LABELS.project] });
    }
  }
  return {
    project,
    containers: containers.sort((left, right) => left.node.localeCompare(right.node)),
    networks: networks.map((network) => ({ id: network.Id, name: network.Name })),
    volumes: (volumes.Volumes ?? []).map((volume) => ({ name: volume.Name })),
    foreign,
    images: new Map(images),
  };
}

export async function inspectImage(docker: Docker, reference: string): Promise<ObservedImage | undefined> {
  try {
    const image = await docker.getImage(reference).inspect();
    return { id: image.Id, contextHash: image.Config?.Labels?.[LABELS.contextHash] };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

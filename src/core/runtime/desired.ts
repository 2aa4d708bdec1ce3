import type { InfraConfig, InfraKind, ServiceConfig, WorkspaceConfig } from '../config/schema.js';
import { DEFAULT_INFRA_VERSIONS } from '../config/schema.js';
import { UserError } from '../errors.js';
import { ServiceGraph } from '../project/graph.js';
import { LABELS } from '../project/labels.js';

/** How `up` knows a container is ready for its dependents. */
export type Readiness =
  | { kind: 'http'; path: string; port: number }
  | { kind: 'healthcheck' }
  | { kind: 'running' };

export interface PortBinding {
  containerPort: number;
  hostIp: string;
  /** Undefined: an ephemeral port on `hostIp`, so readiness can be polled from the host. */
  hostPort?: number | undefined;
}

/** The image of a service we build, before it is built. */
export interface DesiredBuild {
  /** Folder of the build context, relative to the workspace root. */
  context: string;
  /** Dockerfile, relative to the context. */
  dockerfile: string;
  buildArgs: Record<string, string>;
}

/** Everything that defines one container; its hash labels the container. */
export interface DesiredContainer {
  node: string;
  kind: 'service' | 'infra';
  name: string;
  image: string;
  build?: DesiredBuild | undefined;
  env: Record<string, string>;
  /** Names of `env` entries whose values are secret: shown as *** and never logged. */
  secretNames: string[];
  ports: PortBinding[];
  healthcheck?:
    | { test: string[]; intervalSeconds: number; timeoutSeconds: number; retries: number }
    | undefined;
  stopSignal?: string | undefined;
  readiness: Readiness;
  volumes: { name: string; target: string }[];
  dependsOn: string[];
  labels: Record<string, string>;
}

export interface DesiredState {
  project: string;
  network: { name: string; labels: Record<string, string> };
  volumes: { name: string; node: string; labels: Record<string, string> }[];
  /** Containers in start order: dependencies before dependents. */
  containers: DesiredContainer[];
  graph: ServiceGraph;
}

export interface DesiredStateOptions {
  /** Values of secrets, e.g. parsed from `.env`; missing ones are reported by `missingSecrets`. */
  secrets: Record<string, string>;
  /** Start only these and what they depend on; all when empty. */
  selection?: readonly string[];
}

interface InfraDefaults {
  image: (version: string) => string;
  port: number;
  dataPath: string;
  healthcheck: string[];
  env: (project: string, secrets: Record<string, string>) => Record<string, string>;
  url: (host: string, project: string, secrets: Record<string, string>) => string;
  urlVariable: string;
  stopSignal?: string;
}

const postgresPassword = (secrets: Record<string, string>) => secrets.POSTGRES_PASSWORD ?? 'postgres';

/** Official images and their real readiness checks. */
export const INFRA_DEFAULTS: Record<InfraKind, InfraDefaults> = {
  postgres: {
    image: (version) => `postgres:${version}`,
    port: 5432,
    dataPath: '/var/lib/postgresql/data',
    // Over TCP, not the socket: the official image runs a socket-only server while it initialises.
    healthcheck: ['CMD', 'pg_isready', '-h', '127.0.0.1', '-U', 'postgres'],
    env: (project, secrets) => ({
      POSTGRES_USER: 'postgres',
      POSTGRES_PASSWORD: postgresPassword(secrets),
      POSTGRES_DB: project,
    }),
    url: (host, project, secrets) =>
      `postgres://postgres:${encodeURIComponent(postgresPassword(secrets))}@${host}:5432/${project}`,
    urlVariable: 'DATABASE_URL',
    // Fast shutdown: SIGTERM waits for every client to disconnect.
    stopSignal: 'SIGINT',
  },
  redis: {
    image: (version) => `redis:${version}`,
    port: 6379,
    dataPath: '/data',
    healthcheck: ['CMD', 'redis-cli', 'ping'],
    env: () => ({}),
    url: (host) => `redis://${host}:6379`,
    urlVariable: 'REDIS_URL',
  },
  rabbitmq: {
    image: (version) => `rabbitmq:${version}`,
    port: 5672,
    dataPath: '/var/lib/rabbitmq',
    healthcheck: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'],
    env: () => ({}),
    url: (host) => `amqp://guest:guest@${host}:5672`,
    urlVariable: 'AMQP_URL',
  },
};

/** Kind of an infra entry: given, or its name. The loader rejects entries where neither says. */
export function infraKind(name: string, infra: InfraConfig): InfraKind {
  return infra.kind ?? (name as InfraKind);
}

export const networkName = (project: string) => `${project}_default`;
export const containerName = (project: string, node: string) => `${project}-${node}`;
export const volumeName = (project: string, node: string) => `${project}_${node}-data`;
export const serviceImage = (project: string, service: string) => `${project}/${service}:local`;
/** `inventory-api` -> `INVENTORY_API`. */
export const environmentName = (name: string) => name.toUpperCase().replace(/-/g, '_');

/** Secrets the selected services need that have no value. */
export function missingSecrets(
  config: WorkspaceConfig,
  secrets: Record<string, string>,
  nodes: Iterable<string>,
): { service: string; secret: string }[] {
  const missing: { service: string; secret: string }[] = [];
  for (const node of nodes) {
    for (const secret of config.services[node]?.secrets ?? []) {
      if (secrets[secret] === undefined) missing.push({ service: node, secret });
    }
  }
  return missing;
}

/** The state `up` converges to: a pure function of the workspace, the secrets and the selection. */
export function desiredState(config: WorkspaceConfig, options: DesiredStateOptions): DesiredState {
  const project = config.name;
  const graph = ServiceGraph.fromWorkspace(config);
  const unknown = (options.selection ?? []).filter((name) => !graph.nodes.has(name));
  if (unknown.length > 0) {
    throw new UserError(
      `Unknown service${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}.`,
      `Services and infra of ${project}: ${[...graph.nodes.keys()].sort().join(', ')}.`,
    );
  }
  const selection = options.selection?.length
    ? graph.closure(options.selection)
    : new Set(graph.nodes.keys());
  const projectLabels = { [LABELS.project]: project };
  const containers: DesiredContainer[] = [];
  const volumes: DesiredState['volumes'] = [];
  for (const level of graph.levels(selection)) {
    for (const node of level) {
      const infra = config.infra[node];
      if (infra) {
        const container = infraContainer(project, node, infra, options.secrets);
        containers.push(container);
        for (const volume of container.volumes)
          volumes.push({ name: volume.name, node, labels: container.labels });
      } else {
        const service = config.services[node] as ServiceConfig;
        containers.push(serviceContainer(config, node, service, options.secrets));
      }
    }
  }
  return {
    project,
    network: { name: networkName(project), labels: projectLabels },
    volumes,
    containers,
    graph,
  };
}

function nodeLabels(
  project: string,
  node: string,
  kind: 'service' | 'infra',
  dependsOn: readonly string[],
  readiness: Readiness,
) {
  return {
    [LABELS.project]: project,
    [LABELS.service]: node,
    [LABELS.kind]: kind,
    [LABELS.dependsOn]: [...dependsOn].sort().join(','),
    [LABELS.readiness]: JSON.stringify(readiness),
  };
}

function publishedPorts(publish: ServiceConfig['publish'], containerPort: number): PortBinding[] {
  if (publish === undefined) return [];
  if (typeof publish === 'number') return [{ containerPort, hostIp: '127.0.0.1', hostPort: publish }];
  return [{ containerPort, hostIp: publish.host, hostPort: publish.port }];
}

function infraContainer(
  project: string,
  node: string,
  infra: InfraConfig,
  secrets: Record<string, string>,
): DesiredContainer {
  const kind = infraKind(node, infra);
  const defaults = INFRA_DEFAULTS[kind];
  const image = infra.image ?? defaults.image(infra.version ?? DEFAULT_INFRA_VERSIONS[kind]);
  const volume = volumeName(project, node);
  const env = defaults.env(project, secrets);
  return {
    node,
    kind: 'infra',
    name: containerName(project, node),
    image,
    env,
    secretNames: kind === 'postgres' ? ['POSTGRES_PASSWORD'] : [],
    ports: publishedPorts(infra.publish, defaults.port),
    healthcheck: { test: defaults.healthcheck, intervalSeconds: 1, timeoutSeconds: 5, retries: 60 },
    stopSignal: defaults.stopSignal,
    readiness: { kind: 'healthcheck' },
    volumes: [{ name: volume, target: defaults.dataPath }],
    dependsOn: [],
    labels: nodeLabels(project, node, 'infra', [], { kind: 'healthcheck' }),
  };
}

/** Connection settings of what a service depends on, by the names the templates read. */
function connectionSettings(
  config: WorkspaceConfig,
  dependsOn: readonly string[],
  secrets: Record<string, string>,
): Record<string, string> {
  const settings: Record<string, string> = {};
  const infraByVariable = new Map<string, string[]>();
  for (const dependency of dependsOn) {
    const infra = config.infra[dependency];
    if (infra) {
      const variable = INFRA_DEFAULTS[infraKind(dependency, infra)].urlVariable;
      infraByVariable.set(variable, [...(infraByVariable.get(variable) ?? []), dependency]);
      continue;
    }
    const service = config.services[dependency];
    if (service) settings[`${environmentName(dependency)}_URL`] = `http://${dependency}:${service.port}`;
  }
  for (const [variable, names] of infraByVariable) {
    for (const name of names) {
      const infra = config.infra[name] as InfraConfig;
      const url = INFRA_DEFAULTS[infraKind(name, infra)].url(name, config.name, secrets);
      // Two databases of one kind cannot both be DATABASE_URL: each gets its name as a prefix.
      settings[names.length === 1 ? variable : `${environmentName(name)}_${variable}`] = url;
    }
  }
  return settings;
}

function serviceContainer(
  config: WorkspaceConfig,
  node: string,
  service: ServiceConfig,
  secrets: Record<string, string>,
): DesiredContainer {
  const project = config.name;
  const baseImage = config.images.base[service.runtime];
  const connections = connectionSettings(config, service.dependsOn, secrets);
  const secretValues = Object.fromEntries(service.secrets.map((name) => [name, secrets[name] ?? '']));
  const env = {
    PORT: String(service.port),
    ...connections,
    ...service.env,
    ...secretValues,
  };
  // A database URL carries the password: it is as secret as the password itself.
  const secretNames = [
    ...service.secrets,
    ...Object.keys(connections).filter((name) => name.endsWith('DATABASE_URL') && !(name in service.env)),
  ].sort();
  const published = publishedPorts(service.publish, service.port);
  const readiness: Readiness = { kind: 'http', path: service.health.readiness, port: service.port };
  return {
    node,
    kind: 'service',
    name: containerName(project, node),
    image: serviceImage(project, node),
    build: {
      context: service.path,
      dockerfile: service.dockerfile,
      buildArgs: { [`${service.runtime.toUpperCase()}_IMAGE`]: baseImage },
    },
    env,
    secretNames,
    ports: published.length > 0 ? published : [{ containerPort: service.port, hostIp: '127.0.0.1' }],
    readiness,
    volumes: [],
    dependsOn: [...service.dependsOn],
    labels: nodeLabels(project, node, 'service', service.dependsOn, readiness),
  };
}

import type { ServiceConfig, WorkspaceConfig } from '../../config/schema.js';
import { ServiceGraph } from '../../project/graph.js';
import { resolveDependencies } from '../dependencies.js';
import { serviceEnvironment } from './environment.js';
import { configMapName, secretName } from './labels.js';
import { DEV_SIZING } from './overlays.js';
import { registryImage, serviceVersion } from './workload.js';

/** How one local setting of a service became cluster config. */
export interface ExplainedSetting {
  /** The key in msctl.yaml, from the service: `port`, `health.readiness`, `dependsOn`. */
  setting: string;
  /** Its value there, as text. */
  local: string;
  /** What it becomes in the cluster, object by object. */
  cluster: string[];
}

/** A setting that does nothing in the cluster, and why. */
export interface UnmappedSetting {
  setting: string;
  local: string;
  why: string;
}

export interface ServiceExplanation {
  name: string;
  settings: ExplainedSetting[];
  noEquivalent: UnmappedSetting[];
}

const list = (items: readonly string[]): string => (items.length > 0 ? items.join(', ') : '(none)');

/**
 * `msctl generate k8s --explain`: for each service, how what `msctl up` uses became Kubernetes objects, and
 * which settings have no equivalent there. Read from the same functions the manifests come from.
 */
export function explainKubernetes(workspace: WorkspaceConfig): ServiceExplanation[] {
  return Object.keys(workspace.services)
    .sort()
    .map((name) => explainService(workspace, name, workspace.services[name] as ServiceConfig));
}

function explainService(
  workspace: WorkspaceConfig,
  name: string,
  service: ServiceConfig,
): ServiceExplanation {
  const environment = serviceEnvironment(workspace, name, service);
  const dependencies = resolveDependencies(service.dependsOn, workspace);
  const dependents = ServiceGraph.fromWorkspace(workspace)
    .dependentsOf(name)
    .filter((dependent) => workspace.services[dependent]);
  const image = workspace.images.registry
    ? `${registryImage(workspace.images.registry, name)}:${serviceVersion(service)}`
    : `(no images.registry: generate k8s refuses)`;
  const replicas =
    typeof service.replicas === 'number'
      ? [`Deployment spec.replicas: ${service.replicas} (prod), ${DEV_SIZING.replicas} (dev)`]
      : [
          `HorizontalPodAutoscaler ${service.replicas.min}-${service.replicas.max} at ${service.replicas.targetCPUUtilization}% CPU (prod), ${DEV_SIZING.replicas}-${DEV_SIZING.maxReplicas} (dev)`,
        ];
  const settings: ExplainedSetting[] = [
    {
      setting: 'path, dockerfile',
      local: `${service.path}/${service.dockerfile}`,
      cluster: [`image ${image} in both overlays; CI moves prod to sha-<commit>`],
    },
    {
      setting: 'port',
      local: String(service.port),
      cluster: [
        `Deployment containerPort ${service.port} named http`,
        `Service port ${service.port} → http`,
        `PORT in ConfigMap ${configMapName(name, environment.plain)}`,
      ],
    },
    {
      setting: 'health.liveness',
      local: service.health.liveness,
      cluster: ['startupProbe and livenessProbe (httpGet on http)'],
    },
    {
      setting: 'health.readiness',
      local: service.health.readiness,
      cluster: ['readinessProbe (httpGet on http)'],
    },
    {
      setting: 'replicas',
      local: JSON.stringify(service.replicas),
      cluster: [...replicas, 'PodDisruptionBudget maxUnavailable 1'],
    },
    {
      setting: 'resources',
      local: `cpu ${service.resources.cpu}, memory ${service.resources.memory}`,
      cluster: [
        `requests cpu ${service.resources.cpu} (prod), ${DEV_SIZING.cpu} (dev); memory ${service.resources.memory}`,
        `limits memory ${service.resources.memoryLimit ?? service.resources.memory}; no CPU limit`,
      ],
    },
    {
      setting: 'dependsOn',
      local: list(service.dependsOn),
      cluster: [
        ...dependencies.map((dependency) =>
          dependency.kind === 'service'
            ? `NetworkPolicy egress to ${dependency.name} pods on ${dependency.port}; ${dependency.envName}=http://${dependency.name}:${dependency.port} in the ConfigMap`
            : `NetworkPolicy egress on port ${dependency.port} (any destination: infra may be managed); ${dependency.envName} from Secret ${secretName(name)}`,
        ),
        `NetworkPolicy ingress from: ${list(dependents)}`,
      ],
    },
    {
      setting: 'env',
      local: list(Object.keys(service.env)),
      cluster: [`ConfigMap ${configMapName(name, environment.plain)} (renamed when it changes: pods roll)`],
    },
    {
      setting: 'secrets',
      local: list(service.secrets),
      cluster: environment.secret.map(
        (key) => `${key}: secretKeyRef to Secret ${secretName(name)} (not generated)`,
      ),
    },
    {
      setting: 'expose',
      local: service.expose ? `${service.expose.host ?? '*'}${service.expose.path}` : '(not set)',
      cluster: service.expose
        ? [`Ingress ${name}`, `NetworkPolicy ingress from namespace ${service.expose.controllerNamespace}`]
        : ['no Ingress: only the services that depend on it reach it'],
    },
  ];
  if (workspace.telemetry)
    settings.push({
      setting: 'telemetry.endpoint (workspace)',
      local: workspace.telemetry.endpoint,
      cluster: [
        'OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME in the ConfigMap',
        'NetworkPolicy egress to the collector',
      ],
    });
  return { name, settings, noEquivalent: noEquivalentOf(name, service, environment.secret) };
}

/** What `msctl up` uses that the cluster has no counterpart for. */
function noEquivalentOf(name: string, service: ServiceConfig, secrets: readonly string[]): UnmappedSetting[] {
  const noEquivalent: UnmappedSetting[] = [];
  if (service.publish !== undefined)
    noEquivalent.push({
      setting: 'publish',
      local: JSON.stringify(service.publish),
      why: 'a host port of msctl up; in the cluster use expose (Ingress) or kubectl port-forward',
    });
  if (service.routes.length > 0)
    noEquivalent.push({
      setting: 'routes',
      local: service.routes.map((route) => `${route.path} → ${route.service}`).join(', '),
      why: 'read by the gateway itself: no Ingress or HTTPRoute per route; expose the gateway',
    });
  noEquivalent.push({
    setting: '.env values',
    local: list(secrets),
    why: `msctl up reads them from .env; the cluster reads Secret ${secretName(name)}, which you create`,
  });
  return noEquivalent;
}

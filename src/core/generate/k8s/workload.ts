import type { ServiceConfig, WorkspaceConfig } from '../../config/schema.js';
import { serviceEnvironment } from './environment.js';
import { configMapName, metadataFor, secretName, selectorLabels } from './labels.js';

/** The numeric user and group every template's image runs as; ≥ 10000 keeps clear of host users. */
export const RUN_AS_USER = 10001;

/** The tag the overlays deploy until CI promotes `sha-<commit>`: the service's `version`. */
export const DEFAULT_SERVICE_VERSION = '0.1.0';

export const serviceVersion = (service: ServiceConfig): string => service.version ?? DEFAULT_SERVICE_VERSION;

/** The image CI pushes for a service, without its tag. */
export const registryImage = (registry: string, service: string): string =>
  `${registry.replace(/\/+$/, '')}/${service}`;

export function serviceAccount(workspace: WorkspaceConfig, name: string) {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: metadataFor(workspace, name),
    // The services do not call the Kubernetes API; a mounted token would only be something to steal.
    automountServiceAccountToken: false,
  };
}

export function deployment(workspace: WorkspaceConfig, name: string, service: ServiceConfig) {
  const selector = selectorLabels(workspace, name);
  const environment = serviceEnvironment(workspace, name, service);
  const probe = (path: string, periodSeconds: number, failureThreshold: number) => ({
    httpGet: { path, port: 'http' },
    periodSeconds,
    timeoutSeconds: 2,
    failureThreshold,
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadataFor(workspace, name),
    spec: {
      // With a HorizontalPodAutoscaler the count is its job: a replicas field here would fight it on every apply.
      ...(typeof service.replicas === 'number' && { replicas: service.replicas }),
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: metadataFor(workspace, name).labels },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          // Docker-link style variables (ORDERS_PORT=tcp://...) for every Service in the namespace: noise that
          // can shadow real settings; the services find each other by DNS.
          enableServiceLinks: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: RUN_AS_USER,
            runAsGroup: RUN_AS_USER,
            fsGroup: RUN_AS_USER,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          topologySpreadConstraints: ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map(
            (topologyKey) => ({
              maxSkew: 1,
              topologyKey,
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: selector },
              matchLabelKeys: ['pod-template-hash'],
            }),
          ),
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              name,
              // A name only: each overlay's `images:` gives registry and tag (`kustomize edit set image <name>=…`),
              // so the tag is never `latest` and CI moves it per overlay.
              image: name,
              // The tags deployed are immutable (a version, then sha-<commit>): a node's cached copy is the image.
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: service.port, protocol: 'TCP' }],
              envFrom: [{ configMapRef: { name: configMapName(name, environment.plain) } }],
              ...(environment.secret.length > 0 && {
                env: environment.secret.map((key) => ({
                  name: key,
                  valueFrom: { secretKeyRef: { name: secretName(name), key } },
                })),
              }),
              resources: {
                requests: { cpu: service.resources.cpu, memory: service.resources.memory },
                // No CPU limit on purpose: throttling hurts latency more than sharing idle CPU does.
                limits: { memory: service.resources.memoryLimit ?? service.resources.memory },
              },
              // Endpoints are removed asynchronously: keep serving a few seconds after SIGTERM is due, so that
              // no request is routed to a pod that has stopped accepting. The sleep action needs nothing in the image.
              lifecycle: { preStop: { sleep: { seconds: 5 } } },
              startupProbe: probe(service.health.liveness, 2, 30),
              livenessProbe: probe(service.health.liveness, 10, 3),
              readinessProbe: probe(service.health.readiness, 5, 3),
              securityContext: {
                runAsNonRoot: true,
                runAsUser: RUN_AS_USER,
                runAsGroup: RUN_AS_USER,
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  };
}

export function configMap(workspace: WorkspaceConfig, name: string, service: ServiceConfig) {
  const data = serviceEnvironment(workspace, name, service).plain;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: metadataFor(workspace, name, configMapName(name, data)),
    // Named after its data: a new `env` is a new ConfigMap and a rollout. Not `immutable`: a hand edit of the
    // data (which keeps the name) would then fail to apply.
    data,
  };
}

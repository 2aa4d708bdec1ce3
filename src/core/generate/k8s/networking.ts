import type { ServiceConfig, WorkspaceConfig } from '../../config/schema.js';
import { ServiceGraph } from '../../project/graph.js';
import { resolveDependencies } from '../dependencies.js';
import { metadataFor, selectorLabels } from './labels.js';

export function kubernetesService(workspace: WorkspaceConfig, name: string, service: ServiceConfig) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadataFor(workspace, name),
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(workspace, name),
      // The same port as inside the container, so that `http://<name>:<port>` works locally and in the cluster.
      ports: [{ name: 'http', port: service.port, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

const NAMESPACE_NAME = 'kubernetes.io/metadata.name';

/** Egress to the OpenTelemetry Collector of `telemetry.endpoint`: its port, in its namespace when the host names one. */
export function collectorEgress(workspace: WorkspaceConfig): unknown[] {
  if (!workspace.telemetry) return [];
  const url = new URL(workspace.telemetry.endpoint);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  // `collector.observability` and `collector.observability.svc…` name a namespace; a bare name is this one.
  const labels = url.hostname.split('.');
  const inCluster = labels.length === 2 || labels[2] === 'svc';
  const namespace = inCluster ? labels[1] : labels.length === 1 ? workspace.name : undefined;
  return [
    {
      ...(namespace && { to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: namespace } } }] }),
      ports: [{ port, protocol: 'TCP' }],
    },
  ];
}

/**
 * Default deny, then: ingress only from the services that depend on this one, and from the ingress
 * controller's namespace when the service is exposed (`expose`; `publish` is local only and opens nothing);
 * egress only to its dependencies, the telemetry collector and the cluster DNS. Infra may live outside the
 * cluster (a managed database), so it is allowed by port rather than by pod.
 */
export function networkPolicy(workspace: WorkspaceConfig, name: string, service: ServiceConfig) {
  const dependents = ServiceGraph.fromWorkspace(workspace)
    .dependentsOf(name)
    .filter((dependent) => workspace.services[dependent]);
  const egress: unknown[] = [
    {
      to: [
        {
          namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        },
      ],
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ],
    },
  ];
  for (const dependency of resolveDependencies(service.dependsOn, workspace)) {
    const ports = dependency.port === null ? [] : [{ port: dependency.port, protocol: 'TCP' }];
    egress.push(
      dependency.kind === 'service'
        ? { to: [{ podSelector: { matchLabels: selectorLabels(workspace, dependency.name) } }], ports }
        : { ports },
    );
  }
  egress.push(...collectorEgress(workspace));
  const http = [{ port: 'http', protocol: 'TCP' }];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadataFor(workspace, name),
    spec: {
      podSelector: { matchLabels: selectorLabels(workspace, name) },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        ...dependents.map((dependent) => ({
          from: [{ podSelector: { matchLabels: selectorLabels(workspace, dependent) } }],
          ports: http,
        })),
        ...(service.expose
          ? [
              {
                from: [
                  {
                    namespaceSelector: {
                      matchLabels: { [NAMESPACE_NAME]: service.expose.controllerNamespace },
                    },
                  },
                ],
                ports: http,
              },
            ]
          : []),
      ],
      egress,
    },
  };
}

/** An Ingress for an exposed service (`expose`), served by the cluster's default ingress class. */
export function ingress(workspace: WorkspaceConfig, name: string, service: ServiceConfig) {
  if (!service.expose) return undefined;
  const rule = {
    http: {
      paths: [
        {
          path: service.expose.path,
          pathType: 'Prefix',
          backend: { service: { name, port: { name: 'http' } } },
        },
      ],
    },
  };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: metadataFor(workspace, name),
    spec: { rules: [service.expose.host ? { host: service.expose.host, ...rule } : rule] },
  };
}

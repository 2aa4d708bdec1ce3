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

/**
 * Default deny, then: ingress only from the services that depend on this one (and from anywhere for an
 * entry point), egress only to its
 * dependencies and to the cluster DNS. Infra may live outside the cluster (a managed database), so it is
 * allowed by port rather than by pod.
 */
export function networkPolicy(workspace: WorkspaceConfig, name: string, service: ServiceConfig) {
  const dependents = ServiceGraph.fromWorkspace(workspace)
    .dependentsOf(name)
    .filter((dependent) => workspace.services[dependent]);
  const egress: unknown[] = [
    {
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
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
          ports: [{ port: 'http', protocol: 'TCP' }],
        })),
        // An entry point (published, or a gateway with routes) is what the outside depends on: it takes
        // traffic from anywhere, on its HTTP port only.
        ...(service.publish !== undefined || service.routes.length > 0
          ? [{ ports: [{ port: 'http', protocol: 'TCP' }] }]
          : []),
      ],
      egress,
    },
  };
}

import type { WorkspaceConfig } from '../../config/schema.js';

/** The Kubernetes version whose Pod Security Standards the namespace enforces. */
export const POD_SECURITY_VERSION = 'v1.32';

/** Where the workspace's own manifests live, relative to its root. */
export const WORKSPACE_K8S_FOLDER = 'k8s';

/**
 * The namespace of the system: named after the workspace, enforcing Pod Security "restricted" so that the
 * API server itself refuses a pod that weakens the generated security contexts.
 */
export function namespace(workspace: WorkspaceConfig) {
  const level = { restricted: 'restricted', version: POD_SECURITY_VERSION };
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: workspace.name,
      labels: {
        'app.kubernetes.io/part-of': workspace.name,
        'app.kubernetes.io/managed-by': 'msctl',
        'pod-security.kubernetes.io/enforce': level.restricted,
        'pod-security.kubernetes.io/enforce-version': level.version,
        'pod-security.kubernetes.io/audit': level.restricted,
        'pod-security.kubernetes.io/audit-version': level.version,
        'pod-security.kubernetes.io/warn': level.restricted,
        'pod-security.kubernetes.io/warn-version': level.version,
      },
    },
  };
}

/** `kubectl apply -k k8s/`: the namespace and every service, all placed in the namespace. */
export function workspaceKustomization(workspace: WorkspaceConfig) {
  const services = Object.values(workspace.services)
    .map((service) => `../${service.path.replace(/\\/g, '/').replace(/\/+$/, '')}/k8s`)
    .sort();
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: workspace.name,
    resources: ['namespace.yaml', ...services],
  };
}

import type { WorkspaceConfig } from '../../config/schema.js';

/** The Kubernetes version whose Pod Security Standards the namespace enforces. */
export const POD_SECURITY_VERSION = 'v1.32';

/** Where the workspace's base manifests live, relative to its root; the overlays are beside it. */
export const WORKSPACE_BASE_FOLDER = 'k8s/base';

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

/**
 * The base: the namespace and every service, all placed in the namespace, sized as msctl.yaml says. Applied
 * through an overlay (`kubectl apply -k k8s/overlays/prod`), which gives the images their registry and tag.
 */
export function workspaceKustomization(workspace: WorkspaceConfig) {
  const services = Object.values(workspace.services)
    .map((service) => `../../${service.path.replace(/\\/g, '/').replace(/\/+$/, '')}/k8s`)
    .sort();
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: workspace.name,
    resources: ['namespace.yaml', ...services],
  };
}

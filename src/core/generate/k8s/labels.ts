import { createHash } from 'node:crypto';
import type { WorkspaceConfig } from '../../config/schema.js';

/** The labels that select a service's pods; a Deployment's selector is immutable, so they never change. */
export function selectorLabels(workspace: WorkspaceConfig, service: string): Record<string, string> {
  return { 'app.kubernetes.io/name': service, 'app.kubernetes.io/part-of': workspace.name };
}

/** The recommended `app.kubernetes.io/*` labels every object of a service carries. */
export function serviceLabels(workspace: WorkspaceConfig, service: string): Record<string, string> {
  return {
    ...selectorLabels(workspace, service),
    // One namespace per workspace: the service name identifies the instance, and stays within the 63
    // characters a label value may have (project and service names together may not).
    'app.kubernetes.io/instance': service,
    'app.kubernetes.io/component': 'service',
    'app.kubernetes.io/managed-by': 'msctl',
  };
}

export const metadataFor = (workspace: WorkspaceConfig, service: string, name = service) => ({
  name,
  labels: serviceLabels(workspace, service),
});

/**
 * The ConfigMap's name carries a digest of its data, as kustomize's configMapGenerator does: a change of `env`
 * renames it, which changes the Deployment's pod template, which rolls the pods. Pods never read stale settings.
 */
export function configMapName(service: string, data: Record<string, string>): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(Object.entries(data)))
    .digest('hex');
  return `${service}-config-${digest.slice(0, 10)}`;
}

/** Names of the objects a service owns besides those named after the service itself. */
export const secretName = (service: string): string => `${service}-secrets`;

import type { ServiceConfig, WorkspaceConfig } from '../../config/schema.js';
import { metadataFor, selectorLabels } from './labels.js';

/** A HorizontalPodAutoscaler when replicas is a range; a fixed count needs none. */
export function horizontalPodAutoscaler(workspace: WorkspaceConfig, name: string, service: ServiceConfig) {
  if (typeof service.replicas === 'number') return undefined;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: metadataFor(workspace, name),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: service.replicas.min,
      maxReplicas: service.replicas.max,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: service.replicas.targetCPUUtilization },
          },
        },
      ],
    },
  };
}

/** One pod at a time may go during node drains: works for any replica count, never blocks a drain forever. */
export function podDisruptionBudget(workspace: WorkspaceConfig, name: string) {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: metadataFor(workspace, name),
    spec: {
      maxUnavailable: 1,
      selector: { matchLabels: selectorLabels(workspace, name) },
    },
  };
}

import { stringify } from 'yaml';
import type { WorkspaceConfig } from '../../config/schema.js';
import { PROD_OVERLAY } from '../ci/inputs.js';
import { devInfraFiles, devInfraSecret } from './infra.js';
import { registryImage, serviceVersion } from './workload.js';
import { WORKSPACE_BASE_FOLDER } from './workspace.js';

export const DEV_OVERLAY = 'k8s/overlays/dev';
export { PROD_OVERLAY };

/** What a development cluster runs per service: one pod (a range scales from one), a small CPU request. */
export const DEV_SIZING = { replicas: 1, maxReplicas: 2, cpu: '25m' } as const;

const fromOverlay = `../../${WORKSPACE_BASE_FOLDER.replace(/^k8s\//, '')}`;

/**
 * `images:` of an overlay: each service's container image (its name) pointed at the registry, tagged with its
 * version. CI's promote job replaces an entry of the prod overlay with `sha-<commit>`; msctl then keeps that
 * entry's name and tag (see `withPromotedImages`).
 */
function overlayImages(workspace: WorkspaceConfig, registry: string) {
  return Object.entries(workspace.services)
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([name, service]) => ({
      name,
      newName: registryImage(registry, name),
      newTag: serviceVersion(service),
    }));
}

const jsonPatch = (kind: string, name: string, operations: object[]) => ({
  target: { kind, name },
  patch: stringify(operations, { lineWidth: 0 }),
});

/** Dev: one replica, an autoscaler from one to two, a small CPU request; the memory stays what the service needs. */
function devPatches(workspace: WorkspaceConfig) {
  return Object.entries(workspace.services)
    .sort(([left], [right]) => left.localeCompare(right))
    .flatMap(([name, service]) => {
      const cpu = {
        op: 'replace',
        path: '/spec/template/spec/containers/0/resources/requests/cpu',
        value: DEV_SIZING.cpu,
      };
      if (typeof service.replicas === 'number')
        return [
          jsonPatch('Deployment', name, [
            { op: 'replace', path: '/spec/replicas', value: DEV_SIZING.replicas },
            cpu,
          ]),
        ];
      return [
        jsonPatch('Deployment', name, [cpu]),
        jsonPatch('HorizontalPodAutoscaler', name, [
          { op: 'replace', path: '/spec/minReplicas', value: DEV_SIZING.replicas },
          { op: 'replace', path: '/spec/maxReplicas', value: DEV_SIZING.maxReplicas },
        ]),
      ];
    });
}

/**
 * The overlays, keyed by path from the workspace root: `k8s/overlays/prod` (the base as msctl.yaml sizes it,
 * images from the registry) and `k8s/overlays/dev` (scaled down, with the infra running in the cluster).
 */
export function overlayObjects(workspace: WorkspaceConfig, registry: string): Map<string, object[]> {
  const images = overlayImages(workspace, registry);
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: workspace.name,
  };
  const infra = devInfraFiles(workspace);
  const files = new Map<string, object[]>();
  for (const [file, objects] of infra) files.set(`${DEV_OVERLAY}/${file}`, objects);
  const secrets = devInfraSecret(workspace);
  files.set(`${DEV_OVERLAY}/kustomization.yaml`, [
    {
      ...kustomization,
      resources: [fromOverlay, ...infra.keys()],
      ...(secrets && { secretGenerator: [secrets] }),
      images,
      patches: devPatches(workspace),
    },
  ]);
  files.set(`${PROD_OVERLAY}/kustomization.yaml`, [{ ...kustomization, resources: [fromOverlay], images }]);
  return files;
}

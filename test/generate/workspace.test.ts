import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workspaceSchema } from '../../src/core/config/schema.js';
import { generateCiFilesForWorkspace, generateKubernetesFiles } from '../../src/core/generate/index.js';

const workspace = workspaceSchema.parse({
  version: 1,
  name: 'shop',
  images: { registry: 'ghcr.io/acme/shop' },
  services: {
    orders: { path: 'services/orders', port: 3000, dependsOn: ['inventory'] },
    inventory: { path: 'apps/inventory', port: 3001 },
  },
});

describe('generating for the whole workspace', () => {
  it('puts each service manifests under its own path', () => {
    const files = [...generateKubernetesFiles(workspace).keys()];
    expect(files).toContain('apps/inventory/k8s/deployment.yaml');
    expect(files).toContain('services/orders/k8s/kustomization.yaml');
    expect(files.filter((file) => file.endsWith('/network-policy.yaml'))).toHaveLength(2);
    expect(files).toEqual(
      expect.arrayContaining([
        'k8s/base/kustomization.yaml',
        'k8s/base/namespace.yaml',
        'k8s/overlays/dev/kustomization.yaml',
        'k8s/overlays/prod/kustomization.yaml',
      ]),
    );
  });

  it('refuses to write overlays without images.registry, saying what to add (exit 2)', () => {
    const unregistered = workspaceSchema.parse({ ...workspace, images: { base: workspace.images.base } });
    expect(() => generateKubernetesFiles(unregistered)).toThrow(
      expect.objectContaining({
        exitCode: 2,
        message: expect.stringMatching(/no images\.registry/),
        hint: expect.stringMatching(/images: \{ registry: ghcr\.io/),
      }),
    );
    // create-service writes the rest without them.
    expect([...generateKubernetesFiles(unregistered, { overlays: false }).keys()]).not.toContain(
      'k8s/overlays/prod/kustomization.yaml',
    );
  });

  it('includes every service in one GitLab root pipeline, and writes one workflow per service for GitHub', () => {
    const gitlab = generateCiFilesForWorkspace('gitlab', workspace);
    expect(parse(gitlab.get('.gitlab-ci.yml') as string).include).toEqual([
      { local: '.gitlab/ci/inventory.yml' },
      { local: '.gitlab/ci/orders.yml' },
    ]);
    expect([...generateCiFilesForWorkspace('github', workspace).keys()]).toEqual([
      '.github/workflows/inventory.yml',
      '.github/workflows/orders.yml',
    ]);
    expect(generateCiFilesForWorkspace('none', workspace).size).toBe(0);
  });
});

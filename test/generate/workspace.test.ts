import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workspaceSchema } from '../../src/core/config/schema.js';
import { generateCiFilesForWorkspace, generateKubernetesFiles } from '../../src/core/generate/index.js';

const workspace = workspaceSchema.parse({
  version: 1,
  name: 'shop',
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

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workspaceSchema } from '../../src/core/config/schema.js';
import { generateCiFilesForWorkspace, generateKubernetesFiles } from '../../src/core/generate/index.js';
import { generatedState, stampGenerated } from '../../src/core/generate/provenance.js';

const workspace = workspaceSchema.parse({
  version: 1,
  name: 'shop',
  images: { registry: 'ghcr.io/acme/shop' },
  services: { orders: { path: 'services/orders', port: 3000, secrets: ['JWT_SECRET'] } },
});

describe('the digest that tells generated files from edited ones', () => {
  const generated = new Map([
    ...generateKubernetesFiles(workspace),
    ...generateCiFilesForWorkspace('github', workspace),
    ...[...generateCiFilesForWorkspace('gitlab', workspace)].filter(([file]) => file !== '.gitlab-ci.yml'),
  ]);

  it('marks every generated file as unchanged, and the stamp is only comments', () => {
    expect(generated.size).toBeGreaterThanOrEqual(9);
    for (const [file, text] of generated) {
      expect(generatedState(text), file).toBe('unchanged');
      const stamp = text
        .split('\n')
        .slice(0, text.split('\n').findIndex((line) => line.startsWith('# msctl-digest')) + 1);
      expect(
        stamp.every((line) => line.startsWith('#')),
        file,
      ).toBe(true);
    }
    expect(parse(generated.get('services/orders/k8s/kustomization.yaml') as string).kind).toBe(
      'Kustomization',
    );
  });

  it('sees any edit, even one byte or a line ending', () => {
    const text = generated.get('services/orders/k8s/deployment.yaml') as string;
    expect(generatedState(text.replace('memory: 128Mi', 'memory: 256Mi'))).toBe('changed');
    expect(generatedState(`${text}# my note\n`)).toBe('changed');
    expect(generatedState(text.replace(/\n/g, '\r\n'))).toBe('changed');
  });

  it('tells files msctl did not write', () => {
    expect(generatedState('apiVersion: v1\nkind: ConfigMap\n')).toBe('not-generated');
    expect(generatedState(stampGenerated('note\nsecond line', 'a: 1\n'))).toBe('unchanged');
  });
});

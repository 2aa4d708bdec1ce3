import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { workspaceSchema } from '../../src/core/config/schema.js';
import { renderService } from '../../src/core/scaffold/render.js';
import { validateKubernetesObject } from '../generate/support/kubernetes-schema.js';
import { restrictedViolations } from '../generate/support/pod-security.js';

/** The real template, rendered with hostile text: every structured file must still parse and mean the same. */
const workspace = workspaceSchema.parse({
  version: 1,
  name: 'shop',
  images: { registry: 'ghcr.io/acme/shop' },
  services: { inventory: { path: 'services/inventory', port: 3001 } },
});

const descriptions = [
  'Orders: the "source of truth" # for orders',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable the Dockerfile must not expand
  "it's {{service.name}} and ${HOME} `x` \\ */ -->",
  'first line\nsecond line: with colon',
];

describe.each(descriptions)('node-fastify rendered with the description %j', (description) => {
  it('gives valid JSON, YAML and manifests, with the description intact where it is data', async () => {
    const rendered = await renderService(
      'node-fastify',
      { name: 'orders', port: 3000, description, dependsOn: ['postgres', 'inventory'] },
      workspace,
    );
    const text = (file: string): string => {
      const content = rendered.files.get(file);
      if (content === undefined) throw new Error(`${file} was not rendered`);
      return content.toString();
    };
    expect(JSON.parse(text('package.json')).description).toBe(description);
    const openapi = parse(text('openapi.yaml'));
    expect(openapi.openapi).toMatch(/^3\.1/);
    expect(openapi.info.description ?? openapi.info.title).toBeDefined();

    for (const [file, content] of rendered.files) {
      if (!/\.(ya?ml|json)$/.test(file)) continue;
      const documents = parseAllDocuments(content.toString());
      for (const document of Array.isArray(documents) ? documents : [documents]) {
        expect(document.errors, file).toEqual([]);
      }
    }
    for (const [file, content] of rendered.files) {
      if (!file.startsWith('k8s/') || file.endsWith('kustomization.yaml')) continue;
      const manifest = parse(content.toString());
      expect(validateKubernetesObject(manifest), file).toEqual([]);
      if (manifest.kind === 'Deployment')
        expect(restrictedViolations(manifest.spec.template.spec)).toEqual([]);
    }

    const dockerfile = text('Dockerfile');
    const label = dockerfile.split('\n').find((line) => line.includes('image.description='));
    const quoted = /description="((?:[^"\\$]|\\.)*)" \\$/.exec(label ?? '')?.[1];
    expect(quoted?.replace(/\\(.)/g, '$1')).toBe(description.replace(/\s+/g, ' ').trim());
  });
});

it('the Dockerfile user is the user the manifests run as', async () => {
  const rendered = await renderService(
    'node-fastify',
    { name: 'orders', port: 3000, description: '' },
    workspace,
  );
  const user = /^USER (\d+):(\d+)$/m.exec(rendered.files.get('Dockerfile')?.toString() ?? '');
  const deployment = parse(rendered.files.get('k8s/deployment.yaml')?.toString() ?? '');
  expect(Number(user?.[1])).toBe(deployment.spec.template.spec.securityContext.runAsUser);
  expect(Number(user?.[2])).toBe(deployment.spec.template.spec.securityContext.runAsGroup);
});

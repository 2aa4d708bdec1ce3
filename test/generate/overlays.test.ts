// biome-ignore-all lint/suspicious/noExplicitAny: the tests read rendered manifests field by field
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { Deployment } from 'kubernetes-models/apps/v1';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { workspaceSchema } from '../../src/core/config/schema.js';
import { generateKubernetesFiles } from '../../src/core/generate/index.js';
import { validateKubernetesObject } from './support/kubernetes-schema.js';
import { restrictedViolations } from './support/pod-security.js';

const config = {
  version: 1,
  name: 'shop',
  images: { registry: 'ghcr.io/acme/shop' },
  telemetry: { endpoint: 'http://otel-collector.observability:4318' },
  services: {
    orders: {
      path: 'services/orders',
      port: 3000,
      version: '1.4.0',
      dependsOn: ['postgres', 'inventory'],
      env: { FEATURE: 'on', LEGACY: 'yes', WINDOW: '1:30', MODE: '0o17', LOG_LEVEL: 'debug' },
      secrets: ['JWT_SECRET'],
      replicas: { min: 3, max: 8 },
      expose: { host: 'shop.example.com', path: '/orders' },
    },
    inventory: { path: 'services/inventory', port: 3001, replicas: 4, publish: 8081, dependsOn: ['cache'] },
  },
  infra: { postgres: { kind: 'postgres' }, cache: { kind: 'redis' } },
};

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [key: string]: any;
};

async function render(input: object, overlay: 'dev' | 'prod') {
  const root = mkdtempSync(path.join(os.tmpdir(), 'msctl-overlays-'));
  for (const [file, text] of generateKubernetesFiles(workspaceSchema.parse(input))) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  const { stdout } = await execa('kubectl', ['kustomize', path.join(root, 'k8s/overlays', overlay)]);
  return parseAllDocuments(stdout).map((document) => document.toJS() as Manifest);
}

const find = (objects: Manifest[], kind: string, name: string): Manifest => {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};

const podsOf = (objects: Manifest[]) =>
  objects.filter((object) => object.kind === 'Deployment').map((object) => object.spec.template.spec);

describe.each(['dev', 'prod'] as const)('kubectl kustomize k8s/overlays/%s', (overlay) => {
  it('gives objects that pass the strict 1.32 schema and Pod Security "restricted", in the namespace', async () => {
    const objects = await render(config, overlay);
    for (const object of objects) {
      const where = `${object.kind} ${object.metadata.name}`;
      expect(validateKubernetesObject(object), where).toEqual([]);
      if (object.kind === 'Deployment')
        expect(() => new Deployment(object as never).validate()).not.toThrow();
      if (object.kind !== 'Namespace') expect(object.metadata.namespace, where).toBe('shop');
    }
    for (const pod of podsOf(objects)) expect(restrictedViolations(pod)).toEqual([]);
  });

  it('never deploys `latest` nor an untagged image: the registry and the service version', async () => {
    const objects = await render(config, overlay);
    const images = podsOf(objects).flatMap((pod) => pod.containers.map((container: any) => container.image));
    for (const image of images) {
      expect(image).toMatch(/^[^:]+(:\d+)?\/.+:[\w][\w.-]*$|^[a-z]+:[\w.-]+$/);
      expect(image).not.toMatch(/:latest$/);
    }
    expect(images).toContain('ghcr.io/acme/shop/orders:1.4.0');
    // No version in msctl.yaml: 0.1.0, documented.
    expect(images).toContain('ghcr.io/acme/shop/inventory:0.1.0');
  });

  it('references the ConfigMap it renders, whose name changes with env (so pods roll)', async () => {
    const before = await render(config, overlay);
    const changed = structuredClone(config);
    changed.services.orders.env.LOG_LEVEL = 'info';
    const after = await render(changed, overlay);
    const referenced = (objects: Manifest[]) =>
      find(objects, 'Deployment', 'orders').spec.template.spec.containers[0].envFrom[0].configMapRef.name;
    for (const objects of [before, after])
      expect(
        objects.some((object) => object.kind === 'ConfigMap' && object.metadata.name === referenced(objects)),
      ).toBe(true);
    expect(referenced(after)).not.toBe(referenced(before));
    // inventory's env did not change: its pods stay.
    expect(find(after, 'Deployment', 'inventory')).toEqual(find(before, 'Deployment', 'inventory'));
  });
});

describe('the overlays differ where they should', () => {
  it('prod runs msctl.yaml sizes with no infra; dev one replica, a small autoscaler, and the infra in cluster', async () => {
    const prod = await render(config, 'prod');
    expect(find(prod, 'Deployment', 'inventory').spec.replicas).toBe(4);
    expect(find(prod, 'HorizontalPodAutoscaler', 'orders').spec).toMatchObject({
      minReplicas: 3,
      maxReplicas: 8,
    });
    expect(prod.filter((object) => ['postgres', 'cache'].includes(object.metadata.name))).toEqual([]);

    const dev = await render(config, 'dev');
    expect(find(dev, 'Deployment', 'inventory').spec.replicas).toBe(1);
    expect(find(dev, 'HorizontalPodAutoscaler', 'orders').spec).toMatchObject({
      minReplicas: 1,
      maxReplicas: 2,
    });
    expect(find(dev, 'Deployment', 'orders').spec.template.spec.containers[0].resources.requests.cpu).toBe(
      '25m',
    );
    expect(find(dev, 'Deployment', 'postgres').spec.template.spec.containers[0].image).toBe('postgres:17');
    expect(find(dev, 'Service', 'cache').spec.ports[0].port).toBe(6379);
  });

  it('expose gives an Ingress and admits the ingress controller; publish alone opens nothing', async () => {
    const objects = await render(config, 'prod');
    expect(find(objects, 'Ingress', 'orders').spec.rules).toEqual([
      {
        host: 'shop.example.com',
        http: {
          paths: [
            {
              path: '/orders',
              pathType: 'Prefix',
              backend: { service: { name: 'orders', port: { name: 'http' } } },
            },
          ],
        },
      },
    ]);
    expect(find(objects, 'NetworkPolicy', 'orders').spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
        ports: [{ port: 'http', protocol: 'TCP' }],
      },
    ]);
    // inventory is published locally (publish: 8081) and depended on by orders: only orders may reach it.
    expect(objects.some((object) => object.kind === 'Ingress' && object.metadata.name === 'inventory')).toBe(
      false,
    );
    const inventory = find(objects, 'NetworkPolicy', 'inventory').spec.ingress;
    expect(inventory).toHaveLength(1);
    expect(inventory[0].from[0].podSelector.matchLabels['app.kubernetes.io/name']).toBe('orders');
  });

  it('sends OTLP to telemetry.endpoint, with egress to the collector namespace on its port', async () => {
    const objects = await render(config, 'prod');
    const data = objects.find(
      (object) => object.kind === 'ConfigMap' && object.metadata.name.startsWith('orders-config-'),
    )?.data;
    expect(data).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.observability:4318',
      OTEL_SERVICE_NAME: 'orders',
    });
    expect(find(objects, 'NetworkPolicy', 'orders').spec.egress).toContainEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } }],
      ports: [{ port: 4318, protocol: 'TCP' }],
    });
  });
});

describe('ConfigMap values', () => {
  it('stay strings for a YAML 1.1 reader, in the generated file', () => {
    const files = generateKubernetesFiles(workspaceSchema.parse(config));
    const text = files.get('services/orders/k8s/config-map.yaml') as string;
    const data = parse(text, { version: '1.1' }).data;
    expect(data).toMatchObject({ FEATURE: 'on', LEGACY: 'yes', WINDOW: '1:30', MODE: '0o17' });
    // The check itself: unquoted, a YAML 1.1 reader takes them for a boolean and a sexagesimal number.
    expect(parse('a: on\nb: 1:30', { version: '1.1' })).toEqual({ a: true, b: 90 });
  });
});

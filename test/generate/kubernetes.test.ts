// biome-ignore-all lint/suspicious/noExplicitAny: the tests probe and break parsed manifests field by field
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { execa } from 'execa';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service, ServiceAccount } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { workspaceSchema } from '../../src/core/config/schema.js';
import { generateKubernetesFiles } from '../../src/core/generate/index.js';
import { generateServiceManifests } from '../../src/core/generate/k8s/index.js';
import { validateKubernetesObject } from './support/kubernetes-schema.js';
import { restrictedViolations } from './support/pod-security.js';

const workspace = workspaceSchema.parse({
  version: 1,
  name: 'shop',
  images: { registry: 'ghcr.io/acme/shop/' },
  services: {
    orders: {
      path: 'services/orders',
      port: 3000,
      dependsOn: ['postgres', 'inventory'],
      env: { LOG_LEVEL: 'debug' },
      secrets: ['JWT_SECRET'],
      replicas: { min: 2, max: 6, targetCPUUtilization: 60 },
      resources: { cpu: '250m', memory: '256Mi', memoryLimit: '512Mi' },
    },
    inventory: { path: 'services/inventory', port: 3001, replicas: 3 },
    gateway: {
      path: 'services/gateway',
      port: 8080,
      dependsOn: ['orders', 'inventory'],
      routes: [{ path: '/orders', service: 'orders' }],
      expose: { host: 'shop.example.com' },
    },
    worker: { path: 'services/worker', port: 9000, dependsOn: ['orders'] },
  },
  infra: { postgres: { kind: 'postgres' } },
});

const models: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
};

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
};

function manifestsOf(service: string): Map<string, Manifest> {
  const files = generateServiceManifests(workspace, service);
  return new Map(
    [...files]
      .filter(([file]) => file !== 'kustomization.yaml')
      .map(([file, text]) => [file, parse(text) as Manifest]),
  );
}

const byKind = (service: string, kind: string): Manifest => {
  const found = [...manifestsOf(service).values()].find((manifest) => manifest.kind === kind);
  if (!found) throw new Error(`no ${kind} for ${service}`);
  return found;
};

describe.each(['orders', 'inventory', 'gateway'])('the manifests of %s', (service) => {
  it('pass the strict Kubernetes 1.32 schema (unknown fields are errors) and kubernetes-models', () => {
    for (const [file, manifest] of manifestsOf(service)) {
      if (manifest.kind !== 'Ingress') expect(validateKubernetesObject(manifest), file).toEqual([]);
      const Model = models[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model, file).toBeDefined();
      expect(
        () => new (Model as NonNullable<typeof Model>)(manifest as never).validate(),
        file,
      ).not.toThrow();
    }
  });

  it('meet Pod Security "restricted", run as UID >= 10000 with a read-only root and a writable /tmp', () => {
    const pod = byKind(service, 'Deployment').spec.template.spec;
    expect(restrictedViolations(pod)).toEqual([]);
    const [container] = pod.containers;
    expect(pod.securityContext.runAsUser).toBeGreaterThanOrEqual(10000);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsNonRoot: true });
    const tmp = container.volumeMounts.find((mount: { mountPath: string }) => mount.mountPath === '/tmp');
    expect(pod.volumes.find((volume: { name: string }) => volume.name === tmp.name)).toHaveProperty(
      'emptyDir',
    );
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.enableServiceLinks).toBe(false);
    expect(byKind(service, 'ServiceAccount')).toMatchObject({ automountServiceAccountToken: false });
  });

  it('carry the app.kubernetes.io labels on every object, and probe the health paths', () => {
    for (const manifest of manifestsOf(service).values()) {
      expect(manifest.metadata.labels).toMatchObject({
        'app.kubernetes.io/name': service,
        'app.kubernetes.io/part-of': 'shop',
        'app.kubernetes.io/managed-by': 'msctl',
      });
    }
    const [container] = byKind(service, 'Deployment').spec.template.spec.containers;
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.lifecycle.preStop.sleep.seconds).toBeLessThan(
      byKind(service, 'Deployment').spec.template.spec.terminationGracePeriodSeconds,
    );
    expect(container.resources.requests).toHaveProperty('memory');
    expect(container.resources.limits).toHaveProperty('memory');
    expect(byKind(service, 'Service').spec).toMatchObject({
      type: 'ClusterIP',
      ports: [{ name: 'http', targetPort: 'http' }],
    });
  });

  it('build with `kubectl kustomize`, offline, into exactly the generated objects', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'msctl-k8s-'));
    const files = generateServiceManifests(workspace, service);
    for (const [file, text] of files) writeFileSync(path.join(directory, file), text);
    const kustomization = parse(files.get('kustomization.yaml') as string);
    const schema = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '../fixtures/schemas/kustomization.json'), 'utf8'),
    );
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(kustomization), JSON.stringify(validate.errors)).toBe(true);

    const { stdout } = await execa('kubectl', ['kustomize', directory]);
    const built = parseAllDocuments(stdout).map((document) => document.toJS() as Manifest);
    expect(built.map((manifest) => manifest.kind).sort()).toEqual(
      [...manifestsOf(service).values()].map((manifest) => manifest.kind).sort(),
    );
    const deployment = built.find((manifest) => manifest.kind === 'Deployment') as Manifest;
    // The name only: the overlays give registry and tag.
    expect(deployment.spec.template.spec.containers[0].image).toBe(service);
  });
});

describe('Kubernetes manifests', () => {
  it('leave replicas to the HorizontalPodAutoscaler when there is one, and fix them when there is not', () => {
    expect(byKind('orders', 'Deployment').spec).not.toHaveProperty('replicas');
    expect(byKind('orders', 'HorizontalPodAutoscaler').spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders' },
      minReplicas: 2,
      maxReplicas: 6,
    });
    expect(byKind('inventory', 'Deployment').spec.replicas).toBe(3);
    expect([...manifestsOf('inventory').values()].map((manifest) => manifest.kind)).not.toContain(
      'HorizontalPodAutoscaler',
    );
  });

  it('keep secrets out of the ConfigMap: declared secrets and infra URLs come from secretKeyRef only', () => {
    const configMap = byKind('orders', 'ConfigMap');
    expect(configMap.metadata.name).toMatch(/^orders-config-[0-9a-f]{10}$/);
    expect(configMap.data).toEqual({
      HOST: '0.0.0.0',
      INVENTORY_URL: 'http://inventory:3001',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      PORT: '3000',
    });
    const [container] = byKind('orders', 'Deployment').spec.template.spec.containers;
    expect(container.env).toEqual([
      { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'orders-secrets', key: 'DATABASE_URL' } } },
      { name: 'JWT_SECRET', valueFrom: { secretKeyRef: { name: 'orders-secrets', key: 'JWT_SECRET' } } },
    ]);
    expect(JSON.stringify(byKind('inventory', 'Deployment'))).not.toContain('secretKeyRef');
  });

  it('let traffic in only from dependents, and out only to dependencies and DNS', () => {
    const inventory = byKind('inventory', 'NetworkPolicy').spec;
    expect(inventory.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(
      inventory.ingress.map((rule: any) => rule.from[0].podSelector.matchLabels['app.kubernetes.io/name']),
    ).toEqual(['gateway', 'orders']);
    expect(inventory.egress).toHaveLength(1);
    expect(inventory.egress[0].ports).toEqual([
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ]);

    const orders = byKind('orders', 'NetworkPolicy').spec;
    expect(
      orders.ingress.map((rule: any) => rule.from[0].podSelector.matchLabels['app.kubernetes.io/name']),
    ).toEqual(['gateway', 'worker']);
    expect(orders.egress.slice(1)).toEqual([
      { ports: [{ port: 5432, protocol: 'TCP' }] },
      {
        to: [
          {
            podSelector: {
              matchLabels: { 'app.kubernetes.io/name': 'inventory', 'app.kubernetes.io/part-of': 'shop' },
            },
          },
        ],
        ports: [{ port: 3001, protocol: 'TCP' }],
      },
    ]);
    expect(byKind('worker', 'NetworkPolicy').spec.ingress).toEqual([]);
    // Exposed: from the ingress controller's namespace only, never from anywhere.
    expect(byKind('gateway', 'NetworkPolicy').spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
        ports: [{ port: 'http', protocol: 'TCP' }],
      },
    ]);
  });

  it('keep every label value within 63 characters, even for the longest names', () => {
    const longest = workspaceSchema.parse({
      version: 1,
      name: 'p'.repeat(63),
      services: { ['s'.repeat(63)]: { path: 'services/s', port: 3000 } },
    });
    for (const text of generateServiceManifests(longest, 's'.repeat(63)).values()) {
      const labels = JSON.stringify(parse(text)).match(/"app\.kubernetes\.io\/[a-z-]+":"[^"]*"/g) ?? [];
      for (const label of labels) expect(label.split('":"')[1]?.length ?? 0).toBeLessThanOrEqual(64);
    }
  });

  it('are deterministic', () => {
    expect([...generateServiceManifests(workspace, 'orders')]).toEqual([
      ...generateServiceManifests(workspace, 'orders'),
    ]);
  });
});

describe('the workspace kustomization', () => {
  it('applies every service into a namespace that enforces Pod Security "restricted"', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'msctl-k8s-workspace-'));
    for (const [file, text] of generateKubernetesFiles(workspace)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const { stdout } = await execa('kubectl', ['kustomize', path.join(root, 'k8s/base')]);
    const objects = parseAllDocuments(stdout).map(
      (document) => document.toJS() as Manifest & { metadata: { namespace?: string } },
    );
    const namespace = objects.find((object) => object.kind === 'Namespace');
    expect(namespace?.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.32',
    });
    expect(
      objects
        .filter((object) => object.kind === 'Deployment')
        .map((object) => object.metadata.name)
        .sort(),
    ).toEqual(['gateway', 'inventory', 'orders', 'worker']);
    for (const object of objects) {
      // The vendored 1.32 definitions have no Ingress: kubernetes-models checks it (overlays.test.ts).
      if (object.kind !== 'Ingress')
        expect(validateKubernetesObject(object), `${object.kind} ${object.metadata.name}`).toEqual([]);
      if (object.kind !== 'Namespace') expect(object.metadata.namespace).toBe('shop');
    }
  });
});

describe('the checks themselves catch what they are for', () => {
  const deployment = () => structuredClone(byKind('orders', 'Deployment'));

  it('the strict schema rejects unknown fields, wrong types and missing required fields', () => {
    const unknownField = deployment();
    unknownField.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
    expect(validateKubernetesObject(unknownField).join()).toMatch(
      /must NOT have additional properties: imagePullPolicyy/,
    );
    const wrongType = deployment();
    wrongType.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    expect(validateKubernetesObject(wrongType)).not.toEqual([]);
    const missing = deployment();
    delete missing.spec.selector;
    expect(validateKubernetesObject(missing).join()).toMatch(/must have required property 'selector'/);
    expect(validateKubernetesObject({ apiVersion: 'apps/v1beta1', kind: 'Deployment' })).toEqual([
      'unknown apiVersion/kind apps/v1beta1/Deployment',
    ]);
  });

  it.each([
    ['privileged', (pod: any) => (pod.containers[0].securityContext.privileged = true), /Privileged/],
    [
      'privilege escalation',
      (pod: any) => delete pod.containers[0].securityContext.allowPrivilegeEscalation,
      /Privilege Escalation/,
    ],
    ['root', (pod: any) => (pod.securityContext.runAsUser = 0), /runAsUser: 0/],
    [
      'no runAsNonRoot',
      (pod: any) => {
        delete pod.securityContext.runAsNonRoot;
        delete pod.containers[0].securityContext.runAsNonRoot;
      },
      /Non-root/,
    ],
    [
      'capabilities kept',
      (pod: any) => (pod.containers[0].securityContext.capabilities = { drop: ['NET_RAW'] }),
      /drop ALL/,
    ],
    [
      'capability added',
      (pod: any) => (pod.containers[0].securityContext.capabilities.add = ['SYS_ADMIN']),
      /adds SYS_ADMIN/,
    ],
    [
      'unconfined seccomp',
      (pod: any) => (pod.containers[0].securityContext.seccompProfile = { type: 'Unconfined' }),
      /Seccomp/,
    ],
    ['host path', (pod: any) => pod.volumes.push({ name: 'host', hostPath: { path: '/' } }), /Volume Types/],
    ['host network', (pod: any) => (pod.hostNetwork = true), /Host Namespaces/],
    ['host port', (pod: any) => (pod.containers[0].ports[0].hostPort = 80), /Host Ports/],
  ])('the restricted check flags %s', (_name, breakIt, message) => {
    const pod = deployment().spec.template.spec;
    breakIt(pod);
    expect(restrictedViolations(pod).join('\n')).toMatch(message);
  });
});

import { describe, expect, it } from 'vitest';
import { parseWorkspace } from '../../src/core/config/load.js';
import { LABELS } from '../../src/core/project/labels.js';
import { configHash } from '../../src/core/runtime/container-spec.js';
import { type DesiredState, desiredState } from '../../src/core/runtime/desired.js';
import type { ObservedContainer, ObservedState } from '../../src/core/runtime/observe.js';
import { isNoop, type PlanInput, planUp, renderPlan } from '../../src/core/runtime/plan.js';

const WORKSPACE = `
version: 1
name: shop
images:
  base:
    node: mirror.example/node:24
services:
  orders:
    path: services/orders
    port: 3000
    dependsOn: [postgres, inventory]
    env: { LOG_LEVEL: info }
    secrets: [JWT_SECRET]
    publish: 8080
  inventory:
    path: services/inventory
    port: 3001
    dependsOn: [redis]
infra:
  postgres: { kind: postgres, version: "16" }
  redis: { image: mirror.example/redis:7 }
`;

const SECRETS = { JWT_SECRET: 'super-secret-value', POSTGRES_PASSWORD: 'pg-secret-value' };

function desired(source = WORKSPACE, selection: string[] = []): DesiredState {
  const { config } = parseWorkspace('msctl.yaml', source);
  return desiredState(config, { secrets: SECRETS, selection });
}

const CONTEXT_HASHES = new Map([
  ['orders', 'ctx-orders-1'],
  ['inventory', 'ctx-inventory-1'],
]);

const IMAGE_IDS: Record<string, { id: string; contextHash?: string }> = {
  'shop/orders:local': { id: 'sha256:orders1', contextHash: 'ctx-orders-1' },
  'shop/inventory:local': { id: 'sha256:inventory1', contextHash: 'ctx-inventory-1' },
  'postgres:16': { id: 'sha256:postgres16' },
  'mirror.example/redis:7': { id: 'sha256:redis7' },
};

function emptyObserved(state: DesiredState, images = IMAGE_IDS): ObservedState {
  return {
    project: state.project,
    containers: [],
    networks: [],
    volumes: [],
    foreign: [],
    images: new Map(
      state.containers.map((container) => {
        const image = images[container.image];
        return [container.image, image && { id: image.id, contextHash: image.contextHash }];
      }),
    ),
  };
}

/** The state right after a successful `up` of `state`. */
function runningObserved(state: DesiredState): ObservedState {
  const observed = emptyObserved(state);
  observed.networks = [{ id: 'n1', name: state.network.name }];
  observed.volumes = state.volumes.map((volume) => ({ name: volume.name }));
  observed.containers = state.containers.map((container): ObservedContainer => {
    const imageId = observed.images.get(container.image)?.id as string;
    return {
      id: `id-${container.node}`,
      name: container.name,
      node: container.node,
      kind: container.kind,
      state: 'running',
      status: 'Up 1 minute',
      image: container.image,
      imageId,
      configHash: configHash(container, state.network.name, imageId),
      dependsOn: container.dependsOn,
      ports: [],
      labels: container.labels,
      created: 0,
    };
  });
  return observed;
}

const plan = (input: Partial<PlanInput> & { desired: DesiredState }) =>
  planUp({ observed: emptyObserved(input.desired), contextHashes: CONTEXT_HASHES, ...input });

describe('planUp', () => {
  it('creates everything on an empty engine, dependencies first, secrets masked', () => {
    const state = desired();
    const text = renderPlan(plan({ desired: state }));
    expect(text).toMatchInlineSnapshot(`
      "Plan for project shop:
        create   network shop_default (new)
        create   volume shop_postgres-data (new)
        create   volume shop_redis-data (new)
        create   postgres (new)
                   image  postgres:16
                   env    POSTGRES_DB=shop POSTGRES_PASSWORD=*** POSTGRES_USER=postgres
                   volume shop_postgres-data:/var/lib/postgresql/data
        create   redis (new)
                   image  mirror.example/redis:7
                   volume shop_redis-data:/data
        create   inventory (new)
                   image  shop/inventory:local
                   env    PORT=3001 REDIS_URL=redis://redis:6379
                   ports  127.0.0.1:(any)->3001
                   after  redis
        create   orders (new)
                   image  shop/orders:local
                   env    DATABASE_URL=*** INVENTORY_URL=http://inventory:3001 JWT_SECRET=*** LOG_LEVEL=info PORT=3000
                   ports  127.0.0.1:8080->3000
                   after  postgres, inventory
      "
    `);
    expect(text).not.toContain('super-secret-value');
    expect(text).not.toContain('pg-secret-value');
  });

  it('does nothing when what runs matches', () => {
    const state = desired();
    const result = plan({ desired: state, observed: runningObserved(state) });
    expect(isNoop(result)).toBe(true);
    expect(renderPlan(result)).toMatchInlineSnapshot(`
      "Plan for project shop:
        keep     network shop_default (exists)
        keep     volume shop_postgres-data (exists)
        keep     volume shop_redis-data (exists)
        keep     postgres (up to date)
        keep     redis (up to date)
        keep     inventory (up to date)
        keep     orders (up to date)
      "
    `);
  });

  it('recreates only the service whose config changed', () => {
    const before = desired();
    const after = desired(WORKSPACE.replace('LOG_LEVEL: info', 'LOG_LEVEL: debug'));
    const result = plan({ desired: after, observed: runningObserved(before) });
    expect(result.containers.map((step) => `${step.action} ${step.node}: ${step.cause}`)).toEqual([
      'keep postgres: up to date',
      'keep redis: up to date',
      'keep inventory: up to date',
      'recreate orders: config changed',
    ]);
  });

  it('rebuilds a service whose context changed and recreates its container', () => {
    const state = desired();
    const hashes = new Map(CONTEXT_HASHES).set('inventory', 'ctx-inventory-2');
    const result = plan({ desired: state, observed: runningObserved(state), contextHashes: hashes });
    expect(result.images).toEqual([
      expect.objectContaining({ action: 'build', node: 'inventory', cause: 'build context changed' }),
    ]);
    expect(result.containers.find((step) => step.node === 'inventory')).toMatchObject({
      action: 'recreate',
      cause: 'image will be rebuilt',
      configHash: undefined,
    });
  });

  it('prints steps as reasons in the order they happen: removals, images, then containers by dependency', () => {
    const state = desired();
    const observed = runningObserved(state);
    observed.containers.push({
      ...(observed.containers[0] as ObservedContainer),
      id: 'id-legacy',
      name: 'shop-legacy',
      node: 'legacy',
    });
    observed.images.delete('mirror.example/redis:7');
    observed.containers = observed.containers.filter((container) => container.node !== 'redis');
    const hashes = new Map(CONTEXT_HASHES).set('inventory', 'ctx-inventory-2');
    const text = renderPlan(plan({ desired: state, observed, contextHashes: hashes }));
    expect(text).toMatchInlineSnapshot(`
      "Plan for project shop:
        keep     network shop_default (exists)
        keep     volume shop_postgres-data (exists)
        keep     volume shop_redis-data (exists)
        remove   shop-legacy (no longer in msctl.yaml)
        pull     redis (not pulled yet)
                   image  mirror.example/redis:7
        build    inventory (build context changed)
                   image  shop/inventory:local
        keep     postgres (up to date)
        create   redis (new)
                   image  mirror.example/redis:7
                   volume shop_redis-data:/data
        recreate inventory (image will be rebuilt)
                   image  shop/inventory:local
                   env    PORT=3001 REDIS_URL=redis://redis:6379
                   ports  127.0.0.1:(any)->3001
                   after  redis
        keep     orders (up to date)
      "
    `);
  });

  it('says image changed when the image id differs', () => {
    const state = desired();
    const observed = runningObserved(state);
    observed.images.set('postgres:16', { id: 'sha256:postgres16-patched', contextHash: undefined });
    const step = plan({ desired: state, observed }).containers.find(
      (candidate) => candidate.node === 'postgres',
    );
    expect(step).toMatchObject({ action: 'recreate', cause: 'image changed' });
  });

  it('changes the config hash when a secret changes, without showing it', () => {
    const state = desired();
    const { config } = parseWorkspace('msctl.yaml', WORKSPACE);
    const rotated = desiredState(config, { secrets: { ...SECRETS, JWT_SECRET: 'rotated' } });
    const result = plan({ desired: rotated, observed: runningObserved(state) });
    const orders = result.containers.find((step) => step.node === 'orders');
    expect(orders).toMatchObject({ action: 'recreate', cause: 'config changed' });
    expect(renderPlan(result)).not.toContain('rotated');
  });

  it('starts a stopped container and names dependencies of the requested service', () => {
    const state = desired(WORKSPACE, ['inventory']);
    const observed = runningObserved(state);
    (observed.containers[0] as ObservedContainer).state = 'exited';
    const result = plan({ desired: state, observed, requested: ['inventory'] });
    expect(renderPlan(result)).toMatchInlineSnapshot(`
      "Plan for project shop:
        keep     network shop_default (exists)
        keep     volume shop_redis-data (exists)
        start    redis (was stopped, needed by inventory)
        keep     inventory (up to date)
      "
    `);
  });

  it('pulls a missing infra image, builds missing service images and refuses --no-build without them', () => {
    const state = desired();
    const observed = emptyObserved(state, { 'postgres:16': { id: 'sha256:postgres16' } });
    expect(
      plan({ desired: state, observed }).images.map((image) => `${image.action} ${image.image}`),
    ).toEqual(['pull mirror.example/redis:7', 'build shop/inventory:local', 'build shop/orders:local']);
    expect(plan({ desired: state, observed, build: 'never' }).problems).toEqual([
      'image shop/inventory:local of inventory does not exist and --no-build was given',
      'image shop/orders:local of orders does not exist and --no-build was given',
    ]);
    expect(
      plan({ desired: desired(), build: 'always', observed: runningObserved(desired()) }).images,
    ).toHaveLength(2);
  });

  it('removes containers of services no longer in msctl.yaml and reports foreign name clashes', () => {
    const state = desired();
    const observed = runningObserved(state);
    observed.containers.push({
      ...(observed.containers[0] as ObservedContainer),
      id: 'id-legacy',
      name: 'shop-legacy',
      node: 'legacy',
    });
    observed.containers = observed.containers.filter((container) => container.node !== 'redis');
    observed.foreign = [{ id: 'x', name: 'shop-redis', project: undefined }];
    const text = renderPlan(plan({ desired: state, observed }));
    expect(text).toContain('remove   shop-legacy');
    expect(text).toContain('conflict shop-redis');
  });

  it('recreates every container when the network is gone', () => {
    const state = desired();
    const observed = runningObserved(state);
    observed.networks = [];
    const result = plan({ desired: state, observed });
    expect(result.network.action).toBe('create');
    expect(new Set(result.containers.map((step) => step.cause))).toEqual(
      new Set(['its network was removed']),
    );
  });
});

describe('desiredState', () => {
  it('injects connection settings, labels and loopback ports', () => {
    const orders = desired().containers.find((container) => container.node === 'orders');
    expect(orders?.env).toEqual({
      PORT: '3000',
      DATABASE_URL: 'postgres://postgres:pg-secret-value@postgres:5432/shop',
      INVENTORY_URL: 'http://inventory:3001',
      LOG_LEVEL: 'info',
      JWT_SECRET: 'super-secret-value',
    });
    expect(orders?.secretNames).toEqual(['DATABASE_URL', 'JWT_SECRET']);
    expect(orders?.labels).toEqual({
      [LABELS.project]: 'shop',
      [LABELS.service]: 'orders',
      [LABELS.kind]: 'service',
      [LABELS.dependsOn]: 'inventory,postgres',
      [LABELS.readiness]: '{"kind":"http","path":"/readyz","port":3000}',
    });
    expect(orders?.ports).toEqual([{ containerPort: 3000, hostIp: '127.0.0.1', hostPort: 8080 }]);
    expect(orders?.build?.buildArgs).toEqual({ NODE_IMAGE: 'mirror.example/node:24' });
  });

  it('prefixes database URLs when a service depends on two databases of one kind', () => {
    const source = `${WORKSPACE}  reports: { kind: postgres }\n`.replace(
      'dependsOn: [postgres, inventory]',
      'dependsOn: [postgres, reports]',
    );
    const orders = desired(source).containers.find((container) => container.node === 'orders');
    expect(Object.keys(orders?.env ?? {})).toEqual(
      expect.arrayContaining(['POSTGRES_DATABASE_URL', 'REPORTS_DATABASE_URL']),
    );
    expect(orders?.env.REPORTS_DATABASE_URL).toContain('@reports:5432/');
  });

  it('URL-encodes a postgres password with reserved characters into DATABASE_URL', () => {
    const { config } = parseWorkspace('msctl.yaml', WORKSPACE);
    const state = desiredState(config, { secrets: { ...SECRETS, POSTGRES_PASSWORD: 'p@ss:w/rd#1' } });
    const orders = state.containers.find((container) => container.node === 'orders');
    expect(new URL(orders?.env.DATABASE_URL ?? '').password).toBe(encodeURIComponent('p@ss:w/rd#1'));
    expect(decodeURIComponent(new URL(orders?.env.DATABASE_URL ?? '').password)).toBe('p@ss:w/rd#1');
    expect(state.containers.find((container) => container.node === 'postgres')?.env.POSTGRES_PASSWORD).toBe(
      'p@ss:w/rd#1',
    );
  });

  it('rejects unknown services in the selection with the known names', () => {
    expect(() => desired(WORKSPACE, ['ordrs'])).toThrowErrorMatchingInlineSnapshot(
      `[UserError: Unknown service: ordrs.]`,
    );
  });
});

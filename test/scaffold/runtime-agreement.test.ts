import { describe, expect, it } from 'vitest';
import { workspaceSchema } from '../../src/core/config/schema.js';
import { resolveDependencies } from '../../src/core/generate/dependencies.js';
import { desiredState } from '../../src/core/runtime/desired.js';

/**
 * A template reads each dependency's URL from the variable resolveDependencies names; `msctl up` sets the
 * variables. If the two ever disagree, a scaffolded service fails to start locally: this keeps them together.
 */
describe('the variables a template reads are the ones msctl up sets', () => {
  it.each([
    ['one of each kind', ['inventory', 'postgres', 'cache', 'broker']],
    ['two databases', ['postgres', 'orders-db']],
    ['a service with a dash in its name', ['inventory-api']],
    ['nothing', []],
  ])('%s', (_label, dependsOn) => {
    const workspace = workspaceSchema.parse({
      version: 1,
      name: 'shop',
      services: {
        inventory: { path: 'services/inventory', port: 3001 },
        'inventory-api': { path: 'services/inventory-api', port: 3002 },
        orders: { path: 'services/orders', port: 3000, dependsOn },
      },
      infra: {
        postgres: { kind: 'postgres' },
        'orders-db': { kind: 'postgres' },
        cache: { kind: 'redis' },
        broker: { kind: 'rabbitmq' },
      },
    });
    const container = desiredState(workspace, { secrets: {} }).containers.find(
      (item) => item.node === 'orders',
    );
    const set = Object.keys(container?.env ?? {}).filter((name) => name.endsWith('_URL'));
    const read = resolveDependencies(dependsOn, workspace).map((dependency) => dependency.envName);
    expect(read.sort()).toEqual(set.sort());
  });
});

import { describe, expect, it } from 'vitest';
import { parseWorkspace } from '../../src/core/config/load.js';
import { ServiceGraph } from '../../src/core/project/graph.js';
import { renderGraph } from '../../src/core/project/render-graph.js';

const { config } = parseWorkspace(
  'msctl.yaml',
  `version: 1
name: shop
services:
  gateway: { path: g, port: 8080, dependsOn: [orders, users] }
  orders: { path: o, port: 3000, dependsOn: [postgres, inventory] }
  inventory: { path: i, port: 3001, dependsOn: [postgres] }
  users: { path: u, port: 3002, dependsOn: [redis] }
infra:
  postgres: { version: "16" }
  redis: {}
`,
);
const graph = ServiceGraph.fromWorkspace(config);

describe('ServiceGraph', () => {
  it('orders start-up in levels whose dependencies all come earlier', () => {
    expect(graph.levels()).toEqual([['postgres', 'redis'], ['inventory', 'users'], ['orders'], ['gateway']]);
  });

  it('starts a named service with its transitive dependencies only', () => {
    expect([...graph.closure(['orders'])].sort()).toEqual(['inventory', 'orders', 'postgres']);
    expect(graph.levels(graph.closure(['orders']))).toEqual([['postgres'], ['inventory'], ['orders']]);
  });

  it('names what a failing node blocks', () => {
    expect(graph.blockedBy('postgres')).toEqual(['gateway', 'inventory', 'orders']);
    expect(graph.dependentsOf('postgres')).toEqual(['inventory', 'orders']);
  });

  it('refuses unknown names', () => {
    expect(() => graph.closure(['payments'])).toThrow(/unknown service "payments"/);
  });

  it('finds each cycle once, spelled from where it was entered', () => {
    const cyclic = new ServiceGraph([
      { name: 'a', kind: 'service', dependsOn: ['b'] },
      { name: 'b', kind: 'service', dependsOn: ['c'] },
      { name: 'c', kind: 'service', dependsOn: ['a', 'd'] },
      { name: 'd', kind: 'service', dependsOn: ['d'] },
    ]);
    expect(cyclic.findCycles()).toEqual([
      ['a', 'b', 'c', 'a'],
      ['d', 'd'],
    ]);
  });
});

describe('renderGraph', () => {
  it('draws a tree for the terminal', () => {
    expect(renderGraph(config, 'text')).toMatchInlineSnapshot(`
      "gateway :8080
      ├─ orders :3000
      │  ├─ inventory :3001
      │  │  └─ postgres (postgres 16)
      │  └─ postgres (postgres 16)
      └─ users :3002
         └─ redis (redis)"
    `);
  });

  it('writes Mermaid with infra as cylinders', () => {
    expect(renderGraph(config, 'mermaid')).toMatchInlineSnapshot(`
      "flowchart TD
        gateway["gateway :8080"]
        inventory["inventory :3001"]
        orders["orders :3000"]
        postgres[("postgres (postgres 16)")]
        redis[("redis (redis)")]
        users["users :3002"]
        gateway --> orders
        gateway --> users
        orders --> postgres
        orders --> inventory
        inventory --> postgres
        users --> redis"
    `);
  });

  it('writes Graphviz DOT', () => {
    expect(renderGraph(config, 'dot')).toMatchInlineSnapshot(`
      "digraph msctl {
        rankdir=LR;
        "gateway" [label="gateway :8080", shape=box];
        "inventory" [label="inventory :3001", shape=box];
        "orders" [label="orders :3000", shape=box];
        "postgres" [label="postgres (postgres 16)", shape=cylinder];
        "redis" [label="redis (redis)", shape=cylinder];
        "users" [label="users :3002", shape=box];
        "gateway" -> "orders";
        "gateway" -> "users";
        "orders" -> "postgres";
        "orders" -> "inventory";
        "inventory" -> "postgres";
        "users" -> "redis";
      }"
    `);
  });
});

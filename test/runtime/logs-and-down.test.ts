import { describe, expect, it } from 'vitest';
import { shutdownLevels } from '../../src/core/runtime/down.js';
import { parseSince } from '../../src/core/runtime/logs.js';
import type { ObservedContainer } from '../../src/core/runtime/observe.js';

const container = (node: string, dependsOn: string[]): ObservedContainer => ({
  id: `id-${node}`,
  name: `shop-${node}`,
  node,
  kind: 'service',
  state: 'running',
  status: 'Up',
  image: 'image',
  imageId: 'sha256:1',
  configHash: undefined,
  dependsOn,
  ports: [],
  labels: {},
  created: 0,
});

describe('shutdownLevels', () => {
  it('stops dependents before what they depend on, from labels alone', () => {
    const levels = shutdownLevels([
      container('postgres', []),
      container('inventory', ['postgres']),
      container('orders', ['inventory', 'postgres']),
      container('gateway', ['orders']),
      container('redis', []),
    ]);
    expect(levels.map((level) => level.map((item) => item.node))).toEqual([
      ['gateway'],
      ['orders'],
      ['inventory'],
      ['postgres', 'redis'],
    ]);
  });

  it('ignores dependencies that no longer run (a partial up, a crash)', () => {
    const levels = shutdownLevels([
      container('orders', ['inventory', 'postgres']),
      container('postgres', []),
    ]);
    expect(levels.map((level) => level.map((item) => item.node))).toEqual([['orders'], ['postgres']]);
  });
});

describe('parseSince', () => {
  const now = Date.parse('2026-01-31T12:00:00Z');
  it.each([
    ['90s', now / 1000 - 90],
    ['10m', now / 1000 - 600],
    ['2h', now / 1000 - 7200],
    ['1700000000', 1_700_000_000],
    ['2026-01-31T11:00:00Z', now / 1000 - 3600],
  ])('%s', (value, expected) => {
    expect(parseSince(value, now)).toBe(expected);
  });

  it('rejects what is neither a duration nor a time, saying what works', () => {
    expect(() => parseSince('yesterday', now)).toThrow('--since yesterday is neither a duration nor a time.');
  });
});

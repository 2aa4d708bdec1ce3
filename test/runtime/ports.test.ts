import { describe, expect, it } from 'vitest';
import { containerCreateOptions } from '../../src/core/runtime/container-spec.js';
import type { DesiredContainer } from '../../src/core/runtime/desired.js';
import type { ObservedContainer } from '../../src/core/runtime/observe.js';
import { isPortTaken, keepHostPorts } from '../../src/core/runtime/ports.js';

const desired = (ports: DesiredContainer['ports']): DesiredContainer => ({
  node: 'orders',
  kind: 'service',
  name: 'shop-orders',
  image: 'shop/orders:local',
  env: {},
  secretNames: [],
  ports,
  readiness: { kind: 'http', path: '/readyz', port: 3000 },
  volumes: [],
  dependsOn: [],
  labels: {},
});

const existing = (ports: ObservedContainer['ports']) => ({ ports }) as ObservedContainer;

describe('keepHostPorts', () => {
  it('asks for the ephemeral port the replaced container had', () => {
    const container = desired([{ containerPort: 3000, hostIp: '127.0.0.1' }]);
    const options = containerCreateOptions(container, 'shop_default');
    const kept = keepHostPorts(
      options,
      container,
      existing([{ containerPort: 3000, hostIp: '127.0.0.1', hostPort: 32775 }]),
    );
    expect(kept?.HostConfig?.PortBindings).toEqual({
      '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '32775' }],
    });
    // The create body that is hashed is left as it was: keeping a port is no config change.
    expect(options.HostConfig?.PortBindings).toEqual({ '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] });
  });

  it('changes nothing for a published port, a new container, or one that had no host port', () => {
    const published = desired([{ containerPort: 3000, hostIp: '127.0.0.1', hostPort: 8080 }]);
    expect(
      keepHostPorts(
        containerCreateOptions(published, 'net'),
        published,
        existing([{ containerPort: 3000, hostIp: '127.0.0.1', hostPort: 8080 }]),
      ),
    ).toBeUndefined();
    const ephemeral = desired([{ containerPort: 3000, hostIp: '127.0.0.1' }]);
    expect(keepHostPorts(containerCreateOptions(ephemeral, 'net'), ephemeral, undefined)).toBeUndefined();
    expect(
      keepHostPorts(
        containerCreateOptions(ephemeral, 'net'),
        ephemeral,
        existing([{ containerPort: 3000, hostIp: undefined, hostPort: undefined }]),
      ),
    ).toBeUndefined();
  });
});

describe('isPortTaken', () => {
  it("recognises the engine's words for a port someone else holds", () => {
    expect(
      isPortTaken({
        json: {
          message:
            'driver failed programming external connectivity: Bind for 127.0.0.1:32775 failed: port is already allocated',
        },
      }),
    ).toBe(true);
    expect(isPortTaken(new Error('listen tcp4 127.0.0.1:32775: bind: address already in use'))).toBe(true);
    expect(isPortTaken(new Error('No such image'))).toBe(false);
  });
});

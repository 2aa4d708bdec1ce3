import { describe, expect, it } from 'vitest';
import { addServiceToWorkspace } from '../../src/core/config/edit.js';
import { parseWorkspace } from '../../src/core/config/load.js';
import { STRING_LIMITS } from '../../src/core/config/schema.js';

const documented = `version: 1
name: shop                       # DNS-1123 label: container labels, k8s namespace, network name
images:
  registry: ghcr.io/acme/shop    # where CI pushes and where k8s pulls from

# Our services
services:
  orders:
    path: services/orders
    port: 3000
    dependsOn: [ postgres ]      # padded, as this user likes it
    env: { LOG_LEVEL: info }
    secrets: [JWT_SECRET]        # values from a gitignored .env locally
  # inventory is planned
infra:                           # backing services, official images by default
  postgres: { kind: postgres, version: "16" }

governance:
  extends: [msctl:recommended]   # or a Spectral-style ruleset file
`;

const addition = {
  name: 'billing',
  service: {
    path: 'services/billing',
    port: 3001,
    dependsOn: ['postgres', 'redis'],
    description: 'Bills: "all" # of them',
  },
  infra: { redis: { kind: 'redis' as const, version: '8' } },
};

/** The lines of `after` with the lines of `before` removed in order: what was added, if nothing was changed. */
function addedLines(before: string, after: string): string[] {
  const remaining = before.split('\n');
  const added: string[] = [];
  for (const line of after.split('\n')) {
    if (remaining[0] === line) remaining.shift();
    else added.push(line);
  }
  expect(remaining, 'every original line is still there, in order').toEqual([]);
  return added;
}

describe('addServiceToWorkspace', () => {
  it('adds the service and its infra without changing a byte of what the user wrote', () => {
    const result = addServiceToWorkspace(documented, addition);
    expect(addedLines(documented, result)).toEqual([
      '  billing:',
      '    path: services/billing',
      '    port: 3001',
      '    dependsOn: [postgres, redis]',
      '    description: \'Bills: "all" # of them\'',
      '  redis:',
      '    kind: redis',
      '    version: "8"',
    ]);
    const { config } = parseWorkspace('msctl.yaml', result);
    expect(config.services.billing).toMatchObject({ port: 3001, description: 'Bills: "all" # of them' });
    expect(config.infra.redis).toEqual({ kind: 'redis', version: '8' });
    expect(result.indexOf('  billing:')).toBeLessThan(result.indexOf('infra:'));
  });

  it.each([
    ['an empty flow mapping', 'version: 1\nname: shop\nservices: {}\ninfra: {}\n'],
    ['a key without a value', 'version: 1\nname: shop\nservices:\ninfra:\n'],
    ['no sections at all', 'version: 1\nname: shop\n'],
    ['no newline at the end', 'version: 1\nname: shop\nservices: {}'],
    [
      'Windows line endings',
      'version: 1\r\nname: shop\r\nservices:\r\n  a:\r\n    path: a\r\n    port: 1\r\n',
    ],
    [
      'a comment after the last entry',
      'version: 1\nname: shop\nservices:\n  a:\n    path: a\n    port: 1\n# the end\n',
    ],
  ])('gives a valid workspace from %s', (_label, source) => {
    const result = addServiceToWorkspace(source, {
      ...addition,
      infra: { ...addition.infra, postgres: { kind: 'postgres', version: '17' } },
    });
    expect(result).not.toMatch(/[ \t]$/m);
    const { config } = parseWorkspace('msctl.yaml', result);
    expect(config.services.billing?.dependsOn).toEqual(['postgres', 'redis']);
    expect(config.infra.redis?.kind).toBe('redis');
    expect(Object.keys(config.infra)).toContain('redis');
  });

  it.each([
    'line one\nline two',
    'tab\there, bell \u0007, nul \u0000',
    '{{service.name}} & *anchor &alias !tag %directive @at `tick`',
    '- looks like a list',
    '? looks like a key',
    '  leading and trailing spaces  ',
    'yes',
    '0x1F',
    'ünïcödé ✓ \u2028 separator',
    'x'.repeat(STRING_LIMITS.description),
  ])('records the description %j exactly', (description) => {
    const result = addServiceToWorkspace(documented, {
      ...addition,
      service: { ...addition.service, description },
    });
    expect(parseWorkspace('msctl.yaml', result).config.services.billing?.description).toBe(description);
    addedLines(documented, result);
  });

  it('keeps existing infra as the user configured it', () => {
    const result = addServiceToWorkspace(documented, {
      ...addition,
      infra: { postgres: { kind: 'postgres', version: '17' } },
    });
    expect(result).toContain('postgres: { kind: postgres, version: "16" }');
    expect(result).not.toContain('"17"');
  });

  it('refuses a service that is already there unless told to replace it', () => {
    const entry = { name: 'orders', service: { path: 'services/orders', port: 3005 } };
    expect(() => addServiceToWorkspace(documented, entry)).toThrow(/already in msctl.yaml/);
    const replaced = parseWorkspace(
      'msctl.yaml',
      addServiceToWorkspace(documented, { ...entry, replace: true }),
    );
    expect(replaced.config.services.orders?.port).toBe(3005);
  });
});

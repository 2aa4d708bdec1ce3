import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOutput } from '../../src/cli/output.js';
import { renderConfigError } from '../../src/cli/run-cli.js';
import { loadWorkspace, MAX_WORKSPACE_BYTES, parseWorkspace } from '../../src/core/config/load.js';
import { ConfigError, UserError } from '../../src/core/errors.js';
import { useTempDirectories } from '../support/temp.js';

function problemsOf(source: string): string[] {
  try {
    parseWorkspace('msctl.yaml', source);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.issues.map((issue) => `${issue.line}:${issue.column} ${issue.code} ${issue.message}`);
    }
    throw error;
  }
  return [];
}

const SEVERAL_MISTAKES = `version: 1
name: shop
services:
  orders:
    path: services/orders
    prot: 3000
    port: "x"
    dependsOn: [inventory, payments]
  inventory:
    path: services/inventory
    port: 3001
    dependsOn: [orders]
`;

describe('parseWorkspace', () => {
  it('fills in defaults for a minimal workspace', () => {
    const { config } = parseWorkspace(
      'msctl.yaml',
      'version: 1\nname: shop\nservices:\n  orders: { path: services/orders, port: 3000, dependsOn: [postgres] }\ninfra:\n  postgres: { version: "16" }\n',
    );
    expect(config.services.orders).toMatchObject({
      runtime: 'node',
      dockerfile: 'Dockerfile',
      health: { liveness: '/healthz', readiness: '/readyz' },
      dependsOn: ['postgres'],
      replicas: 2,
    });
    expect(config.images.base.node).toMatch(/^node:24-bookworm-slim@sha256:[0-9a-f]{64}$/);
    expect(config.governance.extends).toEqual(['msctl:recommended']);
  });

  it('reports every mistake at once, each at its line and column, with the cycle spelled out', () => {
    expect(problemsOf(SEVERAL_MISTAKES)).toEqual([
      '6:5 unknown-key unknown key "prot" in services.orders (did you mean "port"?)',
      '7:11 invalid-value services.orders.port: expected a number such as 3000, got the string "x"',
      '8:28 unknown-dependency "orders" depends on "payments", which is neither a service nor infra in this workspace',
      '12:17 dependency-cycle dependency cycle: orders -> inventory -> orders',
    ]);
  });

  it('renders problems with a code frame and says what to do', () => {
    let error: unknown;
    try {
      parseWorkspace('msctl.yaml', SEVERAL_MISTAKES);
    } catch (caught) {
      error = caught;
    }
    const output = createOutput({ stdout: process.stdout, stderr: process.stderr, env: { NO_COLOR: '1' } });
    expect(renderConfigError(error as ConfigError, output)).toMatchInlineSnapshot(`
      "msctl.yaml:6:5 error unknown key "prot" in services.orders (did you mean "port"?) [unknown-key]
        5 |     path: services/orders
      > 6 |     prot: 3000
          |     ^^^^
        7 |     port: "x"

      msctl.yaml:7:11 error services.orders.port: expected a number such as 3000, got the string "x" [invalid-value]
        6 |     prot: 3000
      > 7 |     port: "x"
          |           ^^^
        8 |     dependsOn: [inventory, payments]

      msctl.yaml:8:28 error "orders" depends on "payments", which is neither a service nor infra in this workspace [unknown-dependency]
        7 |     port: "x"
      > 8 |     dependsOn: [inventory, payments]
          |                            ^^^^^^^^
        9 |   inventory:

      msctl.yaml:12:17 error dependency cycle: orders -> inventory -> orders [dependency-cycle]
        11 |     port: 3001
      > 12 |     dependsOn: [orders]
           |                 ^^^^^^
        13 |

      msctl.yaml has 4 problems. Fix them and run the command again; \`msctl schema\` prints the JSON Schema editors can check it with."
    `);
  });

  it.each([
    [
      'a name that is not a DNS-1123 label',
      'services:\n  Orders_1: { path: o, port: 1 }\n',
      '4:3 invalid-name',
    ],
    [
      'a name longer than 63 characters',
      `services:\n  ${'a'.repeat(64)}: { path: o, port: 1 }\n`,
      '4:3 invalid-name',
    ],
    [
      'a service name that starts with a digit, which create-service refuses',
      'services:\n  1orders: { path: o, port: 1 }\n',
      '4:3 invalid-name',
    ],
    ['an infra name that starts with a digit', 'infra:\n  2cache: { kind: redis }\n', '4:3 invalid-name'],
    [
      'a dependency named against the rule',
      'services:\n  orders: { path: o, port: 1, dependsOn: [9lives] }\n',
      '4:43 invalid-value',
    ],
    [
      'a description over its limit',
      `services:\n  orders: { path: o, port: 1, description: ${'x'.repeat(1001)} }\n`,
      '4:44 invalid-value',
    ],
    [
      'a path that leaves the workspace',
      'services:\n  orders: { path: ../../etc, port: 1 }\n',
      '4:19 invalid-value',
    ],
    ['an absolute path', 'services:\n  orders: { path: /etc, port: 1 }\n', '4:19 invalid-value'],
    [
      'a self-dependency',
      'services:\n  orders: { path: o, port: 1, dependsOn: [orders] }\n',
      '4:43 self-dependency',
    ],
    [
      'a route to an unknown service',
      'services:\n  gw: { path: g, port: 1, routes: [{ path: /o, service: nope }] }\n',
      '4:57 unknown-route-target',
    ],
    [
      'two services on one port',
      'services:\n  a: { path: a, port: 80 }\n  b: { path: b, port: 80 }\n',
      '5:23 port-clash',
    ],
    [
      'two services publishing one host port',
      'services:\n  a: { path: a, port: 1, publish: 8080 }\n  b: { path: b, port: 2, publish: 8080 }\n',
      '5:35 publish-clash',
    ],
    ['infra of unknown kind', 'infra:\n  cache: {}\n', '4:3 missing-kind'],
    [
      'a name used twice',
      'services:\n  postgres: { path: p, port: 1 }\ninfra:\n  postgres: {}\n',
      '6:3 duplicate-name',
    ],
    ['a missing required key', 'services:\n  orders: { path: o }\n', '4:3 missing-key'],
    [
      'replicas.min above max',
      'services:\n  a: { path: a, port: 1, replicas: { min: 5, max: 2 } }\n',
      '4:43 replicas-range',
    ],
  ])('rejects %s', (_title, body, expected) => {
    const problems = problemsOf(`version: 1\nname: shop\n${body}`);
    expect(
      problems.some((problem) => problem.startsWith(expected)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problemsOf('version: 1\nname: [shop\n')[0]).toMatch(/^\d+:\d+ yaml-syntax /);
  });

  it('rejects duplicate keys rather than silently keeping one', () => {
    expect(problemsOf('version: 1\nname: a\nname: b\n')[0]).toMatch(
      /^3:1 duplicate-key duplicate key "name"/,
    );
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const problems = problemsOf(`version: 1\nname: bomb\n${levels.join('\n')}\n`);
    expect(problems[0]).toMatch(/yaml-aliases .*alias/i);
  });
});

describe('loadWorkspace', () => {
  const temporary = useTempDirectories();

  it('finds msctl.yaml upward from the working folder', async () => {
    const root = await temporary();
    await writeFile(path.join(root, 'msctl.yaml'), 'version: 1\nname: shop\n');
    const nested = path.join(root, 'services/orders/src');
    await import('node:fs/promises').then((fs) => fs.mkdir(nested, { recursive: true }));
    const workspace = await loadWorkspace({ cwd: nested });
    expect(workspace.root).toBe(root);
    expect(workspace.config.name).toBe('shop');
  });

  it('says how to create a workspace when there is none', async () => {
    const root = await temporary();
    await expect(loadWorkspace({ cwd: root })).rejects.toThrow(/No msctl.yaml found/);
    await expect(loadWorkspace({ cwd: root })).rejects.toBeInstanceOf(UserError);
  });

  it('refuses a huge file before parsing it', async () => {
    const root = await temporary();
    await writeFile(
      path.join(root, 'msctl.yaml'),
      `version: 1\nname: shop\n#${'x'.repeat(MAX_WORKSPACE_BYTES)}\n`,
    );
    await expect(loadWorkspace({ cwd: root })).rejects.toThrow(/at most 1048576 bytes/);
  });

  it('names the file relative to the working folder in problems', async () => {
    const root = await temporary();
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(root, 'sub')));
    await writeFile(path.join(root, 'sub/msctl.yaml'), 'version: 2\nname: shop\n');
    const error = await loadWorkspace({ cwd: root, configFile: 'sub/msctl.yaml' }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]).toMatchObject({
      file: path.join('sub', 'msctl.yaml'),
      line: 1,
      column: 10,
    });
  });
});

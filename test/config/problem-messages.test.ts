import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOutput } from '../../src/cli/output.js';
import { renderConfigError } from '../../src/cli/run-cli.js';
import { loadWorkspace, parseWorkspace } from '../../src/core/config/load.js';
import { ConfigError } from '../../src/core/errors.js';
import { useTempDirectories } from '../support/temp.js';

function errorOf(source: string): ConfigError {
  try {
    parseWorkspace('msctl.yaml', source);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the workspace was accepted');
}

const problemsOf = (source: string) =>
  errorOf(source).issues.map((issue) => `${issue.line}:${issue.column} ${issue.code} ${issue.message}`);

const plain = createOutput({ stdout: process.stdout, stderr: process.stderr, env: { NO_COLOR: '1' } });
const HEAD = 'version: 1\nname: shop\nservices:\n  orders:\n';

describe('configuration problems a person can act on', () => {
  it('reports a tab in indentation as one problem that names the tab', () => {
    expect(problemsOf(`${HEAD}    path: services/orders\n\tport: 3000\n    dependsOn: [postgres]\n`)).toEqual(
      [
        '6:1 tab-indentation a tab character indents this line; YAML indents with spaces only: replace the tab with spaces',
      ],
    );
  });

  it('reports a file indented with tabs throughout as one problem that lists the other lines', () => {
    expect(problemsOf('version: 1\nname: shop\nservices:\n\torders:\n\t\tpath: o\n\t\tport: 3000\n')).toEqual(
      [
        '4:1 tab-indentation a tab character indents this line (lines 5, 6 too); YAML indents with spaces only: replace the tab with spaces',
      ],
    );
  });

  it('names a duplicate key and where it first appears', () => {
    expect(problemsOf(`${HEAD}    path: services/orders\n    port: 3000\n    port: 3001\n`)).toEqual([
      '7:5 duplicate-key duplicate key "port" in services.orders: first at line 6, column 5; keep one of them',
    ]);
    expect(problemsOf('version: 1\nname: a\nname: b\n')).toEqual([
      '3:1 duplicate-key duplicate key "name": first at line 2, column 1; keep one of them',
    ]);
  });

  it.each([
    [
      '    path: o\n    port: three thousand\n',
      '6:11 services.orders.port: expected a number such as 3000, got the string "three thousand"',
    ],
    [
      '    path: o\n    port: 3000.5\n',
      '6:11 services.orders.port: expected a whole number such as 3000, got the number 3000.5',
    ],
    [
      '    path: o\n    port:\n',
      '6:10 services.orders.port: expected a number such as 3000, got nothing (the key has no value)',
    ],
    [
      '    path: o\n    port: 1\n    dependsOn: postgres\n',
      '7:16 services.orders.dependsOn: expected a list such as [postgres, inventory], got the string "postgres"',
    ],
    [
      '    path: o\n    port: 1\n    env: [A]\n',
      '7:10 services.orders.env: expected a mapping such as { LOG_LEVEL: info }, got a list of 1 item',
    ],
    [
      '    path: o\n    port: 1\n    publish: local\n',
      '7:14 services.orders.publish: expected a number such as 8080 or a mapping such as { port: 8080, host: 127.0.0.1 }, got the string "local"',
    ],
    [
      '    path: 3\n    port: 1\n',
      '5:11 services.orders.path: expected a string such as "services/orders", got the number 3',
    ],
  ])('says what a wrong type should be, with an example: %j', (body, expected) => {
    const problems = errorOf(`${HEAD}${body}`).issues.map(
      (issue) => `${issue.line}:${issue.column} ${issue.message}`,
    );
    expect(problems).toEqual([expected]);
  });

  it('says which value version takes', () => {
    expect(problemsOf('version: "1"\nname: shop\n')).toEqual([
      '1:10 invalid-value version: expected 1, got the string "1"',
    ]);
  });

  it('never sends control characters or escape sequences of the file to the terminal', () => {
    const source =
      'version: 1\nname: "shop\\e[2J"\nservices:\n  orders:\n    path: o\n    port: 1\n    "po\\e[31mrt": 2\n\u001b[2Jx: 1\n';
    const rendered = renderConfigError(errorOf(source), plain);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is that there are none
    expect(rendered).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(rendered).toMatchInlineSnapshot(`
      "msctl.yaml:2:7 error name: must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit [invalid-value]
        1 | version: 1
      > 2 | name: "shop\\e[2J"
          |       ^^^^^^^^^^^
        3 | services:

      msctl.yaml:7:5 error unknown key "po\\e[31mrt" in services.orders [unknown-key]
        6 |     port: 1
      > 7 |     "po\\e[31mrt": 2
          |     ^^^^^^^^^^^^
        8 | \\e[2Jx: 1

      msctl.yaml:8:1 error unknown key "\\e[2Jx" [unknown-key]
        7 |     "po\\e[31mrt": 2
      > 8 | \\e[2Jx: 1
          | ^^^^^^
        9 |

      msctl.yaml has 3 problems. Fix them and run the command again; \`msctl schema\` prints the JSON Schema editors can check it with."
    `);
  });

  it('keeps the underline under the text when escapes come before it on the line', () => {
    const source = 'version: 1\nname: shop\nservices:\n  orders: { path: "a\u001b\u001bb", port: x }\n';
    const rendered = renderConfigError(errorOf(source), plain);
    expect(rendered.split('\n').slice(0, 4).join('\n')).toMatchInlineSnapshot(`
      "msctl.yaml:4:33 error services.orders.port: expected a number such as 3000, got the string "x" [invalid-value]
        3 | services:
      > 4 |   orders: { path: "a\\e\\eb", port: x }
          |                                   ^"
    `);
  });
});

describe('a workspace file that is not text', () => {
  const temporary = useTempDirectories();

  it.each([
    ['a NUL byte', Buffer.from('version: 1\nname: shop\n\u0000\u0001\u0002ELF')],
    ['bytes that are not UTF-8', Buffer.from([0x76, 0x3a, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a])],
  ])('is "not a text file" (%s), without a code frame of its bytes', async (_title, bytes) => {
    const root = await temporary();
    await writeFile(path.join(root, 'msctl.yaml'), bytes);
    const error = await loadWorkspace({ cwd: root }).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({
      message: 'msctl.yaml is not a text file.',
      hint: 'A workspace file is YAML text; is this the right file? Pass the workspace file with --config.',
      exitCode: 2,
    });
  });
});

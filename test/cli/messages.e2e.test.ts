import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { msctl } from '../support/cli.js';
import { useTempDirectories } from '../support/temp.js';

const temporary = useTempDirectories();
// biome-ignore lint/suspicious/noControlCharactersInRegex: the tests are that none reaches the terminal
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('text from hostile files never reaches the terminal raw', () => {
  it('shows an escape sequence in msctl.yaml escaped, in the message and in the code frame', async () => {
    const directory = await temporary();
    await writeFile(
      path.join(directory, 'msctl.yaml'),
      'version: 1\nname: "shop\\e[2J"\nservices:\n  orders: { path: o, port: 1, "\\e]0;owned\\u0007": 2 }\n\u001b[2J\u009b31m: 1\n',
    );
    for (const args of [['config'], ['graph'], ['up', '--dry-run'], ['config', '--json']]) {
      const result = await msctl(args, { cwd: directory, env: { FORCE_COLOR: '0' } });
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stdout + result.stderr, args.join(' ')).not.toMatch(CONTROL);
    }
    const result = await msctl(['config'], { cwd: directory });
    expect(result.stderr).toContain('> 2 | name: "shop\\e[2J"');
    expect(result.stderr).toContain('error unknown key "\\e]0;owned\\x07" in services.orders');
    expect(result.stderr).toContain('> 5 | \\e[2J\\x9b31m: 1');
  });
});

describe('--json: a script reading stdout gets JSON, errors included', () => {
  it.each([
    [['config', '--json'], 'No msctl.yaml found in'],
    [['ps', '--json', '--bogus'], "unknown option '--bogus'"],
    [['lint', 'nothing-*.yaml', '--json'], 'No file matches nothing-*.yaml.'],
    [['init', '--json'], 'No project name given'],
  ])('msctl %j', async (args, message) => {
    const directory = await temporary();
    const result = await msctl(args, { cwd: directory });
    expect(result.exitCode).toBe(2);
    const parsed = JSON.parse(result.stdout) as {
      error: { message: string; hint?: string; exitCode: number };
    };
    expect(parsed.error.message).toContain(message);
    expect(parsed.error.exitCode).toBe(2);
    expect(typeof parsed.error.hint).toBe('string');
  });

  it('lists the problems of an invalid msctl.yaml, each with its position', async () => {
    const directory = await temporary();
    await writeFile(
      path.join(directory, 'msctl.yaml'),
      'version: 1\nname: shop\nservices:\n  a: { path: a, port: x }\n',
    );
    const result = await msctl(['config', '--json'], { cwd: directory });
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      error: {
        message: 'msctl.yaml has 1 problem',
        exitCode: 2,
        issues: [
          {
            line: 4,
            column: 23,
            code: 'invalid-value',
            message: 'services.a.port: expected a number such as 3000, got the string "x"',
          },
        ],
      },
    });
    // The person watching still reads it on stderr.
    expect(result.stderr).toContain('msctl.yaml:4:23 error');
  });
});

describe('counts agree with their nouns', () => {
  it('says "1 known finding" and "1 file", never "(s)"', async () => {
    const directory = await temporary();
    await writeFile(path.join(directory, 'notes.yaml'), 'title: not an API\n');
    const baseline = ['lint', 'notes.yaml', '--baseline', 'baseline.json'];
    const recorded = await msctl([...baseline, '--update-baseline'], { cwd: directory });
    expect(recorded.stderr).toContain('now holds the 1 current finding of the linted files.');
    const known = await msctl(baseline, { cwd: directory });
    expect(known.stderr).toContain('1 known finding hidden by the baseline.');
    expect(recorded.stderr + known.stderr).not.toContain('(s)');
  });

  it('doctor says "1 service"', async () => {
    const directory = await temporary();
    await writeFile(
      path.join(directory, 'msctl.yaml'),
      'version: 1\nname: shop\nservices:\n  a: { path: a, port: 1 }\n',
    );
    const result = await msctl(['doctor', '--json'], {
      cwd: directory,
      env: { DOCKER_HOST: 'unix:///nonexistent.sock' },
    });
    const checks = (JSON.parse(result.stdout) as { checks: { name: string; detail: string }[] }).checks;
    expect(checks.find((check) => check.name === 'workspace')?.detail).toMatch(/: 1 service, 0 infra$/);
  });
});

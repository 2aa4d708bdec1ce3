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

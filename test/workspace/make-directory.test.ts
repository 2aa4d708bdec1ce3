import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { initWorkspace } from '../../src/core/workspace/init.js';
import { makeDirectory } from '../../src/core/workspace/make-directory.js';
import { useTempDirectories } from '../support/temp.js';

const temporary = useTempDirectories();

describe('makeDirectory', () => {
  it('creates a folder and its missing parents, and accepts one that exists', async () => {
    const root = await temporary();
    const folder = path.join(root, 'a', 'b', 'c');
    await makeDirectory(folder);
    await makeDirectory(folder);
    expect(statSync(folder).isDirectory()).toBe(true);
  });

  it('refuses a path below a file, naming it', async () => {
    const root = await temporary();
    await writeFile(path.join(root, 'file'), 'x');
    await expect(makeDirectory(path.join(root, 'file', 'sub'))).rejects.toThrow(/file is not a folder/);
  });

  // Node's recursive mkdir never returns there: each level fails with ENOENT although its parent exists.
  it.skipIf(!existsSync('/proc/self'))('refuses a folder /proc cannot hold instead of hanging', async () => {
    const failure = await makeDirectory('/proc/msctl-nope/x').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as Error).message).toMatch(/Cannot create the folder \/proc\/msctl-nope\/x/);
  });

  it.skipIf(!existsSync('/proc/self'))(
    'msctl init in such a folder is a user error, not a hang',
    async () => {
      await expect(initWorkspace({ directory: '/proc/msctl-nope', name: 'nope' })).rejects.toBeInstanceOf(
        UserError,
      );
    },
  );
});

import path from 'node:path';
import { execa } from 'execa';
import { expect, it } from 'vitest';
import { repositoryRoot } from './support/cli.js';

it('the command reference, the msctl.yaml reference and the JSON Schema are current (`npm run docs`)', async () => {
  const result = await execa(
    process.execPath,
    [path.join(repositoryRoot, 'scripts/generate-docs.js'), '--check'],
    {
      reject: false,
    },
  );
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
});

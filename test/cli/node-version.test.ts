import { readFile } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import { expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module of the bin shims, without types.
import { satisfiesEngines } from '../../bin/node-version.js';
import { repositoryRoot } from '../support/cli.js';

const manifest = JSON.parse(await readFile(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
  engines: { node: string };
};

it('the start-up check of the Node version agrees with semver on engines.node', () => {
  const checked: string[] = [];
  for (let major = 14; major <= 30; major++) {
    for (const minor of [0, 1, 11, 12, 14, 15, 16, 21, 22, 23, 30]) {
      for (const patch of [0, 1, 2, 3]) {
        const version = `${major}.${minor}.${patch}`;
        expect(satisfiesEngines(version, manifest.engines.node), version).toBe(
          semver.satisfies(version, manifest.engines.node),
        );
        checked.push(version);
      }
    }
  }
  expect(
    checked.filter((version) => semver.satisfies(version, manifest.engines.node)).length,
  ).toBeGreaterThan(10);
});

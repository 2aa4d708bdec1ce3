import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { workspaceSchema } from '../../src/core/config/schema.js';
import { generateGithubWorkspaceFiles } from '../../src/core/generate/ci/github.js';
import { generateGitlabWorkspaceFiles } from '../../src/core/generate/ci/gitlab.js';
import { planGenerate } from '../../src/core/generate/plan.js';

const renovateSchema = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../fixtures/schemas/renovate-schema.json'), 'utf8'),
);
const validate = new Ajv({ strict: false, allErrors: true }).compile(renovateSchema);

const workspace = workspaceSchema.parse({
  version: 1,
  name: 'shop',
  services: { orders: { path: 'services/orders', port: 3000 } },
});
const github = JSON.parse(
  generateGithubWorkspaceFiles(workspace, ['.github/workflows/orders.yml']).get(
    '.github/renovate.json',
  ) as string,
);
const gitlab = JSON.parse(
  generateGitlabWorkspaceFiles(workspace, ['.gitlab/ci/orders.yml'], undefined).get(
    '.gitlab/renovate.json',
  ) as string,
);

/** What a regex manager finds in a file, as Renovate applies it: every match of each string, named groups. */
function matchesOf(manager: { matchStrings: string[] }, text: string) {
  return manager.matchStrings.flatMap((source) =>
    [...text.matchAll(new RegExp(source, 'g'))].map((match) => ({ ...match.groups })),
  );
}

describe('the Renovate configuration of the workspace', () => {
  it("validates against Renovate's own configuration schema, for either provider", () => {
    for (const config of [github, gitlab])
      expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...github, rangeStrategy: 'sometimes' })).toBe(false);
    expect(validate({ ...github, ignorePaths: '.github/workflows/orders.yml' })).toBe(false);
  });

  it('uses only options the schema knows (it lets unknown keys through, Renovate does not)', () => {
    const itemKeys = (option: string) =>
      Object.keys(renovateSchema.definitions[option].items.allOf[0].properties as object);
    expect(Object.keys(github).filter((key) => !(key in renovateSchema.properties))).toEqual(['$schema']);
    // A package rule takes its match* keys and any option of the configuration itself.
    const ruleKeys = [...itemKeys('packageRules'), ...Object.keys(renovateSchema.properties)];
    for (const rule of github.packageRules)
      expect(Object.keys(rule).filter((key) => !ruleKeys.includes(key))).toEqual([]);
    for (const manager of github.customManagers)
      expect(Object.keys(manager).filter((key) => !itemKeys('customManagers').includes(key))).toEqual([]);
  });

  it('leaves the pipelines msctl generates to msctl, and pins npm ranges, images and actions', () => {
    expect(github.ignorePaths).toEqual([
      '**/node_modules/**',
      '.github/workflows/_msctl.yml',
      '.github/workflows/orders.yml',
    ]);
    expect(gitlab.ignorePaths).toContain('.gitlab/ci/orders.yml');
    expect(github.extends).toEqual(['config:recommended']);
    expect(github.packageRules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ matchManagers: ['npm'], rangeStrategy: 'pin' }),
        expect.objectContaining({ matchDatasources: ['docker'], pinDigests: true }),
      ]),
    );
  });

  it('finds the msctl version and the base images in msctl.yaml, digests included', () => {
    const file = [
      'version: 1',
      'name: shop',
      'msctl: "0.4.1"',
      'images:',
      '  registry: ghcr.io/acme/shop',
      '  base:',
      `    node: node:24-bookworm-slim@sha256:${'a'.repeat(64)}`,
      '    python: mirror.acme.dev:5000/python:3.13-slim   # our mirror',
      'services: {}',
      '',
    ].join('\n');
    const [version, images] = github.customManagers;
    expect(new RegExp(version.managerFilePatterns[0].slice(1, -1)).test('msctl.yaml')).toBe(true);
    expect(matchesOf(version, file)).toEqual([{ currentValue: '0.4.1' }]);
    expect(version).toMatchObject({ depNameTemplate: 'msctl', datasourceTemplate: 'npm' });
    expect(matchesOf(images, file)).toEqual([
      { depName: 'node', currentValue: '24-bookworm-slim', currentDigest: `sha256:${'a'.repeat(64)}` },
      { depName: 'mirror.acme.dev:5000/python', currentValue: '3.13-slim', currentDigest: undefined },
    ]);
  });

  it('with services on both providers, each configuration leaves every generated pipeline to msctl', async () => {
    const mixed = workspaceSchema.parse({
      version: 1,
      name: 'shop',
      services: {
        orders: { path: 'services/orders', port: 3000, ci: 'github' },
        inventory: { path: 'services/inventory', port: 3001, ci: 'gitlab' },
      },
    });
    const root = mkdtempSync(path.join(os.tmpdir(), 'msctl-renovate-'));
    const plan = await planGenerate({ root, config: mixed }, { kinds: ['ci'] });
    const content = (file: string) => plan.files.find((entry) => entry.path === file)?.content as string;
    const everyPipeline = [
      '**/node_modules/**',
      '.github/workflows/_msctl.yml',
      '.github/workflows/orders.yml',
      '.gitlab/ci/_msctl.yml',
      '.gitlab/ci/inventory.yml',
    ];
    expect(JSON.parse(content('.github/renovate.json')).ignorePaths).toEqual(everyPipeline);
    expect(JSON.parse(content('.gitlab/renovate.json')).ignorePaths).toEqual(everyPipeline);
  });
});

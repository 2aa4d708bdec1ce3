import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplateManifest } from '../../src/core/scaffold/template-manifest.js';
import { findTemplatesDirectory, listTemplateIds } from '../../src/core/scaffold/templates.js';

function templateWith(manifest: string, id = 'sample'): string {
  const directory = path.join(mkdtempSync(path.join(os.tmpdir(), 'msctl-template-')), id);
  mkdirSync(path.join(directory, 'files'), { recursive: true });
  writeFileSync(path.join(directory, 'template.yaml'), manifest);
  return directory;
}

const valid = 'id: sample\nversion: 1.0.0\ndescription: A sample\nruntime: node\n';

describe('template.yaml', () => {
  it('reads a valid manifest, numbers and booleans as defaults becoming text', async () => {
    const directory = templateWith(
      `${valid}variables:\n  - { name: replicas, description: Pods, default: 2 }\n  - { name: tls, description: TLS, default: true }\n`,
    );
    expect((await loadTemplateManifest(directory)).variables).toEqual([
      { name: 'replicas', description: 'Pods', default: '2' },
      { name: 'tls', description: 'TLS', default: 'true' },
    ]);
  });

  it.each([
    ['a version that is not semver', valid.replace('1.0.0', '1.0'), /version: must be a semantic version/],
    ['an unknown runtime', valid.replace('node', 'ruby'), /runtime:/],
    ['an unknown key', `${valid}author: me\n`, /Unrecognized key/i],
    [
      'a variable declared twice',
      `${valid}variables:\n  - { name: a, description: x, default: 1 }\n  - { name: a, description: y, default: 2 }\n`,
      /variable "a" is declared twice/,
    ],
    [
      'a variable that is not an identifier',
      `${valid}variables:\n  - { name: 1a, description: x, default: 1 }\n`,
      /must be an identifier/,
    ],
    [
      'an id that is not its folder',
      valid.replace('id: sample', 'id: other'),
      /declares id "other" but lives in "sample\/"/,
    ],
    ['YAML that does not parse', 'id: [unclosed\n', /is not valid YAML/],
  ])('refuses %s, saying where', async (_label, manifest, message) => {
    await expect(loadTemplateManifest(templateWith(manifest))).rejects.toThrow(message);
  });

  it('the package templates are found from the sources and list node-fastify, not _shared folders', async () => {
    const directory = findTemplatesDirectory();
    expect(path.basename(directory)).toBe('templates');
    const ids = await listTemplateIds(directory);
    expect(ids).toContain('node-fastify');
    expect(ids.every((id) => !id.startsWith('_'))).toBe(true);
    for (const id of ids)
      await expect(loadTemplateManifest(path.join(directory, id))).resolves.toMatchObject({ id });
  });
});

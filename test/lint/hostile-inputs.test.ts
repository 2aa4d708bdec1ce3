import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../src/core/lint/document/read-source.js';
import { lintDocument, lintFiles, rulesetFromPreset } from '../../src/core/lint/lint.js';
import type { Rule } from '../../src/core/lint/types.js';
import { temporaryFolder, writeFiles } from './helpers.js';

/** A rule that visits every node: the worst case for the walk. */
const everything: Rule = {
  id: 'every-node',
  description: 'visits every node',
  severity: 'hint',
  family: 'governance',
  preset: 'all',
  given: '$..*',
  documentation: { rationale: 'test' },
  check() {},
};
const ruleset = { rules: [{ rule: everything, severity: 'hint' as const }] };

async function lintOne(files: Record<string, string | Uint8Array>, name: string) {
  const folder = await writeFiles(files);
  return lintDocument(join(folder, name), { ruleset, cwd: folder });
}

async function expectDocumentError(
  files: Record<string, string | Uint8Array>,
  name: string,
  message: RegExp,
) {
  const error = await lintOne(files, name).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DocumentError);
  expect((error as DocumentError).message).toMatch(message);
  expect((error as DocumentError).hint).toBeTruthy();
}

describe('hostile inputs', () => {
  it('refuses more YAML aliases than the limit, as a syntax problem', async () => {
    const aliases = Array(100_001).fill('*a').join(', ');
    await expectDocumentError({ 'aliases.yaml': `x: &a 1\ny: [${aliases}]\n` }, 'aliases.yaml', /maxAliases/);
  });

  it('parses and walks 1000-deep nesting in JSON and YAML without overflowing the stack', async () => {
    const deepJson = `{"openapi": "3.0.0", "info": {"title": "deep", "version": "1"}, "paths": {}, "x-deep": ${'['.repeat(1000)}1${']'.repeat(1000)}}`;
    expect((await lintOne({ 'deep.json': deepJson }, 'deep.json')).findings).toEqual([]);
    const deepYaml = `openapi: 3.0.0\ninfo: { title: deep, version: "1" }\npaths: {}\nx-deep: ${'['.repeat(900)}1${']'.repeat(900)}\n`;
    expect((await lintOne({ 'deep.yaml': deepYaml }, 'deep.yaml')).findings).toEqual([]);
  });

  it('parses 900-deep block-style YAML and refuses 5000-deep with a clear message', async () => {
    const nested = (depth: number) =>
      Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}a:`).join('\n');
    const header = 'openapi: 3.0.0\ninfo: { title: deep, version: "1" }\npaths: {}\nx-deep:\n';
    const indented = (depth: number) =>
      nested(depth)
        .split('\n')
        .map((line) => ` ${line}`)
        .join('\n');
    expect((await lintOne({ 'deep.yaml': `${header}${indented(900)} 1\n` }, 'deep.yaml')).findings).toEqual(
      [],
    );
    await expectDocumentError(
      { 'deeper.yaml': `${header}${indented(5000)} 1\n` },
      'deeper.yaml',
      /deeper\.yaml:\d+:\d+: YAML syntax/,
    );
  });

  it('refuses YAML nested deeper than the parser limit with a clear message', async () => {
    const tooDeep = `x: ${'['.repeat(5000)}1${']'.repeat(5000)}\n`;
    await expectDocumentError({ 'deep.yaml': tooDeep }, 'deep.yaml', /deep\.yaml:1:\d+: YAML syntax/);
  });

  it('walks 100000-deep JSON nesting (JSON.parse accepts it) without a stack overflow', async () => {
    const deepJson = `{"openapi": "3.0.0", "info": {"title": "deep", "version": "1"}, "paths": {}, "x-deep": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect((await lintOne({ 'deep.json': deepJson }, 'deep.json')).findings).toEqual([]);
  });

  it('refuses a file above the size limit before reading it', async () => {
    const folder = await temporaryFolder();
    const path = join(folder, 'huge.yaml');
    await writeFile(path, 'openapi: 3.0.0\n');
    const error = await lintDocument(path, { ruleset, maxFileBytes: 8 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).message).toMatch(/above the 0\.0 MB limit/);
    expect((error as DocumentError).hint).toMatch(/MSCTL_LINT_MAX_FILE_SIZE/);
  });

  it('refuses a 100 MB file with the default limit', async () => {
    const folder = await temporaryFolder();
    const path = join(folder, 'big.json');
    // A sparse file: 100 MB on paper, no time or disk to write it.
    const { open } = await import('node:fs/promises');
    const handle = await open(path, 'w');
    await handle.truncate(100 * 1024 * 1024);
    await handle.close();
    const error = await lintDocument(path, { ruleset }).catch((thrown: unknown) => thrown);
    expect((error as DocumentError).message).toMatch(/is 100 MB, above the 50 MB limit/);
  });

  it('refuses invalid UTF-8 and binary files', async () => {
    await expectDocumentError(
      { 'latin1.yaml': Buffer.from('openapi: 3.0.0\ninfo: { title: "caf\xe9", version: "1" }\n', 'latin1') },
      'latin1.yaml',
      /not valid UTF-8/,
    );
    await expectDocumentError(
      { 'image.yaml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
      'image.yaml',
      /binary file/,
    );
  });

  it('places syntax errors at their line and column', async () => {
    await expectDocumentError(
      { 'broken.json': '{\n  "openapi": "3.0.0",\n  "info": }\n' },
      'broken.json',
      /broken\.json:3:11: JSON syntax: value expected/,
    );
    await expectDocumentError(
      { 'broken.yaml': 'openapi: 3.0.0\ninfo: [\n' },
      'broken.yaml',
      /broken\.yaml:3:1: YAML syntax/,
    );
  });

  it('reports an unreadable document among others as a failure and lints the rest', async () => {
    const folder = await writeFiles({
      'good.yaml': 'openapi: 3.0.0\ninfo: { title: a, version: "1" }\npaths: {}\n',
    });
    const result = await lintFiles([join(folder, 'good.yaml'), join(folder, 'missing.yaml')], {
      ruleset,
      cwd: folder,
    });
    expect(result.sources).toEqual([join(folder, 'good.yaml')]);
    expect(result.failures.map((failure) => failure.message)).toEqual([
      expect.stringMatching(/Cannot read .*missing\.yaml: no such file/),
    ]);
  });
});

describe('lenient JSON', () => {
  it('reads .json files with comments and trailing commas, as Spectral does', async () => {
    const result = await lintOne(
      {
        'commented.json':
          '{\n  // the API\n  "openapi": "3.0.0",\n  "info": {"title": "a", "version": "1",},\n  "paths": {}\n}\n',
      },
      'commented.json',
    );
    expect(result.findings).toEqual([]);
  });

  it('places findings in commented JSON at the right line', async () => {
    const folder = await writeFiles({
      'commented.json':
        '{\n  /* the API */\n  "openapi": "3.0.0", // version\n  "info": {"title": "a", "version": "1",},\n  "paths": {"/a/": {}}\n}\n',
    });
    const result = await lintDocument(join(folder, 'commented.json'), {
      ruleset: rulesetFromPreset(new Map([['path-keys-no-trailing-slash', 'warn']])),
      cwd: folder,
    });
    expect(result.findings.map(({ path, range }) => ({ path, start: range.start }))).toEqual([
      { path: ['paths', '/a/'], start: { line: 4, character: 18 } },
    ]);
  });
});

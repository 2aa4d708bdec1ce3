import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument, rulesetFromPreset } from '../../src/core/lint/lint.js';
import type { Finding } from '../../src/core/lint/types.js';
import { writeFiles } from './helpers.js';

/** One rule that reads the duplicated value, to show that linting goes on with the last one. */
const ruleset = rulesetFromPreset(new Map([['info-contact', 'warn']]));

async function lintFile(name: string, text: string, files: Record<string, string> = {}): Promise<Finding[]> {
  const folder = await writeFiles({ [name]: text, ...files });
  return (await lintDocument(join(folder, name), { ruleset, cwd: folder })).findings;
}

/** What a reader of the report needs: where, what, and the place of the first key. */
function summary(finding: Finding) {
  const { code, severity, path, message, range } = finding;
  return { code, severity, path, message, range };
}

const at = (line: number, character: number) => ({ line, character });

describe('duplicate keys', () => {
  it('reports a key written twice in a YAML block mapping at the second, naming the first', async () => {
    const text = 'openapi: 3.0.3\ninfo:\n  title: First\n  version: "1"\n  title: Second\npaths: {}\n';
    const findings = await lintFile('openapi.yaml', text);
    expect(findings.map(summary)).toEqual([
      {
        code: 'info-contact',
        severity: 1,
        path: ['info'],
        message: 'Info object must have "contact" object.',
        range: { start: at(1, 5), end: at(4, 15) },
      },
      {
        code: 'parser',
        severity: 0,
        path: ['info', 'title'],
        message:
          'Duplicate key "title" (first at 3:3): only the last value is read; the earlier ones are ignored.',
        range: { start: at(4, 2), end: at(4, 7) },
      },
    ]);
  });

  it('reports keys repeated in YAML flow mappings, quoted or not, and three times over', async () => {
    const text = [
      'openapi: 3.0.3',
      'info: { title: a, version: "1", contact: { name: x, "name": y, name: z } }',
      'paths: {}',
      '',
    ].join('\n');
    const findings = (await lintFile('openapi.yaml', text)).filter((finding) => finding.code === 'parser');
    expect(findings.map(({ path, message, range }) => ({ path, message, range }))).toEqual([
      {
        path: ['info', 'contact', 'name'],
        message:
          'Duplicate key "name" (first at 2:44): only the last value is read; the earlier ones are ignored.',
        range: { start: at(1, 52), end: at(1, 58) },
      },
      {
        path: ['info', 'contact', 'name'],
        message:
          'Duplicate key "name" (first at 2:44): only the last value is read; the earlier ones are ignored.',
        range: { start: at(1, 63), end: at(1, 67) },
      },
    ]);
  });

  it('reports keys repeated in JSON, in nested objects and arrays, with the path the data has', async () => {
    const text = [
      '{',
      '  "openapi": "3.0.3",',
      '  "info": {"title": "a", "version": "1", "contact": {}},',
      '  "paths": {',
      '    "/a": {"get": {"parameters": [{"name": "x", "in": "query"}, {"name": "y", "in": "query", "name": "z"}]}},',
      '    "/a": {}',
      '  }',
      '}',
      '',
    ].join('\n');
    const findings = await lintFile('openapi.json', text);
    expect(findings.map(summary)).toEqual([
      {
        code: 'parser',
        severity: 0,
        path: ['paths', '/a', 'get', 'parameters', 1, 'name'],
        message:
          'Duplicate key "name" (first at 5:66): only the last value is read; the earlier ones are ignored.',
        range: { start: at(4, 93), end: at(4, 99) },
      },
      {
        code: 'parser',
        severity: 0,
        path: ['paths', '/a'],
        message:
          'Duplicate key "/a" (first at 5:5): only the last value is read; the earlier ones are ignored.',
        range: { start: at(5, 4), end: at(5, 8) },
      },
    ]);
  });

  it('reports a duplicate in a CRLF file at its line and column', async () => {
    const text =
      'openapi: 3.0.3\r\ninfo:\r\n  title: a\r\n  version: "1"\r\n  contact: {}\r\n  "version": "2"\r\npaths: {}\r\n';
    const findings = await lintFile('openapi.yaml', text);
    expect(findings.map(summary)).toEqual([
      {
        code: 'parser',
        severity: 0,
        path: ['info', 'version'],
        message:
          'Duplicate key "version" (first at 4:3): only the last value is read; the earlier ones are ignored.',
        range: { start: at(5, 2), end: at(5, 11) },
      },
    ]);
  });

  it('reports duplicates in a file reached through $ref, in that file', async () => {
    const findings = await lintFile(
      'openapi.yaml',
      'openapi: 3.0.3\ninfo: { title: a, version: "1", contact: {} }\npaths:\n  /a: { $ref: "paths.json#/a" }\n',
      { 'paths.json': '{"a": {"get": {"responses": {}, "responses": {"200": {"description": "ok"}}}}}' },
    );
    expect(
      findings.map(({ code, path, source, range }) => ({ code, path, file: source.split('/').pop(), range })),
    ).toEqual([
      {
        code: 'parser',
        path: ['a', 'get', 'responses'],
        file: 'paths.json',
        range: { start: at(0, 32), end: at(0, 43) },
      },
    ]);
  });

  it('lints the rest of the document with the last value, as every parser reads it', async () => {
    const text =
      'openapi: 3.0.3\ninfo:\n  title: a\n  version: "1"\n  contact: {}\n  contact: null\npaths: {}\n';
    const findings = await lintFile('openapi.yaml', text);
    // info-contact reads `contact: null`, the value every tool sees, and reports it there.
    expect(findings.map(({ code, path, range }) => ({ code, path, start: range.start }))).toEqual([
      { code: 'parser', path: ['info', 'contact'], start: at(5, 2) },
      { code: 'info-contact', path: ['info', 'contact'], start: at(5, 11) },
    ]);
  });

  it('reports nothing for keys that only look alike', async () => {
    const text =
      'openapi: 3.0.3\ninfo: { title: a, version: "1", contact: {} }\npaths:\n  /a: {}\n  /a/: {}\n  /b: {}\n';
    expect(await lintFile('openapi.yaml', text)).toEqual([]);
    const json =
      '{"openapi": "3.0.3", "info": {"title": "a", "version": "1", "contact": {"name": "n", "url": "u", "email": "e"}}, "paths": {}}';
    expect(await lintFile('openapi.json', json)).toEqual([]);
  });

  it('is silenced by x-lint-ignore: parser on the mapping, like any rule', async () => {
    const text =
      'openapi: 3.0.3\ninfo:\n  x-lint-ignore: parser\n  title: a\n  version: "1"\n  title: b\n  contact: {}\npaths: {}\n';
    expect(await lintFile('openapi.yaml', text)).toEqual([]);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument, type ParsedSize } from '../../src/core/lint/lint.js';
import { writeFiles } from './helpers.js';

describe('afterParse', () => {
  it('is called once per document with the characters of every file it parsed', async () => {
    const root =
      'openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    $ref: "paths.json#/a"\n';
    const paths = '{ "a": { "get": { "responses": { "200": { "description": "ok" } } } } }';
    const folder = await writeFiles({ 'openapi.yaml': root, 'paths.json': paths });
    const calls: ParsedSize[] = [];
    const result = await lintDocument(join(folder, 'openapi.yaml'), {
      cwd: folder,
      afterParse: (parsed) => calls.push(parsed),
    });
    expect(calls).toEqual([{ characters: root.length + paths.length }]);
    expect(result.sources).toHaveLength(2);
  });
});

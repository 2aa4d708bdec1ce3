import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/core/lint/document/parse.js';
import { RefusedDocumentError } from '../../src/core/lint/document/read-source.js';
import { lintDocument } from '../../src/core/lint/lint.js';
import { lintText, writeFiles } from './helpers.js';

const HEADER = 'openapi: 3.0.3\ninfo: { title: merge, version: "1" }\n';

/** A response whose schema is `Pet`, with `example`; `Pet` merges its type, `required` and properties from `base`. */
const PET = (example: string) => `${HEADER}paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
              example: ${example}
components:
  schemas:
    Pet:
      <<: &base
        type: object
        required: [id]
        properties:
          id: { type: integer }
      description: a pet
`;

describe('YAML merge keys (<<) in OpenAPI documents', () => {
  it('are applied: the merged keys are read, and << is no property of the schema', async () => {
    const rules = ['oas3-schema', 'oas3-valid-media-example'];
    const describeAll = (findings: { code: string; path: (string | number)[]; message: string }[]) =>
      findings.map((finding) => `${finding.code} ${finding.path.join('.')}: ${finding.message}`);
    expect(describeAll(await lintText(PET('{ id: 1 }'), rules))).toEqual([]);
    // `required` and `properties` come from the merge.
    expect(describeAll(await lintText(PET('{ name: Rex }'), rules))).toEqual([
      'oas3-valid-media-example paths./pets.get.responses.200.content.application/json.example: "example" property must have required property "id"',
    ]);
    expect(describeAll(await lintText(PET('{ id: one }'), rules))).toEqual([
      'oas3-valid-media-example paths./pets.get.responses.200.content.application/json.example.id: "id" property type must be integer',
    ]);
  });

  it('merge as YAML 1.1 says: keys written win, then the earlier of merged mappings; a quoted << is a plain key', () => {
    const text = [
      'a: &a { x: 1, y: 1 }',
      'b: &b { y: 2, z: 2 }',
      'one: { <<: *a, x: 0 }',
      'many:',
      '  <<: [*a, *b]',
      '  w: 3',
      'inline:',
      '  <<: { k: v }',
      'quoted: { "<<": *a }',
      '',
    ].join('\n');
    expect(parseText(text, 'merge.yaml').data).toEqual({
      a: { x: 1, y: 1 },
      b: { y: 2, z: 2 },
      one: { x: 0, y: 1 },
      many: { x: 1, y: 1, z: 2, w: 3 },
      inline: { k: 'v' },
      quoted: { '<<': { x: 1, y: 1 } },
    });
    // Without aliases the block parser reads a file; a merge key sends it to js-yaml, which applies it.
    expect(parseText('s:\n  <<:\n    k: v\n  own: 1\n', 'inline.yaml').data).toEqual({
      s: { k: 'v', own: 1 },
    });
  });

  it('still refuses a merge-key bomb before merging anything, naming the alias', async () => {
    const lines = [`${HEADER}paths: {}`, 'x-m0: &m0 { k: lol }'];
    for (let level = 1; level < 16; level++) {
      const aliases = Array(9)
        .fill(`*m${level - 1}`)
        .join(', ');
      lines.push(`x-m${level}: &m${level}`, `  <<: [${aliases}]`, `  own${level}: [${aliases}]`);
    }
    const folder = await writeFiles({ 'merge.yaml': `${lines.join('\n')}\n` });
    const error = await lintDocument(join(folder, 'merge.yaml'), { cwd: folder }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(RefusedDocumentError);
    expect((error as Error).message).toMatch(
      /merge\.yaml:\d+:\d+: The YAML alias \*m\d+ takes the document past/,
    );
  });
});

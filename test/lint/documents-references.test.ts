import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentSet } from '../../src/core/lint/document/document-set.js';
import { writeFiles } from './helpers.js';

async function referencesIn(text: string): Promise<readonly string[]> {
  const folder = await writeFiles({ 'spec.yaml': text });
  const documents = await DocumentSet.load(join(folder, 'spec.yaml'));
  return documents.referencesOf(documents.root);
}

describe('finding the $refs of a file', () => {
  it('reads them as written, in order and each once, quoted or plain, in YAML and JSON', async () => {
    const yaml = `a:\n  $ref: '#/b'\nc:\n  "$ref": "#/d"\ne: { $ref: '#/b' }\nf:\n  $ref: other.yaml#/x\n`;
    expect(await referencesIn(yaml)).toEqual(['#/b', '#/d', 'other.yaml#/x']);
    expect(await referencesIn('{"a": {"$ref":"#/b"}, "b": {"$ref" : "#/a"}}')).toEqual(['#/b', '#/a']);
  });

  it('passes over a $ref key holding a mapping or a sequence, which is no reference', async () => {
    // A JSON Schema property named `$ref` (Kubernetes' JSONSchemaProps): the text is still read in order.
    const json = '{"properties": {"$ref": {"type": "string"}}, "a": {"$ref": "#/b"}, "b": {"$ref" : "#/a"}}';
    expect(await referencesIn(json)).toEqual(['#/b', '#/a']);
    expect(await referencesIn(`x:\n  $ref: [1]\na:\n  $ref: '#/b'\nb:\n  $ref: '#/a'\n`)).toEqual([
      '#/b',
      '#/a',
    ]);
  });

  it('takes them from the data when the text has a $ref it cannot read plainly', async () => {
    // Inside a value, in prose, with an escape: each found in the parsed data instead, where it is a key.
    expect(await referencesIn(`a:\n  "$ref": "#/b$ref: x"\nb:\n  description: see $ref\n`)).toEqual([
      '#/b$ref: x',
    ]);
    expect(await referencesIn(`a:\n  $ref: "#/b\\u0041"\nbA: 1\n`)).toEqual(['#/bA']);
  });
});

describe('placing findings in many referenced files', () => {
  it('places each where it is written, also in a file whose positions were let go and are indexed again', async () => {
    // Forty files, each with a finding on a different line, visited twice in turn: only the most recently placed
    // files keep their position index, so the second visit of every file indexes it again.
    const files: Record<string, string> = {};
    const names = Array.from({ length: 40 }, (_, index) => `part-${index}.yaml`);
    for (const [index, name] of names.entries()) {
      files[name] = `${'# filler\n'.repeat(index)}a:\n  b:\n    c: ${index}\n`;
    }
    files['spec.yaml'] =
      `openapi: 3.0.0\n${names.map((name, index) => `x${index}:\n  $ref: ${name}\n`).join('')}`;
    const folder = await writeFiles(files);
    const documents = await DocumentSet.load(join(folder, 'spec.yaml'));
    for (let round = 0; round < 2; round++) {
      for (const [index, name] of names.entries()) {
        const file = documents.files.get(join(folder, name));
        expect(file?.place(['a', 'b', 'c', 'missing'])).toEqual({
          path: ['a', 'b', 'c'],
          range: {
            start: { line: index + 2, character: 7 },
            end: { line: index + 2, character: 7 + String(index).length },
          },
        });
      }
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constructFromEvents, parseEvents } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseBlockYaml } from '../../src/core/lint/document/block-yaml.js';
import type { PositionIndex } from '../../src/core/lint/document/position-index.js';
import { indexYamlPositions, YamlPositionBuilder } from '../../src/core/lint/document/yaml-positions.js';

/** js-yaml's verdict on a text, as the lint engine asks for it: one document, or the error. */
function jsYaml(text: string): { data: unknown; index: PositionIndex } | { error: unknown } {
  try {
    const events = parseEvents(text, { maxDepth: 1000 });
    const documents = constructFromEvents(events, { source: text, json: true, maxAliases: 100_000 });
    if (documents.length !== 1) return { error: new Error(`${documents.length} documents`) };
    return { data: documents[0], index: indexYamlPositions(text, events) };
  } catch (error) {
    return { error };
  }
}

/** The block parser's verdict: data and positions, or undefined when it leaves the text to js-yaml. */
function block(text: string): { data: unknown; index: PositionIndex } | undefined {
  const builder = new YamlPositionBuilder(text);
  const parsed = parseBlockYaml(text, builder);
  return parsed && { data: parsed.data, index: builder.index };
}

/** Equal as data, with keys in the same order (the walk, and so the order of findings, follows it). */
function sameData(left: unknown, right: unknown): boolean {
  if (typeof left !== typeof right) return false;
  if (left === null || typeof left !== 'object') return Object.is(left, right);
  if (right === null || Array.isArray(left) !== Array.isArray(right)) return false;
  if (Object.getPrototypeOf(left) !== Object.getPrototypeOf(right)) return false;
  const leftKeys = Object.keys(left);
  const rightKeys = Object.keys(right as object);
  if (leftKeys.join('\u0000') !== rightKeys.join('\u0000')) return false;
  return leftKeys.every((key) =>
    sameData((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]),
  );
}

function sameIndex(left: PositionIndex, right: PositionIndex): boolean {
  if (left.count !== right.count) return false;
  const fields = ['kind', 'keyStart', 'keyEnd', 'valueStart', 'valueEnd', 'next', 'target'] as const;
  return fields.every((field) => {
    for (let node = 0; node < left.count; node++) if (left[field][node] !== right[field][node]) return false;
    return true;
  });
}

/** What went wrong when the block parser and js-yaml disagree on a text; undefined when they agree. */
function disagreement(text: string): string | undefined {
  const ours = block(text);
  if (!ours) return undefined;
  const theirs = jsYaml(text);
  if ('error' in theirs) return `accepted what js-yaml refuses: ${String(theirs.error)}`;
  if (!sameData(ours.data, theirs.data))
    return `data ${JSON.stringify(ours.data)} vs ${JSON.stringify(theirs.data)}`;
  if (!sameIndex(ours.index, theirs.index)) return 'positions differ';
  return undefined;
}

const DESCRIPTION = `openapi: 3.0.3
info:
  title: Payments
  version: '2023-09-01'
  description: >-
    The payments API.


    Read the [guide](https://example.com/guide#start) first.
  x-logo: { url: "https://example.com/logo.png", alt: 'it''s us' }
servers:
- url: https://api.example.com/v1
  description: production # the only one
tags: []
paths:
  /v1/charges/{charge}:
    get:
      operationId: GetCharge
      description: |
        Retrieves a charge.

          Indented example line.
      parameters:
        - name: charge
          in: path
          required: true
          schema: {type: string, maxLength: 5000}
        - in: query
          name: expand
          style: deepObject
          explode: true
          schema:
            items:
              maxLength: 5000
              type: string
            type: array
      responses:
        "200":
          description: Successful response.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/charge'
        default:
          description: Error response.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/error"
components:
  schemas:
    charge:
      type: object
      description: A charge is a
        multi-line plain scalar, folded
        by the parser.
      required: [id, amount]
      properties:
        id: {type: string}
        amount:
          type: integer
          minimum: 0
          example: 2000
        ratio: { type: number, example: 1.5e3 }
        "quoted\\tkey": { type: boolean, default: false }
        nothing:
        ~: tilde key
        1.0: float key
        0x1F: hex key
        true: yes
        metadata:
          additionalProperties: {}
        __proto__: { x-kept: as a plain key }
      enum:
      - one
      - 'two'
      - "three\\u00e9"
      - -4
      - .inf
      - null
    error:
      type: object
      properties:
        message:
          type: string
          description: |+
            Kept trailing lines.


        code: { type: string, nullable: true }
`;

describe('the block YAML parser', () => {
  it('parses a description in the usual block style itself, as js-yaml does, positions included', () => {
    expect(block(DESCRIPTION)).toBeDefined();
    expect(disagreement(DESCRIPTION)).toBeUndefined();
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a tab', 'a:\tb\n'],
    ['a carriage return', 'a: b\r\n'],
    ['several documents', 'a: 1\n---\nb: 2\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['an explicit key', '? a\n: b\n'],
    ['a multi-line flow collection', 'a: [1,\n  2]\n'],
    ['a multi-line quoted key', '"one\n  two": 1\n'],
    ['an escaped line break', 'a: "one\\\n  two"\n'],
    ['a sequence as the root', '- a\n- b\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['an empty file', '# nothing\n'],
    ['a byte order mark', '\ufeffa: 1\n'],
  ])('leaves %s to js-yaml', (_name, text) => {
    expect(block(text)).toBeUndefined();
  });

  it.each([
    ['a value after a value', 'a: b: c\n'],
    ['a dedented continuation with a colon', 'a:\n  b: 1\n c: 2\n'],
    ['a comment glued to a quoted scalar', 'a: "b"#c\n'],
    ['an unknown escape', 'a: "\\q"\n'],
    ['an unterminated flow collection', 'a: [b, c\n'],
    ['a missing comma', 'a: [b c] d\n'],
    ['over-indented entries', 'a: 1\n  b: 2\n'],
  ])('never accepts what js-yaml refuses: %s', (_name, text) => {
    expect('error' in jsYaml(text)).toBe(true);
    expect(block(text)).toBeUndefined();
  });

  it('keeps index keys (status codes) as js-yaml does: same keys, order and values, whatever their storage', () => {
    const text = `responses:\n  '404':\n    a: 1\n  200:\n    b: 2\n  default:\n    c: 3\n  10: x\n  0: y\n  '01': z\n  4294967294: big\n  4294967295: past\n`;
    const ours = block(text);
    expect(ours).toBeDefined();
    expect(disagreement(text)).toBeUndefined();
    const responses = (ours?.data as { responses: Record<string, unknown> } | undefined)?.responses ?? {};
    expect(Object.keys(responses)).toEqual([
      '0',
      '10',
      '200',
      '404',
      '4294967294',
      'default',
      '01',
      '4294967295',
    ]);
    expect(responses['4294967294']).toBe('big');
    expect(JSON.stringify(responses)).toBe(JSON.stringify(JSON.parse(JSON.stringify(responses))));
  });

  it('reads long runs of lines without a colon in linear time: each search is remembered until passed', () => {
    // A search for the next `:` or ` #` from every line would cross the rest of the text each time.
    const below = `a:\n${'-\n  x\n'.repeat(50_000)}b: 1\n`;
    const inline = `a:\n${'  - x # c\n'.repeat(50_000)}`;
    for (const text of [below, inline]) {
      expect(block(text)).toBeDefined();
      expect(disagreement(text)).toBeUndefined();
    }
  });

  it('agrees with js-yaml on the repository’s own YAML files', () => {
    for (const file of [
      'test/fixtures/lint/formatters/openapi.yaml',
      'test/fixtures/lint/formatters/responses.yaml',
    ]) {
      const text = readFileSync(join(import.meta.dirname, '../..', file), 'utf8');
      expect(block(text), file).toBeDefined();
      expect(disagreement(text), file).toBeUndefined();
    }
  });

  it.each([
    ['a document start line', '--- # the spec\nopenapi: 3.0.0\n'],
    ['multi-line quoted scalars', 'a: "one\n  two"\nb:\n  - \'three\n\n    four\'\n'],
    ['scalars below their key or dash', 'a:\n  text\n  more\nb:\n  "quoted"\nc:\n-\n  [x, y]\n'],
    ['block scalars with an indentation indicator', 'a: |2-\n    b\n   c\nd: >1+\n  e\n'],
    ['sequences in sequences', 'a:\n- - 1\n  - 2\n- - - 3\n    - [4]\n  -\n    - 5\n'],
    ['quoted keys in sequences and below keys', 'a:\n  - "k": v\n    \'l\': w\nb:\n  "200":\n    x: 1\n'],
  ])('parses %s itself, as js-yaml does', (_name, text) => {
    expect(block(text)).toBeDefined();
    expect(disagreement(text)).toBeUndefined();
  });

  it('agrees with js-yaml on thousands of damaged and assembled texts, or leaves them to it', () => {
    let seed = 20_231_126;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const lineKinds = [
      'key: value',
      'k2: 2',
      '- item',
      '- k: v',
      'key:',
      'cont text',
      '|',
      'd: |',
      'f: >-',
      'e: |+',
      'g: |2',
      '',
      '# c',
      'q: "quoted',
      'end"',
      "s: 'it''s",
      "end'",
      'x: [a, b]',
      'y: {a: 1}',
      '-',
      'z: ~',
      '"k": 1',
      '---',
      'n: 1 # c',
      'h: a #b',
      'p: a:b',
      '- - x',
      '- - k: v',
    ];
    const pieces = [
      'a',
      'b: c',
      'k:',
      ' ',
      '  ',
      '\n',
      '\n  ',
      '\n    ',
      '- ',
      '-',
      ':',
      ': ',
      '#',
      ' # c',
      '"',
      "'",
      '"x\\ny"',
      "'it''s'",
      '[',
      ']',
      '{',
      '}',
      ', ',
      ',',
      '|',
      '>',
      '|-',
      '>+',
      '1',
      '1.0',
      '~',
      'null',
      'true',
      '0x1F',
      '.inf',
      '__proto__',
      '"\\u00e9"',
      'x: [a, {b: c}]',
      'é',
      ' :',
      '\n\n',
      'key: |\n  line\n\n  more\n',
      'seq:\n- a\n- b\n',
      '- x: 1\n  y: 2\n',
      'd: >-\n    folded\n    text\n',
    ];
    let accepted = 0;
    for (let round = 0; round < 8000; round++) {
      let text: string;
      if (round % 2 === 0) {
        // Lines of every kind, indented by small steps from the line before: nesting, dedents and continuations.
        const lines: string[] = [];
        let indent = 0;
        const count = 2 + Math.floor(random() * 14);
        for (let line = 0; line < count; line++) {
          indent = line === 0 ? 0 : Math.max(0, indent + pick([-4, -2, 0, 0, 0, 2, 2, 1, 3]));
          lines.push(' '.repeat(indent) + pick(lineKinds));
        }
        text = `${lines.join('\n')}${random() < 0.8 ? '\n' : ''}`;
      } else if (random() < 0.4) {
        text = '';
        const count = 3 + Math.floor(random() * 25);
        for (let piece = 0; piece < count; piece++) text += pick(pieces);
      } else {
        text = DESCRIPTION;
        const edits = 1 + Math.floor(random() * 4);
        for (let edit = 0; edit < edits; edit++) {
          const at = Math.floor(random() * text.length);
          const removed = random() < 0.4 ? Math.floor(random() * 4) : 0;
          text = text.slice(0, at) + (random() < 0.7 ? pick(pieces) : '') + text.slice(at + removed);
        }
      }
      const problem = disagreement(text);
      if (problem) expect.fail(`${problem} on ${JSON.stringify(text)}`);
      if (block(text)) accepted++;
    }
    // Most texts are still the block parser's own: the comparison is not vacuous.
    expect(accepted).toBeGreaterThan(1000);
  });
});

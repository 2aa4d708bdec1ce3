import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/lint/types.js';
import { lintText } from './helpers.js';

/**
 * `$ref` bombs: sixteen schemas, each naming the one below nine times, so that with `$ref`s read as copies the top
 * one is 9^15 schemas. A few hundred bytes of JSON; before example validation followed each `$ref` once per place,
 * linting one never ended (at seven levels it already took seconds).
 */
type Version = '2.0' | '3.0' | '3.1';

const LEVELS = 16;
const WIDTH = 9;

interface BombOptions {
  /**
   * How each level names the one below: nine `allOf`/`anyOf` entries, nine properties, or nine properties each an
   * `allOf` of nine (a bomb along the path of a deep example).
   */
  shape?: 'allOf' | 'anyOf' | 'properties' | 'properties-allOf';
  /** Keywords added to every level. */
  extra?: Record<string, unknown>;
  /** The bottom level names the top one: the `$ref`s go round in a circle. */
  circular?: boolean;
  /** The example of the top schema, and of a response whose schema is the top schema. */
  example: unknown;
}

function schemasOf(version: Version, options: BombOptions): Record<string, unknown> {
  const prefix = version === '2.0' ? '#/definitions/' : '#/components/schemas/';
  const { shape = 'allOf', extra = {}, circular = false } = options;
  const schemas: Record<string, unknown> = {};
  for (let level = 0; level < LEVELS; level++) {
    const below = { $ref: `${prefix}L${level === 0 ? LEVELS - 1 : level - 1}` };
    let schema: Record<string, unknown>;
    if (level === 0 && !circular) schema = { type: 'string' };
    else if (shape === 'properties' || shape === 'properties-allOf') {
      const property = shape === 'properties' ? below : { allOf: Array(WIDTH).fill(below) };
      schema = {
        type: 'object',
        properties: Object.fromEntries(Array.from({ length: WIDTH }, (_, index) => [`p${index}`, property])),
      };
    } else schema = { [shape]: Array(WIDTH).fill(below) };
    schemas[`L${level}`] = { ...schema, ...extra };
  }
  (schemas[`L${LEVELS - 1}`] as Record<string, unknown>).example = options.example;
  return schemas;
}

function bombDocument(version: Version, options: BombOptions): Record<string, unknown> {
  const info = { title: 'bomb', version: '1' };
  if (version === '2.0') {
    const response = {
      description: 'ok',
      schema: { $ref: `#/definitions/L${LEVELS - 1}` },
      examples: { 'application/json': options.example },
    };
    return {
      swagger: '2.0',
      info,
      paths: { '/a': { get: { produces: ['application/json'], responses: { 200: response } } } },
      definitions: schemasOf(version, options),
    };
  }
  const media = { schema: { $ref: `#/components/schemas/L${LEVELS - 1}` }, example: options.example };
  return {
    openapi: version === '3.1' ? '3.1.0' : '3.0.3',
    info,
    paths: {
      '/a': { get: { responses: { 200: { description: 'ok', content: { 'application/json': media } } } } },
    },
    components: { schemas: schemasOf(version, options) },
  };
}

/** The rules that walk or validate schemas through `$ref`s, per version. */
const RULES: Record<Version, string[]> = {
  '2.0': [
    'oas2-schema',
    'oas2-valid-media-example',
    'oas2-valid-schema-example',
    'oas2-unused-definition',
    'array-items',
  ],
  '3.0': [
    'oas3-schema',
    'oas3-valid-media-example',
    'oas3-valid-schema-example',
    'oas3-unused-component',
    'array-items',
  ],
  '3.1': [
    'oas3-schema',
    'oas3-valid-media-example',
    'oas3-valid-schema-example',
    'oas3-unused-component',
    'array-items',
  ],
};

async function lintBomb(version: Version, options: BombOptions, syntax: 'json' | 'yaml' = 'json') {
  const document = bombDocument(version, options);
  const text = syntax === 'json' ? JSON.stringify(document, null, 2) : dump(document, { noRefs: true });
  const findings = await lintText(text, RULES[version], `openapi.${syntax}`);
  return findings.map((finding: Finding) => `${finding.code} ${finding.path.join('.')}: ${finding.message}`);
}

const MEDIA_EXAMPLE: Record<Version, string> = {
  '2.0': 'oas2-valid-media-example paths./a.get.responses.200.examples.application/json',
  '3.0': 'oas3-valid-media-example paths./a.get.responses.200.content.application/json.example',
  '3.1': 'oas3-valid-media-example paths./a.get.responses.200.content.application/json.example',
};

const SCHEMA_EXAMPLE: Record<Version, string> = {
  '2.0': 'oas2-valid-schema-example definitions',
  '3.0': 'oas3-valid-schema-example components.schemas',
  '3.1': 'oas3-valid-schema-example components.schemas',
};

describe('$ref bombs in example validation', () => {
  for (const version of ['3.0', '3.1', '2.0'] as const) {
    for (const syntax of ['json', 'yaml'] as const) {
      it(`validates the examples of a 16-level allOf bomb (${version}, ${syntax}), each schema once per place`, async () => {
        expect(await lintBomb(version, { example: 'fine' }, syntax)).toEqual([]);
        const name = version === '2.0' ? 'application/json' : 'example';
        expect(await lintBomb(version, { example: 5 }, syntax)).toEqual([
          `${MEDIA_EXAMPLE[version]}: "${name}" property type must be string`,
        ]);
      });
    }
  }

  it('finds the first error through an anyOf bomb whose every branch fails', async () => {
    expect(await lintBomb('3.0', { shape: 'anyOf', example: 5 })).toEqual([
      `${MEDIA_EXAMPLE['3.0']}: "example" property type must be string`,
    ]);
  });

  /** p0 at the top, p1 below, ..., `leaf` at the bottom: every level of the bomb is reached. */
  const deepExample = (leaf: unknown) =>
    Array.from({ length: LEVELS - 1 }, (_, index) => `p${index % WIDTH}`).reduceRight<unknown>(
      (inner, name) => ({ [name]: inner }),
      leaf,
    );
  const DEEP_PATH = 'p0.p1.p2.p3.p4.p5.p6.p7.p8.p0.p1.p2.p3.p4.p5';

  for (const version of ['3.0', '3.1', '2.0'] as const) {
    for (const shape of ['properties', 'properties-allOf'] as const) {
      it(`validates a deep example against a wide-and-deep bomb of ${shape} (${version})`, async () => {
        expect(await lintBomb(version, { shape, example: deepExample('fine') })).toEqual([]);
        expect(await lintBomb(version, { shape, example: deepExample(5) })).toEqual([
          `${MEDIA_EXAMPLE[version]}.${DEEP_PATH}: "p5" property type must be string`,
          `${SCHEMA_EXAMPLE[version]}.L15.example.${DEEP_PATH}: "p5" property type must be string`,
        ]);
      });
    }
  }

  for (const version of ['3.0', '3.1', '2.0'] as const) {
    it(`leaves the examples of a circular bomb unchecked, as Spectral does, and ends (${version})`, async () => {
      expect(await lintBomb(version, { circular: true, example: 5 })).toEqual([]);
    });
  }

  it('validates unevaluatedProperties through a bomb (3.1), each schema once', async () => {
    const extra = { type: 'object', unevaluatedProperties: false };
    expect(await lintBomb('3.1', { extra, example: {} })).toEqual([]);
    expect(await lintBomb('3.1', { extra, example: { a: 1 } })).toEqual([
      `${MEDIA_EXAMPLE['3.1']}: "example" property must not have unevaluated properties`,
      'oas3-valid-schema-example components.schemas.L15.example: "example" property must not have unevaluated properties',
    ]);
  });

  for (const version of ['3.0', '2.0'] as const) {
    it(`refuses to hand ajv a bomb the quick check cannot read, naming the schema (${version})`, async () => {
      // `uniqueItems` is left to ajv, whose generated code would follow every one of the 9^15 paths.
      const prefix = version === '2.0' ? '#/definitions/' : '#/components/schemas/';
      const refusal = (schema: string) =>
        `Not checked: with its $refs expanded, its schema (through "${prefix}${schema}") applies more than 100,000 ` +
        'subschemas to one place of the example, which could take hours. Reference a schema once where allOf, ' +
        'anyOf or oneOf lists it again and again.';
      const extra = { uniqueItems: true };
      expect(await lintBomb(version, { extra, example: 'fine' })).toEqual([
        `${MEDIA_EXAMPLE[version]}: ${refusal('L14')}`,
      ]);
      // Along a deep example, the costly place is the property p0 of the top schema: L14 nine times.
      const findings = await lintBomb(version, {
        shape: 'properties-allOf',
        extra,
        example: deepExample('fine'),
      });
      expect(findings).toEqual([
        `${MEDIA_EXAMPLE[version]}: ${refusal('L14')}`,
        `${SCHEMA_EXAMPLE[version]}.L15.example: ${refusal('L14')}`,
      ]);
    });

    it(`measures before handing ajv a bomb the quick check gives up on for one example (${version})`, async () => {
      // An object in `enum` is compared by ajv: the quick check answers for "x" but leaves 5 to ajv.
      const options = { extra: { enum: ['x', { a: 1 }] } };
      expect(await lintBomb(version, { ...options, example: 'x' })).toEqual([]);
      const [finding] = await lintBomb(version, { ...options, example: 5 });
      expect(finding).toMatch(
        /^oas[23]-valid-media-example .*: Not checked: with its \$refs expanded, its schema \(through "#\/(definitions|components\/schemas)\/L14"\)/,
      );
    });

    it(`lets ajv check a deep example against nine properties per level, which cost one path (${version})`, async () => {
      const extra = { uniqueItems: true };
      expect(await lintBomb(version, { shape: 'properties', extra, example: deepExample(5) })).toEqual([
        `${MEDIA_EXAMPLE[version]}.${DEEP_PATH}: "p5" property type must be string`,
        `${SCHEMA_EXAMPLE[version]}.L15.example.${DEEP_PATH}: "p5" property type must be string`,
      ]);
    });
  }
});

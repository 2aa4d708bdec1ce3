/**
 * The quick check of examples answers for ajv: wherever it answers, ajv compiled with the options of example
 * validation must give the same verdict and, for an invalid value, the same first error (path, keyword, params,
 * message and the schema it belongs to), since findings are worded from that error.
 */
import { describe, expect, it } from 'vitest';
import {
  compileErrorOf,
  type ExampleError,
  isQuickCheckable,
  quickValidate,
} from '../../../src/core/lint/rules/support/example-quick-check.js';
import { createExampleAjv } from '../../../src/core/lint/rules/support/example-validation.js';

/** Components the schemas below name by `$ref`, as example validation adds converted components to ajv. */
const COMPONENTS: Record<string, object> = {
  'https://components.invalid/pet': {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'integer' }, name: { type: 'string', maxLength: 3 } },
  },
  'https://components.invalid/code': { type: 'string', enum: ['a', 'b'] },
  'https://components.invalid/nested': { $ref: 'https://components.invalid/code' },
  // What it evaluates depends on the value: ajv tracks it at run time.
  'https://components.invalid/either': {
    anyOf: [{ required: ['a'], properties: { a: { type: 'string' } } }, { properties: { b: {} } }],
  },
  'https://components.invalid/open': { properties: { a: {} }, additionalProperties: true },
};

const SCHEMAS: object[] = [
  {},
  { type: 'string' },
  { type: 'integer' },
  { type: 'number', minimum: 0, maximum: 10 },
  { type: 'number', minimum: 0, exclusiveMinimum: true },
  { type: 'number', maximum: 5, exclusiveMaximum: true },
  { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 5 },
  { type: 'number', exclusiveMinimum: true },
  { type: 'integer', multipleOf: 8, minimum: 8 },
  { type: 'number', multipleOf: 0.5 },
  { minimum: 1, maxLength: 1 },
  { type: 'boolean' },
  { type: 'null' },
  { type: ['string', 'null'] },
  { type: ['integer', 'boolean'], maximum: 3 },
  { type: 'string', nullable: true },
  { type: 'integer', nullable: true, maximum: 3 },
  { type: 'string', nullable: true, maxLength: 1 },
  { type: 'object', nullable: true, required: ['id'] },
  { type: 'string', minLength: 2, maxLength: 3 },
  { type: 'string', pattern: '^a+$' },
  { type: 'string', pattern: '^a+$', minLength: 2, format: 'uri' },
  { type: 'string', format: 'date-time' },
  { type: 'string', format: 'uri' },
  { type: 'integer', format: 'int32' },
  { type: 'number', format: 'date-time' },
  { type: 'string', format: 'int32' },
  { format: 'email' },
  { type: 'string', format: 'not-a-known-format' },
  { type: 'string', enum: ['a', 'b'] },
  { type: 'string', enum: ['a', 'b'], maxLength: 1 },
  { type: 'integer', enum: [1, 5], minimum: 2 },
  { enum: [1, null] },
  { enum: [{ id: 1 }, 'a'] },
  { const: 'a' },
  { type: 'string', const: 5 },
  { not: { type: 'string' } },
  { type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 2 },
  { type: 'array', items: { type: 'array', items: { oneOf: [{ type: 'integer' }, { type: 'string' }] } } },
  { items: { type: 'string' } },
  { type: 'object', required: ['id'], properties: { id: { type: 'integer' }, name: { type: 'string' } } },
  { type: 'object', properties: { id: { type: 'integer' } }, additionalProperties: false },
  {
    type: 'object',
    required: ['name'],
    properties: { id: { type: 'integer' }, 'a/b~c': { type: 'integer' } },
    additionalProperties: false,
  },
  { type: 'object', additionalProperties: { type: 'string' }, minProperties: 1, maxProperties: 2 },
  { type: 'object', properties: { id: { type: 'string' } }, additionalProperties: { type: 'integer' } },
  { required: ['a', 'id'], properties: { a: { type: 'integer' } } },
  { allOf: [{ type: 'object', required: ['a'] }, { properties: { a: { type: 'string' } } }] },
  { allOf: [{ type: 'object' }, { $ref: 'https://components.invalid/pet' }], required: ['name'] },
  { anyOf: [{ type: 'string' }, { type: 'integer' }] },
  {
    anyOf: [
      { type: 'string', minLength: 2 },
      { type: 'object', required: ['id'] },
    ],
  },
  { oneOf: [{ type: 'string' }] },
  { oneOf: [{ type: 'string' }, { type: 'string', minLength: 1 }] },
  { oneOf: [{ type: 'integer' }, { type: 'number' }, { type: 'string' }] },
  { oneOf: [{ required: ['id'] }, { required: ['a'] }, { required: ['name'] }] },
  { type: 'object', oneOf: [{ $ref: 'https://components.invalid/pet' }, { required: ['a'] }] },
  { $ref: 'https://components.invalid/pet' },
  { $ref: 'https://components.invalid/nested' },
  { $ref: 'https://components.invalid/code', maxLength: 0 },
  { $ref: 'https://components.invalid/code', type: 'integer' },
  { type: 'array', items: { $ref: 'https://components.invalid/pet' } },
  { type: 'object', properties: { pet: { $ref: 'https://components.invalid/pet' } } },
  {
    type: 'object',
    properties: { $ref: 'attributes.yml#/ids', id: { type: 'integer' }, a: 5 },
    additionalProperties: false,
  },
  { properties: { a: true } },
  { properties: { a: null } },
  { type: 'object', required: ['constructor'] },
  { properties: { toString: { type: 'string' } } },
  { type: 'string', uniqueItems: true },
  { type: 'object', properties: { a: { type: 'string', pattern: '(' } } },
  { type: 'string', enum: [] },
  { nullable: true },
  { nullable: false },
  { type: 'object', properties: { a: { nullable: true }, b: { type: 'integer' } } },
  { type: 'array', items: { allOf: [{ $ref: 'https://components.invalid/pet' }], nullable: true } },
  { $ref: 'https://components.invalid/pet', nullable: true },
  { anyOf: [{ type: 'string' }, { nullable: true }] },
  { anyOf: [{}, { nullable: true }] },
  { properties: { a: { nullable: true }, b: { type: 'strin' } } },
  { properties: { a: { nullable: 'yes', type: 'string' } } },
  { type: 'null', nullable: false },
  { type: 'strin' },
  { type: 'integer', multipleOf: 0 },
  { maxLength: 1.5 },
  // `unevaluatedProperties` (JSON Schema 2020-12; draft 4 leaves it to ajv), alone and after each applicator.
  { type: 'object', unevaluatedProperties: false },
  { unevaluatedProperties: true, required: ['id'] },
  { type: 'object', properties: { id: { type: 'integer' } }, unevaluatedProperties: false },
  { properties: { id: {}, a: 5 }, unevaluatedProperties: { type: 'string' } },
  { properties: { id: {} }, unevaluatedProperties: { $ref: 'https://components.invalid/code' } },
  { properties: { id: {} }, unevaluatedProperties: {} },
  { properties: { id: { type: 'integer' } }, additionalProperties: true, unevaluatedProperties: false },
  { additionalProperties: { type: 'string' }, unevaluatedProperties: { type: 'integer' } },
  {
    allOf: [{ properties: { id: { type: 'integer' } } }, { properties: { name: {} } }],
    unevaluatedProperties: false,
  },
  {
    allOf: [{ properties: { a: {} }, additionalProperties: { type: 'string' } }],
    unevaluatedProperties: false,
  },
  { allOf: [{ properties: { a: {} }, unevaluatedProperties: false }], unevaluatedProperties: false },
  { allOf: [{ unevaluatedProperties: true }], unevaluatedProperties: false },
  {
    allOf: [{ properties: { id: {} }, unevaluatedProperties: { type: 'string' } }],
    unevaluatedProperties: false,
  },
  { allOf: [{ allOf: [{ properties: { id: {} } }] }, {}], unevaluatedProperties: false },
  {
    anyOf: [
      { properties: { a: { type: 'string' } }, required: ['a'] },
      { properties: { id: { type: 'integer' } }, required: ['id'] },
    ],
    unevaluatedProperties: false,
  },
  { anyOf: [{}, { properties: { id: {} } }], unevaluatedProperties: false },
  {
    anyOf: [{ type: 'string' }, { properties: { id: {} } }],
    properties: { b: {} },
    unevaluatedProperties: false,
  },
  {
    oneOf: [
      { properties: { a: { type: 'string' } }, required: ['a'] },
      { properties: { id: {} }, required: ['id'] },
    ],
    unevaluatedProperties: false,
  },
  {
    unevaluatedProperties: false,
    oneOf: [
      { type: 'object', properties: { object: { type: 'string', const: 'card' }, name: { type: 'string' } } },
      { type: 'object', properties: { object: { type: 'string', const: 'bank' }, id: { type: 'integer' } } },
    ],
  },
  { not: { properties: { a: {} }, required: ['b'] }, unevaluatedProperties: false },
  { $ref: 'https://components.invalid/pet', unevaluatedProperties: false },
  { $ref: 'https://components.invalid/either', unevaluatedProperties: false },
  { $ref: 'https://components.invalid/open', unevaluatedProperties: false },
  {
    allOf: [{ $ref: 'https://components.invalid/either' }],
    properties: { id: {} },
    unevaluatedProperties: false,
  },
  { type: 'object', properties: { pet: { properties: { id: {} }, unevaluatedProperties: false } } },
  { type: 'array', items: { properties: { id: { type: 'integer' } }, unevaluatedProperties: false } },
  { unevaluatedProperties: 'no' },
];

const VALUES: unknown[] = [
  null,
  true,
  0,
  5,
  8,
  16,
  -1,
  1.5,
  11,
  '',
  'a',
  'aa',
  'aaaa',
  'b',
  '😀😀',
  '2024-01-02T03:04:05Z',
  '2024-01-02',
  'https://example.com/x',
  'not a uri',
  'a@example.com',
  [],
  [1],
  [1, 2, 3],
  ['x'],
  [['x', 1], [true]],
  [{ id: 1 }, { id: 'x' }],
  {},
  { id: 1 },
  { id: 'one' },
  { id: 1, name: 'n' },
  { id: 1, name: 'long' },
  { id: 1, extra: true },
  { a: 'x' },
  { a: 1 },
  { a: 'x', id: 1 },
  { 'a/b~c': 'x', name: 1 },
  { a: 'x', b: 'y', c: 'z' },
  { pet: { name: 'n' } },
  { pet: { id: 1 } },
  { id: 1, a: 'x', b: 2 },
  { a: 1, b: 2 },
  { b: 'x' },
  { object: 'card', name: 'n' },
  { object: 'card', id: 1 },
  { object: 'bank', id: 1 },
  { constructor: 1 },
  { id: 1, toString: 'x' },
  { id: 1 },
  2 ** 40,
  2 ** 70,
];

/** The parts of ajv's first error that findings are worded from. */
function comparable(error: ExampleError | undefined) {
  if (!error) return undefined;
  const { instancePath, keyword, params, message, parentSchema } = error;
  return { instancePath, keyword, params, message, parentSchema };
}

describe('quick check of examples', () => {
  for (const dialect2020 of [false, true]) {
    it(`answers as ajv does, first error included (${dialect2020 ? 'JSON Schema 2020-12' : 'draft 4'})`, () => {
      const ajv = createExampleAjv(dialect2020);
      // Fresh objects per dialect: what is checkable is remembered per schema object (one document, one dialect).
      const components = structuredClone(COMPONENTS);
      for (const [id, schema] of Object.entries(components)) ajv.addSchema(schema, id);
      const context = { component: (id: string) => components[id], formats: ajv.formats, dialect2020 };
      const answered = { valid: 0, invalid: 0, left: 0 };
      let compileErrors = 0;
      let unevaluatedErrors = 0;
      for (const schema of structuredClone(SCHEMAS)) {
        const checkable = isQuickCheckable(schema, context);
        let compiled: ReturnType<typeof ajv.compile>;
        try {
          compiled = ajv.compile(schema);
        } catch (error) {
          // A schema ajv cannot compile is left to ajv, whose message is the finding, unless the message is certain.
          expect(checkable, JSON.stringify(schema)).toBe(false);
          const known = compileErrorOf(schema, context);
          if (known !== undefined) {
            expect(known, JSON.stringify(schema)).toBe((error as Error).message);
            compileErrors++;
          }
          continue;
        }
        expect(compileErrorOf(schema, context), JSON.stringify(schema)).toBeUndefined();
        for (const value of VALUES) {
          const answer = quickValidate(schema, value, context);
          const label = `${JSON.stringify(schema)} on ${JSON.stringify(value)}`;
          if (answer === undefined) {
            answered.left++;
            continue;
          }
          const valid = compiled(value);
          expect(answer === true, label).toBe(valid);
          if (answer === true) {
            answered.valid++;
          } else {
            answered.invalid++;
            if (answer.keyword === 'unevaluatedProperties') unevaluatedErrors++;
            expect(comparable(answer), label).toEqual(comparable(compiled.errors?.[0] as ExampleError));
          }
        }
      }
      // Every kind of answer occurs: the check does work, and leaves some to ajv.
      expect(answered.valid).toBeGreaterThan(300);
      expect(answered.invalid).toBeGreaterThan(1000);
      expect(answered.left).toBeGreaterThan(50);
      expect(compileErrors).toBeGreaterThan(3);
      // Only JSON Schema 2020-12 has the keyword; there, the check answers for it.
      if (dialect2020) expect(unevaluatedErrors).toBeGreaterThan(50);
      else expect(unevaluatedErrors).toBe(0);
    });
  }

  it('leaves a $ref it cannot follow to ajv', () => {
    const context = { component: () => undefined, formats: {}, dialect2020: false };
    expect(quickValidate({ items: { $ref: 'missing' } }, [], context)).toBeUndefined();
  });
});

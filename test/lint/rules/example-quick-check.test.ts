/**
 * The quick check of examples may only accept what ajv accepts: every pair of a schema and a value below where it
 * answers `true` is checked against ajv compiled with the options of example validation.
 */
import { describe, expect, it } from 'vitest';
import { isQuickCheckable, quickAccepts } from '../../../src/core/lint/rules/support/example-quick-check.js';
import { loadAjv } from '../../../src/core/lint/rules/support/openapi-schemas.js';

const SCHEMAS: object[] = [
  {},
  { type: 'string' },
  { type: 'integer' },
  { type: 'number', minimum: 0, maximum: 10 },
  { type: 'number', minimum: 0, exclusiveMinimum: true },
  { type: 'boolean' },
  { type: ['string', 'null'] },
  { type: 'string', nullable: true },
  { type: 'string', minLength: 2, maxLength: 3 },
  { type: 'string', pattern: '^a+$' },
  { type: 'string', format: 'date-time' },
  { type: 'string', format: 'uri' },
  { type: 'integer', format: 'int32' },
  { type: 'string', format: 'not-a-known-format' },
  { type: 'string', enum: ['a', 'b'] },
  { enum: [1, null] },
  { type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 2 },
  { type: 'object', required: ['id'], properties: { id: { type: 'integer' }, name: { type: 'string' } } },
  { type: 'object', properties: { id: { type: 'integer' } }, additionalProperties: false },
  { type: 'object', additionalProperties: { type: 'string' }, minProperties: 1, maxProperties: 2 },
  { allOf: [{ type: 'object', required: ['a'] }, { properties: { a: { type: 'string' } } }] },
  { anyOf: [{ type: 'string' }, { type: 'integer' }] },
  { oneOf: [{ type: 'string' }] },
  { oneOf: [{ type: 'string' }, { type: 'string', minLength: 1 }] },
  { type: 'object', required: ['constructor'] },
  { properties: { toString: { type: 'string' } } },
  { type: 'string', multipleOf: 2 },
  { type: 'object', properties: { a: { type: 'string', pattern: '(' } } },
  { type: 'string', enum: [] },
  { nullable: true },
  { type: 'strin' },
];

const VALUES: unknown[] = [
  null,
  true,
  0,
  5,
  -1,
  1.5,
  11,
  '',
  'a',
  'aa',
  'aaaa',
  'b',
  '2024-01-02T03:04:05Z',
  '2024-01-02',
  'https://example.com/x',
  'not a uri',
  [],
  [1],
  [1, 2, 3],
  ['x'],
  {},
  { id: 1 },
  { id: 'one' },
  { id: 1, name: 'n' },
  { id: 1, extra: true },
  { a: 'x' },
  { a: 1 },
  { a: 'x', b: 'y', c: 'z' },
  2 ** 40,
];

describe('quick check of examples', () => {
  for (const dialect2020 of [false, true]) {
    it(`accepts only what ajv accepts (${dialect2020 ? 'JSON Schema 2020-12' : 'draft 4'})`, () => {
      const { Ajv2020, AjvDraft04, addFormats } = loadAjv();
      const options = {
        allErrors: false,
        strict: false,
        allowUnionTypes: true,
        logger: false as const,
        unicodeRegExp: false,
      };
      const ajv = dialect2020 ? new Ajv2020(options) : new AjvDraft04.default(options);
      addFormats.default(ajv);
      const context = { component: () => undefined, formats: ajv.formats, dialect2020 };
      let accepted = 0;
      let left = 0;
      // Fresh objects per dialect: what is checkable is remembered per schema object (one document, one dialect).
      for (const schema of structuredClone(SCHEMAS)) {
        const checkable = isQuickCheckable(schema, context);
        let compiled: ((value: unknown) => boolean) | undefined;
        try {
          compiled = ajv.compile(schema);
        } catch {
          // A schema ajv cannot compile must be left to ajv, whose message is the finding.
          expect(checkable, JSON.stringify(schema)).toBe(false);
          continue;
        }
        for (const value of VALUES) {
          if (quickAccepts(schema, value, context) === true) {
            accepted++;
            expect(compiled(value), `${JSON.stringify(schema)} on ${JSON.stringify(value)}`).toBe(true);
          } else {
            left++;
          }
        }
      }
      // Both answers occur: the check does work, and leaves work to ajv.
      expect(accepted).toBeGreaterThan(100);
      expect(left).toBeGreaterThan(100);
    });
  }

  it('follows $refs to converted components', () => {
    const { AjvDraft04, addFormats } = loadAjv();
    const ajv = new AjvDraft04.default({ strict: false });
    addFormats.default(ajv);
    const components = new Map<string, object>([['c1', { type: 'object', required: ['id'] }]]);
    const context = {
      component: (id: string) => components.get(id),
      formats: ajv.formats,
      dialect2020: false,
    };
    expect(quickAccepts({ items: { $ref: 'c1' } }, [{ id: 1 }], context)).toBe(true);
    expect(quickAccepts({ items: { $ref: 'c1' } }, [{}], context)).toBeUndefined();
    expect(quickAccepts({ items: { $ref: 'missing' } }, [], context)).toBeUndefined();
  });
});

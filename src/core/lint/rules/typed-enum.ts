import type { Rule } from '../types.js';
import { isObject, printValue } from './support/values.js';

/** The JSON Schema type of a value; `integer` only when the schema asks for integers. */
function typeOf(value: unknown, integers: boolean): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return integers && Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Spectral `typed-enum`: every enum value has the schema's type. */
export const typedEnum: Rule = {
  id: 'typed-enum',
  description: 'Enum values must respect the specified type.',
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  // The enum keyword, not every node with a filter: the walk stays cheap, and the schema is the enum's parent.
  given: '$..enum',
  documentation: {
    rationale:
      'An enum value of the wrong type can never be sent or received: validators reject it by its type.',
    good: 'type: integer\nenum: [1, 2, 3]',
    bad: 'type: integer\nenum: [1, "two", 3]',
  },
  check(target, context) {
    const values = target.value;
    const schema = target.parent?.value;
    if (!Array.isArray(values) || !isObject(schema)) return;
    const declared = schema.type;
    const valid =
      typeof declared === 'string' ||
      (Array.isArray(declared) && declared.every((item) => typeof item === 'string'));
    if (!valid) return;
    const { formats } = context.document;
    const nullable =
      (schema.nullable === true && formats.has('oas3_0')) ||
      (schema['x-nullable'] === true && formats.has('oas2'));
    const types: unknown = nullable
      ? [...(Array.isArray(declared) ? declared : [declared]), 'null']
      : declared;
    const integers = types === 'integer' || (Array.isArray(types) && types.includes('integer'));
    values.forEach((value, index) => {
      if (typeof value === 'undefined' || typeof value === 'function') return;
      const actual = typeOf(value, integers);
      if (actual === types || (Array.isArray(types) && types.includes(actual))) return;
      context.report({
        message: `Enum value ${printValue(value)} must be "${String(types)}".`,
        path: [index],
      });
    });
  },
};

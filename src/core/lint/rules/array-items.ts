import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Schemas with "type: array", require a sibling "items" field';

/** Spectral `array-items`: an array schema says what its items are. */
export const arrayItems: Rule = {
  id: 'array-items',
  description: MESSAGE,
  severity: 'error',
  family: 'oas',
  preset: 'recommended',
  resolved: false,
  // The `type` keyword rather than a filter on every node; the schema is its parent.
  given: '$..type',
  documentation: {
    rationale:
      'Without `items`, an array schema accepts anything, and code generators produce untyped lists.',
    good: 'type: array\nitems:\n  type: string',
    bad: 'type: array',
  },
  check(target, context) {
    const parent = target.parent;
    const schema = parent?.value;
    if (!parent || !isObject(schema)) return;
    if (!isArrayType(target.value, context.document.formats.has('oas3_1'))) return;
    if (!schema.items) context.report({ message: MESSAGE, target: parent, path: ['items'] });
  },
};

/**
 * Spectral selects `@.type == "array"` (loose equality, so `["array"]` too) and, for OpenAPI 3.1, any type list
 * that includes `array`.
 */
function isArrayType(type: unknown, listsAllowed: boolean): boolean {
  if (type === 'array') return true;
  if (!Array.isArray(type)) return false;
  return (type.length === 1 && String(type[0]) === 'array') || (listsAllowed && type.includes('array'));
}

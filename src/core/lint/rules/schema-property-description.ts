import type { Rule } from '../types.js';
import { isObject, PROPERTIES_MAPS } from './support/governance.js';

/** Every property of every schema says what it means. */
export const schemaPropertyDescription: Rule = {
  id: 'schema-property-description',
  description: 'Schema properties must have a description.',
  severity: 'warn',
  family: 'governance',
  preset: 'strict',
  given: PROPERTIES_MAPS,
  documentation: {
    rationale: [
      'A property name is not documentation: `status`, `amount` or `expires` leave readers to guess units, time',
      'zones and meanings, and the guesses end up in clients. Every property of every schema (components,',
      'Swagger 2 `definitions`, and inline schemas under `paths`) must have a non-empty `description`.',
      'A property that is a `$ref` is described by a `description` beside the `$ref` (OpenAPI 3.1) or by the',
      'schema it points at.',
    ].join('\n'),
    good: [
      'Order:',
      '  type: object',
      '  properties:',
      '    amount:',
      '      type: integer',
      '      description: Total in the smallest unit of the currency (cents for EUR).',
    ].join('\n'),
    bad: ['Order:', '  type: object', '  properties:', '    amount: { type: integer }'].join('\n'),
  },
  check(target, context) {
    const properties = target.value;
    if (!isObject(properties)) return;
    for (const [name, value] of Object.entries(properties)) {
      if (!isObject(value)) continue;
      if (typeof value.description === 'string' && value.description.trim() !== '') continue;
      const resolved = context.resolve(value);
      if (resolved !== value && isObject(resolved) && typeof resolved.description === 'string') continue;
      context.report({ message: `Property "${name}" must have a description.`, path: [name] });
    }
  },
};

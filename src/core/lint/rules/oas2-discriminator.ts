import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

/** Spectral `oas2-discriminator`: the discriminator names a property every instance has. */
export const oas2Discriminator: Rule = {
  id: 'oas2-discriminator',
  description: 'discriminator property must be defined and required',
  severity: 'error',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas2'],
  given: '$.definitions[*]',
  documentation: {
    rationale:
      'Clients choose the subtype from the discriminator property; if the schema does not define and require it, that choice is impossible.',
    good: 'definitions:\n  Pet:\n    discriminator: petType\n    required: [petType]\n    properties:\n      petType: { type: string }',
    bad: 'definitions:\n  Pet:\n    discriminator: petType\n    properties:\n      name: { type: string }',
  },
  check(target, context) {
    const schema = target.value;
    if (!isObject(schema) || typeof schema.discriminator !== 'string') return;
    const name = schema.discriminator;
    if (!isObject(schema.properties) || !Object.hasOwn(schema.properties, name)) {
      context.report({
        message: 'The discriminator property must be defined in this schema.',
        path: ['properties'],
      });
    }
    if (!Array.isArray(schema.required) || !schema.required.includes(name)) {
      context.report({
        message: 'The discriminator property must be in the required property list.',
        path: ['required'],
      });
    }
  },
};

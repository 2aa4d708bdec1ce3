import type { Rule } from '../types.js';
import { lastDuplicatePair } from './support/values.js';

/** Spectral `duplicated-entry-in-enum`: an enum lists each value once. */
export const duplicatedEntryInEnum: Rule = {
  id: 'duplicated-entry-in-enum',
  description: 'Enum values must not have duplicate entry.',
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: '$..enum',
  documentation: {
    rationale:
      'A repeated enum value is usually a typo of a missing one, and code generators fail on duplicate constants.',
    good: 'enum: [open, shipped, cancelled]',
    bad: 'enum: [open, shipped, open]',
  },
  check(target, context) {
    const values = target.value;
    // `properties: { enum: ... }` is a property named enum, not the keyword.
    if (!Array.isArray(values) || target.parent?.key === 'properties') return;
    // The pair ajv (and so Spectral) names: the last repeated value and the closest earlier one.
    const pair = lastDuplicatePair(values);
    if (!pair) return;
    context.report({
      message: `"enum" property must not have duplicate items (items ## ${pair[0]} and ${pair[1]} are identical)`,
    });
  },
};

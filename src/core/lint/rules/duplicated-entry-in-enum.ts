import type { Rule } from '../types.js';
import { parentOf } from './support/values.js';

/** A key equal for values JSON Schema's `uniqueItems` considers equal (objects regardless of key order). */
function identity(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `${typeof value}:${String(value)}`;
  return `json:${JSON.stringify(canonical(value))}`;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = canonical((value as Record<string, unknown>)[key]);
  return sorted;
}

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
    if (!Array.isArray(values) || parentOf(target)?.key === 'properties') return;
    const first = new Map<string, number>();
    for (let index = 0; index < values.length; index++) {
      const key = identity(values[index]);
      const earlier = first.get(key);
      if (earlier !== undefined) {
        context.report({
          message: `"enum" property must not have duplicate items (items ## ${earlier} and ${index} are identical)`,
        });
        return;
      }
      first.set(key, index);
    }
  },
};

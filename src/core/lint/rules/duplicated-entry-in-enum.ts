import type { Rule } from '../types.js';
import { parentOf } from './support/values.js';

/** Text written as it is, as opposed to a value still to be written. */
class Literal {
  constructor(readonly text: string) {}
}

/**
 * A key equal for values JSON Schema's `uniqueItems` considers equal: JSON with object keys sorted. Iterative, so
 * that a hostile enum value nested thousands of levels deep cannot exhaust the stack.
 */
function identity(root: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Literal) {
      out.push(item.text);
    } else if (Array.isArray(item)) {
      stack.push(new Literal(']'));
      for (let index = item.length - 1; index >= 0; index--) {
        stack.push(item[index]);
        if (index > 0) stack.push(new Literal(','));
      }
      stack.push(new Literal('['));
    } else if (typeof item === 'object' && item !== null) {
      const keys = Object.keys(item).sort();
      stack.push(new Literal('}'));
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index] as string;
        stack.push((item as Record<string, unknown>)[key]);
        stack.push(new Literal(`${index > 0 ? ',' : ''}${JSON.stringify(key)}:`));
      }
      stack.push(new Literal('{'));
    } else {
      out.push(JSON.stringify(item) ?? 'null');
    }
  }
  return out.join('');
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

import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

/** Spectral `oas3-examples-value-or-externalValue`: an Example object has exactly one of its two values. */
export const oas3ExamplesValueOrExternalValue: Rule = {
  id: 'oas3-examples-value-or-externalValue',
  description: 'Examples must have either "value" or "externalValue" field.',
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas3'],
  given: [
    '$.components.examples[*]',
    '$.paths[*][*]..content[*].examples[*]',
    '$.paths[*][*]..parameters[*].examples[*]',
    '$.components.parameters[*].examples[*]',
    '$.paths[*][*]..headers[*].examples[*]',
    '$.components.headers[*].examples[*]',
  ],
  documentation: {
    rationale:
      'An example with neither `value` nor `externalValue` shows nothing; one with both leaves tools to pick which one is true.',
    good: 'examples:\n  open:\n    value: { status: open }',
    bad: 'examples:\n  open:\n    summary: An open order',
  },
  check(target, context) {
    const example = target.value;
    if (!isObject(example)) return;
    const present = ['externalValue', 'value'].filter((field) => Object.hasOwn(example, field));
    if (present.length === 0) {
      context.report({ message: 'Examples must have either "value" or "externalValue" field.' });
    } else if (present.length > 1) {
      context.report({ message: 'Examples must have either "value" or "externalValue" field.' });
    }
  },
};

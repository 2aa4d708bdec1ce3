import { OPERATIONS_PATH, type Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Operation must have non-empty "tags" array.';

/** Spectral `operation-tags`: every operation is grouped under at least one tag. */
export const operationTags: Rule = {
  id: 'operation-tags',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: OPERATIONS_PATH,
  documentation: {
    rationale:
      'Documentation and SDK generators group operations by tag; an untagged operation lands in a catch-all section nobody looks at.',
    good: 'paths:\n  /orders:\n    get:\n      tags: [Orders]',
    bad: 'paths:\n  /orders:\n    get:\n      tags: []',
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const { tags } = target.value;
    if (!Array.isArray(tags) || tags.length === 0) {
      context.report({ message: MESSAGE, path: ['tags'] });
    }
  },
};

import { OPERATIONS_PATH, type Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Operation must not have more than a single tag.';

/** Spectral `operation-singular-tag` (off by default): one tag per operation. */
export const operationSingularTag: Rule = {
  id: 'operation-singular-tag',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'all',
  given: OPERATIONS_PATH,
  documentation: {
    rationale:
      'Several generators create one client class per tag; an operation with two tags becomes two methods in two classes.',
    good: 'paths:\n  /orders:\n    get:\n      tags: [Orders]',
    bad: 'paths:\n  /orders:\n    get:\n      tags: [Orders, Customers]',
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const { tags } = target.value;
    if (Array.isArray(tags) && tags.length > 1) {
      context.report({ message: MESSAGE, path: ['tags'] });
    }
  },
};

import { OPERATIONS_PATH, type Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Operation must have at least one "2xx" or "3xx" response.';

/** Spectral `operation-success-response`: every operation can succeed. */
export const operationSuccessResponse: Rule = {
  id: 'operation-success-response',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: OPERATIONS_PATH,
  documentation: {
    rationale:
      'An operation that documents only failures tells clients nothing about what success looks like, so generated clients cannot type the result.',
    good: 'paths:\n  /orders:\n    get:\n      responses:\n        "200":\n          description: The orders',
    bad: 'paths:\n  /orders:\n    get:\n      responses:\n        "404":\n          description: Not found',
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const responses = context.resolve(target.value.responses);
    // As in Spectral, an operation without a `responses` object is the schema rules' business, not this rule's.
    if (!isObject(responses)) return;
    const ranges = context.document.formats.has('oas3');
    for (const code of Object.keys(responses)) {
      if (ranges && (code === '2XX' || code === '3XX')) return;
      const status = Number(code);
      if (status >= 200 && status < 400) return;
    }
    context.report({ message: MESSAGE, path: ['responses'] });
  },
};

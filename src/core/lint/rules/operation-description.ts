import { OPERATIONS_PATH, type Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Operation "description" must be present and non-empty string.';

/** Spectral `operation-description`: every operation explains what it does. */
export const operationDescription: Rule = {
  id: 'operation-description',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: OPERATIONS_PATH,
  documentation: {
    rationale:
      'The description is what documentation portals and generated SDK comments show; without it readers guess from the path.',
    good: 'paths:\n  /orders:\n    get:\n      description: Lists the orders of the calling customer, newest first.',
    bad: 'paths:\n  /orders:\n    get:\n      summary: Orders',
  },
  check(target, context) {
    if (isObject(target.value) && !target.value.description) {
      context.report({ message: MESSAGE, path: ['description'] });
    }
  },
};

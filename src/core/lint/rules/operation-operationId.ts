import { OPERATIONS_PATH, type Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Operation must have "operationId".';

/** Spectral `operation-operationId`: every operation has an id. */
export const operationOperationId: Rule = {
  id: 'operation-operationId',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: OPERATIONS_PATH,
  documentation: {
    rationale:
      'Code generators name methods after `operationId`; without one they invent names from the path and method, which change whenever the path does.',
    good: 'paths:\n  /orders:\n    get:\n      operationId: listOrders',
    bad: 'paths:\n  /orders:\n    get:\n      summary: List orders',
  },
  check(target, context) {
    if (isObject(target.value) && !target.value.operationId) {
      context.report({ message: MESSAGE, path: ['operationId'] });
    }
  },
};

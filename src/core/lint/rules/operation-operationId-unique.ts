import { OPERATIONS_PATH, type Rule } from '../types.js';

/** Spectral `operation-operationId-unique`: no two operations share an `operationId`. */
export const operationOperationIdUnique: Rule<Set<string>> = {
  id: 'operation-operationId-unique',
  description: 'Every operation must have unique "operationId".',
  severity: 'error',
  family: 'oas',
  preset: 'recommended',
  given: OPERATIONS_PATH,
  documentation: {
    rationale:
      'Code generators name functions after `operationId`, and links and documentation anchors use it: two operations with the same id collide in all of them.',
    good: 'paths:\n  /orders:\n    get:\n      operationId: listOrders\n    post:\n      operationId: createOrder',
    bad: 'paths:\n  /orders:\n    get:\n      operationId: orders\n    post:\n      operationId: orders',
  },
  createState: () => new Set<string>(),
  check(target, context) {
    const operation = target.value;
    if (typeof operation !== 'object' || operation === null) return;
    const operationId = (operation as { operationId?: unknown }).operationId;
    if (typeof operationId !== 'string') return;
    // The first operation keeps its id; every later one with the same id is the problem, as in Spectral.
    if (context.state.has(operationId)) {
      context.report({ message: 'Every operation must have unique "operationId".', path: ['operationId'] });
    } else {
      context.state.add(operationId);
    }
  },
};

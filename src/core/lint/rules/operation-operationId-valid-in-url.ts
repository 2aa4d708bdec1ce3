import { OPERATIONS_PATH, type Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'operationId must not contain characters that are invalid when used in URL.';
/** The characters RFC 3986 allows unescaped in a URL. */
const URL_SAFE = /^[A-Za-z0-9-._~:/?#[\]@!$&'()*+,;=]*$/;

/** Spectral `operation-operationId-valid-in-url`: ids are used in links and documentation anchors. */
export const operationOperationIdValidInUrl: Rule = {
  id: 'operation-operationId-valid-in-url',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: OPERATIONS_PATH,
  documentation: {
    rationale:
      'Documentation tools put `operationId` in URLs and anchors; a space or a quote in it breaks those links.',
    good: 'paths:\n  /orders:\n    get:\n      operationId: listOrders',
    bad: 'paths:\n  /orders:\n    get:\n      operationId: list orders',
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const { operationId } = target.value;
    if (typeof operationId === 'string' && !URL_SAFE.test(operationId)) {
      context.report({ message: MESSAGE, path: ['operationId'] });
    }
  },
};

import { OPERATIONS_PATH, type Rule } from '../types.js';
import { isObject } from './support/governance.js';

/** A lowercase letter, then letters and digits: `listOrders`, `getHTTPStatus`. */
const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

/** `operationId`s are camelCase: what code generators turn them into, unchanged. */
export const operationOperationIdCamelCase: Rule = {
  id: 'operation-operationId-camel-case',
  description: 'operationId must be camelCase.',
  severity: 'warn',
  family: 'governance',
  preset: 'recommended',
  given: OPERATIONS_PATH,
  documentation: {
    rationale: [
      'Client generators turn each `operationId` into a method name. camelCase ids become `client.listOrders()`',
      'in every language without renaming; `list_orders`, `List-Orders` or `orders.list` are mangled differently by',
      'each generator, and the SDKs of one API stop matching each other and the docs.',
      '',
      'An id must start with a lowercase letter and continue with letters and digits. Consecutive capitals are',
      'accepted (`getHTTPStatus`), since generators handle them alike. A missing `operationId` is the business of',
      '`operation-operationId`, duplicates of `operation-operationId-unique`.',
    ].join('\n'),
    good: ['paths:', '  /orders:', '    get:', '      operationId: listOrders'].join('\n'),
    bad: ['paths:', '  /orders:', '    get:', '      operationId: list_orders'].join('\n'),
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const { operationId } = target.value;
    if (typeof operationId !== 'string' || CAMEL_CASE.test(operationId)) return;
    context.report({ message: `operationId "${operationId}" must be camelCase.`, path: ['operationId'] });
  },
};

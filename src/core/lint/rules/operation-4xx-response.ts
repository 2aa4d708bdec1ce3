import { OPERATIONS_PATH, type Rule } from '../types.js';
import {
  effectiveSecurity,
  isClientErrorStatus,
  isObject,
  operationOf,
  parametersOf,
} from './support/governance.js';

/** Every operation that can reject a request documents at least one 4xx response. */
export const operation4xxResponse: Rule = {
  id: 'operation-4xx-response',
  description: 'Operations must document at least one 4xx response.',
  severity: 'warn',
  family: 'governance',
  preset: 'recommended',
  given: OPERATIONS_PATH,
  documentation: {
    rationale: [
      'Clients handle failures by status code. When the spec lists only the happy path, every client learns the',
      'error statuses and their bodies by trial in production, and generated SDKs have no error types.',
      '',
      'Every operation must document at least one client error: a `4xx` status or the `4XX` range. `default` does',
      "not count: it says nothing about whether the failure is the client's or the server's.",
      '',
      'An operation that takes no input (no parameters, no request body) and needs no credentials (its',
      '`security` is empty or absent) cannot reject a request, so it is not reported: a health probe needs no',
      '`400`. Server errors are the business of `operation-5xx-response`.',
    ].join('\n'),
    good: [
      'paths:',
      '  /orders/{orderId}:',
      '    parameters:',
      '      - { name: orderId, in: path, required: true, schema: { type: string } }',
      '    get:',
      '      responses:',
      "        '200': { description: The order. }",
      "        '404': { $ref: '#/components/responses/NotFound' }",
    ].join('\n'),
    bad: [
      'paths:',
      '  /orders/{orderId}:',
      '    parameters:',
      '      - { name: orderId, in: path, required: true, schema: { type: string } }',
      '    get:',
      '      responses:',
      "        '200': { description: The order. }",
    ].join('\n'),
  },
  check(target, context) {
    const found = operationOf(target);
    if (!found) return;
    const { operation, pathItem } = found;
    const responses = context.resolve(operation.responses);
    if (isObject(responses) && Object.keys(responses).some(isClientErrorStatus)) return;
    const takesInput =
      parametersOf(operation, pathItem, context).length > 0 || operation.requestBody !== undefined;
    const security = effectiveSecurity(operation, context.document.data);
    const needsCredentials = security?.some(
      (requirement) => isObject(requirement) && Object.keys(requirement).length > 0,
    );
    if (!takesInput && !needsCredentials) return;
    context.report({
      message: "Operation must document at least one 4xx response (how a client's request can be rejected).",
      path: ['responses'],
    });
  },
};

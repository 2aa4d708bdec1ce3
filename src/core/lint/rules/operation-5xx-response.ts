import { OPERATIONS_PATH, type Rule } from '../types.js';
import { isObject, isServerErrorStatus } from './support/governance.js';

/** Every operation documents what a server failure looks like: a 5xx response or `default`. */
export const operation5xxResponse: Rule = {
  id: 'operation-5xx-response',
  description: 'Operations must document a 5xx or `default` response.',
  severity: 'warn',
  family: 'governance',
  preset: 'recommended',
  given: OPERATIONS_PATH,
  documentation: {
    rationale: [
      'Every operation can fail on the server side, and clients need to know what the body of such a failure looks',
      'like (to log it, to show the request id, to decide on a retry). Document a `5xx` status, the `5XX` range or a',
      '`default` response; sharing one `components.responses` entry across operations keeps that cheap.',
    ].join('\n'),
    good: [
      'paths:',
      '  /orders:',
      '    get:',
      '      responses:',
      "        '200': { description: The orders. }",
      "        '500': { $ref: '#/components/responses/InternalServerError' }",
    ].join('\n'),
    bad: [
      'paths:',
      '  /orders:',
      '    get:',
      '      responses:',
      "        '200': { description: The orders. }",
    ].join('\n'),
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const responses = context.resolve(target.value.responses);
    if (!isObject(responses)) return;
    const statuses = Object.keys(responses);
    if (statuses.some((status) => status === 'default' || isServerErrorStatus(status))) return;
    context.report({
      message: 'Operation must document a 5xx or `default` response (what a server failure looks like).',
      path: ['responses'],
    });
  },
};

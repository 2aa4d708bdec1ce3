import { OPERATIONS_PATH, type Rule } from '../types.js';

const MESSAGE = 'Callbacks should not be defined within a callback';

/** Spectral `oas3-callbacks-in-callbacks`: callbacks one level deep only. */
export const oas3CallbacksInCallbacks: Rule = {
  id: 'oas3-callbacks-in-callbacks',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas3'],
  given: `${OPERATIONS_PATH}.callbacks[*][*][*].callbacks`,
  documentation: {
    rationale:
      'A callback of a callback is a request the API sends in response to a request it sent: almost always a copy-paste mistake, and few tools render it.',
    good: 'callbacks:\n  orderShipped:\n    "{$request.body#/callbackUrl}":\n      post:\n        responses:\n          "200": { description: Received }',
    bad: 'callbacks:\n  orderShipped:\n    "{$request.body#/callbackUrl}":\n      post:\n        callbacks: {}',
  },
  check(_target, context) {
    context.report({ message: MESSAGE });
  },
};

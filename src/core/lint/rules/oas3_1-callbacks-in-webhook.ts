import type { Rule } from '../types.js';

const MESSAGE = 'Callbacks should not be defined in a webhook.';

/** Spectral `oas3_1-callbacks-in-webhook`: a webhook does not call back. */
export const oas3_1CallbacksInWebhook: Rule = {
  id: 'oas3_1-callbacks-in-webhook',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas3_1'],
  given: ['$.webhooks[*][*].callbacks'],
  documentation: {
    rationale: 'A webhook is itself the callback; callbacks inside it describe requests nobody sends.',
    good: 'webhooks:\n  orderShipped:\n    post:\n      responses:\n        "200": { description: Received }',
    bad: 'webhooks:\n  orderShipped:\n    post:\n      callbacks: {}',
  },
  check(_target, context) {
    context.report({ message: MESSAGE });
  },
};

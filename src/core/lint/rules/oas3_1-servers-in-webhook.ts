import type { Rule } from '../types.js';

const MESSAGE = 'Servers should not be defined in a webhook.';

/** Spectral `oas3_1-servers-in-webhook`: a webhook is called by the API, on the consumer's server. */
export const oas3_1ServersInWebhook: Rule = {
  id: 'oas3_1-servers-in-webhook',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas3_1'],
  given: ['$.webhooks.servers', '$.webhooks[*][*].servers'],
  documentation: {
    rationale:
      'Webhooks are requests the API sends to a URL the consumer registers; a `servers` list there means nothing.',
    good: 'webhooks:\n  orderShipped:\n    post:\n      responses:\n        "200": { description: Received }',
    bad: 'webhooks:\n  orderShipped:\n    post:\n      servers:\n        - url: https://hooks.example.com',
  },
  check(_target, context) {
    context.report({ message: MESSAGE });
  },
};

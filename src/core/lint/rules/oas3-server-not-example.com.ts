import type { Rule } from '../types.js';

const MESSAGE = 'Server URL must not point at example.com.';

/** Spectral `oas3-server-not-example.com` (off by default): the server is real. */
export const oas3ServerNotExampleCom: Rule = {
  id: 'oas3-server-not-example.com',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'all',
  formats: ['oas3'],
  given: '$.servers[*].url',
  documentation: {
    rationale:
      '`example.com` is a placeholder left over from a template; clients generated from it call nothing.',
    good: 'servers:\n  - url: https://api.orders.io',
    bad: 'servers:\n  - url: https://api.example.com',
  },
  check(target, context) {
    if (typeof target.value === 'string' && /example\.com/.test(target.value))
      context.report({ message: MESSAGE });
  },
};

import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Host URL must not point at example.com.';

/** Spectral `oas2-host-not-example` (off by default): the host is real. */
export const oas2HostNotExample: Rule = {
  id: 'oas2-host-not-example',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'all',
  formats: ['oas2'],
  given: '$',
  documentation: {
    rationale:
      '`example.com` is a placeholder left over from a template; clients generated from it call nothing.',
    good: 'swagger: "2.0"\nhost: api.orders.io',
    bad: 'swagger: "2.0"\nhost: api.example.com',
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const { host } = target.value;
    if (typeof host === 'string' && /example\.com/.test(host))
      context.report({ message: MESSAGE, path: ['host'] });
  },
};

import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Server URL must not have trailing slash.';

/** Spectral `oas2-host-trailing-slash`: paths start with a slash, so the host must not end with one. */
export const oas2HostTrailingSlash: Rule = {
  id: 'oas2-host-trailing-slash',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas2'],
  given: '$',
  documentation: {
    rationale: 'Host and path are joined as written: a trailing slash produces `//` in every URL.',
    good: 'swagger: "2.0"\nhost: api.example.com',
    bad: 'swagger: "2.0"\nhost: api.example.com/',
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const { host } = target.value;
    if (typeof host === 'string' && host.endsWith('/')) context.report({ message: MESSAGE, path: ['host'] });
  },
};

import type { Rule } from '../types.js';

const MESSAGE = 'Server URL must not have trailing slash.';

/** Spectral `oas3-server-trailing-slash`: paths start with a slash, so server URLs must not end with one. */
export const oas3ServerTrailingSlash: Rule = {
  id: 'oas3-server-trailing-slash',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas3'],
  given: '$.servers[*].url',
  documentation: {
    rationale: 'Server URL and path are joined as written: a trailing slash produces `//` in every URL.',
    good: 'servers:\n  - url: https://api.example.com/v1',
    bad: 'servers:\n  - url: https://api.example.com/v1/',
  },
  check(target, context) {
    // `/` alone is a valid server URL: only a slash after something else is trailing.
    if (typeof target.value === 'string' && /.\/$/.test(target.value)) context.report({ message: MESSAGE });
  },
};

import type { Rule } from '../types.js';

/** Spectral `path-keys-no-trailing-slash`: `/orders/` and `/orders` are different paths to most servers. */
export const pathKeysNoTrailingSlash: Rule = {
  id: 'path-keys-no-trailing-slash',
  description: 'Path must not end with slash.',
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: '$.paths[*]',
  documentation: {
    rationale:
      'Most servers and gateways treat `/orders/` and `/orders` as different routes, so a trailing slash produces 404s for clients that drop it.',
    good: 'paths:\n  /orders: {}',
    bad: 'paths:\n  /orders/: {}',
  },
  check(target, context) {
    if (typeof target.key === 'string' && target.key.length > 1 && target.key.endsWith('/')) {
      context.report({ message: 'Path must not end with slash.' });
    }
  },
};

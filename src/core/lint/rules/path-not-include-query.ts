import type { Rule } from '../types.js';

const MESSAGE = 'Path must not include query string.';

/** Spectral `path-not-include-query`: query parameters are parameters, not part of the path. */
export const pathNotIncludeQuery: Rule = {
  id: 'path-not-include-query',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: '$.paths[*]~',
  documentation: {
    rationale:
      'A `?` in a path key makes the query part of the route: clients cannot omit or reorder it, and the parameters go undocumented.',
    good: 'paths:\n  /orders:\n    get:\n      parameters:\n        - { name: status, in: query, schema: { type: string } }',
    bad: 'paths:\n  /orders?status=open: {}',
  },
  check(target, context) {
    if (typeof target.value === 'string' && target.value.includes('?')) context.report({ message: MESSAGE });
  },
};

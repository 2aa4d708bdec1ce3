import type { Rule } from '../types.js';

const MESSAGE = '"anyOf" keyword must not be used in OpenAPI v2 document.';

/** Spectral `oas2-anyOf`: `anyOf` is a JSON Schema keyword that Swagger 2.0 does not have. */
export const oas2AnyOf: Rule = {
  id: 'oas2-anyOf',
  description: 'anyOf is not available in OpenAPI v2, it was added in OpenAPI v3',
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas2'],
  given: '$..anyOf',
  documentation: {
    rationale:
      'Swagger 2.0 schemas are a subset of JSON Schema without `anyOf`: tools built for 2.0 ignore it, so the documented type is not what they enforce.',
    good: 'definitions:\n  Id:\n    type: string',
    bad: 'definitions:\n  Id:\n    anyOf:\n      - type: string\n      - type: integer',
  },
  check(_target, context) {
    context.report({ message: MESSAGE });
  },
};

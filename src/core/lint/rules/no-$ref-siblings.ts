import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

/** Spectral `no-$ref-siblings`: in OpenAPI 2.0 and 3.0, keys beside a `$ref` are ignored. */
export const noRefSiblings: Rule = {
  id: 'no-$ref-siblings',
  description: 'Property must not be placed among $ref',
  severity: 'error',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas2', 'oas3_0'],
  resolved: false,
  given: '$..$ref',
  documentation: {
    rationale:
      'Before OpenAPI 3.1, a Reference object replaces itself with its target: a `description` or `nullable` beside `$ref` is silently dropped by every tool.',
    good: 'schema:\n  $ref: "#/components/schemas/Order"',
    bad: 'schema:\n  $ref: "#/components/schemas/Order"\n  description: The order',
  },
  check(target, context) {
    const parent = target.parent;
    const holder = parent?.value;
    if (!parent || !isObject(holder)) return;
    for (const key of Object.keys(holder)) {
      if (key !== '$ref') {
        context.report({
          message: '$ref must not be placed next to any other properties',
          target: parent,
          path: [key],
        });
      }
    }
  },
};

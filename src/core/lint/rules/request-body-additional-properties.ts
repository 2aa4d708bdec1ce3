import type { Rule } from '../types.js';
import { isSchemaOfType, REQUEST_BODY_SCHEMA_NODES } from './support/governance.js';

/** Objects a client sends are closed: unknown properties are rejected, not silently accepted. */
export const requestBodyAdditionalProperties: Rule = {
  id: 'request-body-additional-properties',
  description: 'Objects in request bodies must set `additionalProperties: false`.',
  severity: 'warn',
  family: 'governance',
  preset: 'strict',
  given: REQUEST_BODY_SCHEMA_NODES,
  documentation: {
    rationale: [
      'When a request body accepts any extra property, a typo (`emial`) is silently ignored instead of rejected,',
      'and a client can set fields it was never meant to (mass assignment, OWASP API3:2023). Closing the object',
      'with `additionalProperties: false` (or `unevaluatedProperties: false` in OpenAPI 3.1) makes the validator',
      'reject both.',
      '',
      'Every object schema with `properties` in a request body (and nested in it, through `$ref`) must close',
      'itself. An `additionalProperties` schema (a map of known value types) is a decision and is accepted.',
      'Schemas that compose with `allOf`, `oneOf` or `anyOf`, and the members of an `allOf`, are not reported:',
      'in OpenAPI 3.0 closing an `allOf` member makes the whole unsatisfiable; close the composition with',
      '`unevaluatedProperties: false` in 3.1 instead. Objects without `properties` are free-form by intent.',
    ].join('\n'),
    good: [
      'schema:',
      '  type: object',
      '  additionalProperties: false',
      '  properties:',
      '    name: { type: string, maxLength: 200 }',
    ].join('\n'),
    bad: ['schema:', '  type: object', '  properties:', '    name: { type: string, maxLength: 200 }'].join(
      '\n',
    ),
  },
  check(target, context) {
    const schema = target.value;
    if (!isSchemaOfType(schema, 'object') || schema.properties === undefined) return;
    if (schema.allOf !== undefined || schema.oneOf !== undefined || schema.anyOf !== undefined) return;
    if (target.path.at(-2) === 'allOf') return;
    if (schema.additionalProperties === false || schema.unevaluatedProperties === false) return;
    if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) return;
    context.report({
      message: 'Request body object must set `additionalProperties: false`.',
      path: ['additionalProperties'],
    });
  },
};

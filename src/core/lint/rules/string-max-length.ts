import type { Rule } from '../types.js';
import { INPUT_SCHEMA_NODES, isSchemaOfType } from './support/governance.js';

/** Formats whose values have a bounded length by definition. */
export const BOUNDED_STRING_FORMATS: readonly string[] = [
  'date',
  'date-time',
  'time',
  'uuid',
  'ipv4',
  'ipv6',
  'binary',
];

/** Strings a client sends have a maximum length. */
export const stringMaxLength: Rule = {
  id: 'string-max-length',
  description:
    'Strings in parameters and request bodies must have `maxLength` (or `enum`, `const`, a bounded `format`).',
  severity: 'warn',
  family: 'governance',
  preset: 'strict',
  given: INPUT_SCHEMA_NODES,
  documentation: {
    rationale: [
      'An unbounded string is an invitation to send ten megabytes of it: memory, logs, database columns and',
      'downstream services pay for it (OWASP API4:2023, unrestricted resource consumption). A `maxLength` also',
      'tells clients and database designers what to expect.',
      '',
      'Every `type: string` schema in what a client sends (parameters, request bodies, and everything nested in',
      'them, through `$ref`) must have `maxLength`, unless its values are bounded anyway: `enum`, `const`, or a',
      `format of ${BOUNDED_STRING_FORMATS.map((format) => `\`${format}\``).join(', ')} (a file upload is bounded by`,
      "the server's body limit, not by `maxLength`). Response schemas are not checked.",
    ].join('\n'),
    good: [
      'requestBody:',
      '  content:',
      '    application/json:',
      '      schema:',
      '        type: object',
      '        properties:',
      '          name: { type: string, maxLength: 200 }',
      '          status: { type: string, enum: [open, closed] }',
    ].join('\n'),
    bad: [
      'requestBody:',
      '  content:',
      '    application/json:',
      '      schema:',
      '        type: object',
      '        properties:',
      '          name: { type: string }',
    ].join('\n'),
  },
  check(target, context) {
    const schema = target.value;
    if (!isSchemaOfType(schema, 'string')) return;
    if (typeof schema.maxLength === 'number' || schema.enum !== undefined || schema.const !== undefined)
      return;
    if (typeof schema.format === 'string' && BOUNDED_STRING_FORMATS.includes(schema.format)) return;
    context.report({ message: 'String must have `maxLength` (or `enum`, `const`, a bounded `format`).' });
  },
};

import type { Rule } from '../types.js';
import { INPUT_SCHEMA_NODES, isSchemaOfType } from './support/governance.js';

/** Arrays a client sends have a maximum number of items. */
export const arrayMaxItems: Rule = {
  id: 'array-max-items',
  description: 'Arrays in parameters and request bodies must have `maxItems`.',
  severity: 'warn',
  family: 'governance',
  preset: 'strict',
  given: INPUT_SCHEMA_NODES,
  documentation: {
    rationale: [
      'An unbounded array lets one request ask the server for a million inserts or lookups (OWASP API4:2023,',
      'unrestricted resource consumption), and leaves clients guessing how large a batch may be.',
      '',
      'Every `type: array` schema in what a client sends (parameters, including Swagger 2 query arrays, request',
      'bodies, and everything nested in them, through `$ref`) must have `maxItems`. Response schemas are not',
      'checked: lists returned by the server are bounded by `list-pagination`.',
    ].join('\n'),
    good: ['schema:', '  type: array', '  maxItems: 100', '  items: { type: string, maxLength: 40 }'].join(
      '\n',
    ),
    bad: ['schema:', '  type: array', '  items: { type: string, maxLength: 40 }'].join('\n'),
  },
  check(target, context) {
    const schema = target.value;
    if (!isSchemaOfType(schema, 'array') || typeof schema.maxItems === 'number') return;
    context.report({ message: 'Array must have `maxItems`.' });
  },
};

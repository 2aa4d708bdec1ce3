import { HTTP_METHODS, type Rule } from '../types.js';
import { hasType, isObject, type JsonObject, PROPERTIES_MAPS } from './support/governance.js';

/** `id`, `orderId`, `order_id`, `orderID`, `order-id`. */
const IDENTIFIER_NAME = /^(id|.*[a-z0-9](Id|ID|_id|-id))$/;

function isNumeric(schema: unknown): boolean {
  return isObject(schema) && (hasType(schema, 'integer') || hasType(schema, 'number'));
}

const message = (name: string) =>
  `Identifier "${name}" must be a string, not a number: ids are opaque (\`type: string\`, e.g. \`format: uuid\`).`;

/** Identifiers are opaque strings, whatever the database uses today. */
export const identifierString: Rule = {
  id: 'identifier-string',
  description: 'Identifiers (`id`, `*Id`, `*_id`) must be strings, not integers.',
  severity: 'warn',
  family: 'governance',
  preset: 'strict',
  given: [
    ...PROPERTIES_MAPS,
    `$.paths[*][${HTTP_METHODS.join(',')}].parameters[*]`,
    '$.paths[*].parameters[*]',
    '$.components.parameters[*]',
    '$.parameters[*]',
  ],
  documentation: {
    rationale: [
      'A numeric id is a promise that it will stay a number: moving to UUIDs or to ids from another system later',
      'breaks every client. 64-bit integer ids also lose precision in JavaScript (above 2^53), and sequential',
      'numbers tell anyone how many orders you have and which ids to try next (OWASP API1:2023).',
      '',
      'Properties and parameters named `id` or ending in `Id`, `ID`, `_id` or `-id` must not be `integer` or',
      '`number`. Use `type: string`, with `format: uuid` or a `pattern` where it helps.',
    ].join('\n'),
    good: ['Order:', '  type: object', '  properties:', '    id: { type: string, format: uuid }'].join('\n'),
    bad: ['Order:', '  type: object', '  properties:', '    id: { type: integer, format: int64 }'].join('\n'),
  },
  check(target, context) {
    const node = target.value;
    if (!isObject(node)) return;
    if (target.path.at(-1) === 'properties' || target.path.at(-2) !== 'parameters') {
      for (const [name, value] of Object.entries(node)) {
        if (IDENTIFIER_NAME.test(name) && isNumeric(context.resolve(value))) {
          // A shared numeric schema is fine in itself: the problem is this property pointing at it.
          const referenced = isObject(value) && '$ref' in value;
          context.report({ message: message(name), path: referenced ? [name] : [name, 'type'] });
        }
      }
      return;
    }
    const parameter: JsonObject = node;
    if (typeof parameter.name !== 'string' || !IDENTIFIER_NAME.test(parameter.name)) return;
    const schema = parameter.schema === undefined ? parameter : context.resolve(parameter.schema);
    if (!isNumeric(schema)) return;
    context.report({
      message: message(parameter.name),
      path: parameter.schema === undefined ? ['type'] : ['schema', 'type'],
    });
  },
};

import type { Rule } from '../types.js';
import { bodyShowsExample, isObject, isSuccessStatus, RESPONSES_PATH } from './support/governance.js';

const MESSAGE =
  'Success response must have an example (`example` or `examples` on a media type, its schema or its properties).';

/** Success responses show a client what it gets. */
export const responseExample: Rule = {
  id: 'response-example',
  description: '2xx responses with a body must have an example.',
  severity: 'warn',
  family: 'governance',
  preset: 'recommended',
  given: RESPONSES_PATH,
  documentation: {
    rationale: [
      'Examples of what an operation returns are what client developers read first, what mock servers serve and',
      'what documentation renders. A `2xx` response with a body must have `example` or `examples` on one of its',
      "media types, on that media type's schema (resolved through `$ref`), or on properties of that schema",
      '(documentation tools compose those into one). One media type is enough: `application/xml` beside',
      '`application/json` is the same data. In Swagger 2 the response needs `examples`, or a schema (or',
      'properties) with `example`. Responses without a body (`204`) and file downloads (`format: binary`) are not',
      'checked; error responses are usually shared components and are left to taste.',
    ].join('\n'),
    good: [
      "'200':",
      '  description: The order.',
      '  content:',
      '    application/json:',
      "      schema: { $ref: '#/components/schemas/Order' }",
      '      example: { id: ord_1, status: paid }',
    ].join('\n'),
    bad: [
      "'200':",
      '  description: The order.',
      '  content:',
      '    application/json:',
      "      schema: { $ref: '#/components/schemas/Order' }",
    ].join('\n'),
  },
  check(target, context) {
    if (typeof target.key !== 'string' || !isSuccessStatus(target.key)) return;
    const response = target.value;
    if (!isObject(response) || bodyShowsExample(response, context) !== false) return;
    context.report({ message: MESSAGE, path: isObject(response.content) ? ['content'] : ['schema'] });
  },
};

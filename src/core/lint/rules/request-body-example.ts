import { HTTP_METHODS, type Rule } from '../types.js';
import { bodyShowsExample, isObject } from './support/governance.js';

const MESSAGE =
  'Request body must have an example (`example` or `examples` on a media type, its schema or its properties).';

/** Request bodies show a client what to send. */
export const requestBodyExample: Rule = {
  id: 'request-body-example',
  description: 'Request bodies must have an example.',
  severity: 'warn',
  family: 'governance',
  preset: 'recommended',
  given: [
    `$.paths[*][${HTTP_METHODS.join(',')}].requestBody`,
    `$.paths[*][${HTTP_METHODS.join(',')}].parameters[?(@.in == 'body')]`,
  ],
  documentation: {
    rationale: [
      'An example is what people read first and copy from, what mock servers return and what contract tests send.',
      'A schema alone leaves every reader to invent a valid body, and they invent different ones.',
      '',
      "A request body must have `example` or `examples` on one of its media types, on that media type's schema",
      '(resolved through `$ref`), or on properties of that schema (documentation tools compose those into one).',
      'One media type is enough: `application/xml` beside `application/json` is the same data. In Swagger 2 the',
      "`body` parameter's schema (or its properties) must have `example`. File uploads (`format: binary`) are not",
      'checked.',
    ].join('\n'),
    good: [
      'requestBody:',
      '  content:',
      '    application/json:',
      "      schema: { $ref: '#/components/schemas/NewOrder' }",
      '      example:',
      '        sku: A-1',
      '        quantity: 2',
    ].join('\n'),
    bad: [
      'requestBody:',
      '  content:',
      '    application/json:',
      "      schema: { $ref: '#/components/schemas/NewOrder' }",
    ].join('\n'),
  },
  check(target, context) {
    const body = target.value;
    if (!isObject(body) || bodyShowsExample(body, context) !== false) return;
    context.report({
      message: MESSAGE,
      path: target.path.at(-1) === 'requestBody' ? ['content'] : ['schema'],
    });
  },
};

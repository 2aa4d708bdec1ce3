import { OPERATIONS_PATH, type Rule } from '../types.js';
import { isObject, isReferenceObject } from './support/values.js';

/** Spectral `operation-parameters`: an operation's parameters do not repeat and do not mix bodies. */
export const operationParameters: Rule = {
  id: 'operation-parameters',
  description: 'Operation parameters are unique and non-repeating.',
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: `${OPERATIONS_PATH}.parameters`,
  documentation: {
    rationale:
      'Two parameters with the same name and location are one value described twice, differently; a request has at most one body.',
    good: 'parameters:\n  - { name: status, in: query, schema: { type: string } }\n  - { name: limit, in: query, schema: { type: integer } }',
    bad: 'parameters:\n  - { name: status, in: query, schema: { type: string } }\n  - { name: status, in: query, schema: { type: integer } }',
  },
  check(target, context) {
    const parameters = target.value;
    if (!Array.isArray(parameters) || parameters.length < 2) return;
    const seen = new Set<string>();
    const bodies: number[] = [];
    let forms = 0;
    parameters.forEach((item, index) => {
      const parameter = context.resolve(item);
      // A `$ref` that could not be followed says nothing about name and location.
      if (!isObject(parameter) || isReferenceObject(parameter)) return;
      const identity = `${String(parameter.in)}-${String(parameter.name)}`;
      if (seen.has(identity)) {
        context.report({
          message:
            'A parameter in this operation already exposes the same combination of "name" and "in" values.',
          path: [index],
        });
      } else {
        seen.add(identity);
      }
      if (parameter.in === 'body') bodies.push(index);
      if (parameter.in === 'formData') forms++;
    });
    if (bodies.length > 0 && forms > 0) {
      context.report({ message: 'Operation must not have both "in:body" and "in:formData" parameters.' });
    }
    for (const index of bodies.slice(1)) {
      context.report({
        message: 'Operation must not have more than a single instance of the "in:body" parameter.',
        path: [index],
      });
    }
  },
};

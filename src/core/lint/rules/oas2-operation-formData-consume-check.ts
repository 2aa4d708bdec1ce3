import { OPERATIONS_PATH, type Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE =
  'Operations with "in: formData" parameter must include "application/x-www-form-urlencoded" or "multipart/form-data" in their "consumes" property.';
const FORM_MEDIA_TYPE = /(application\/x-www-form-urlencoded|multipart\/form-data)/;

/** Spectral `oas2-operation-formData-consume-check`: form parameters need a form media type. */
export const oas2OperationFormDataConsumeCheck: Rule = {
  id: 'oas2-operation-formData-consume-check',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas2'],
  given: OPERATIONS_PATH,
  documentation: {
    rationale:
      '`formData` parameters are sent as a form body; if the operation does not consume a form media type, clients send JSON the server cannot read.',
    good: 'post:\n  consumes: [application/x-www-form-urlencoded]\n  parameters:\n    - { name: note, in: formData, type: string }',
    bad: 'post:\n  consumes: [application/json]\n  parameters:\n    - { name: note, in: formData, type: string }',
  },
  check(target, context) {
    const operation = target.value;
    if (!isObject(operation)) return;
    const { consumes, parameters } = operation;
    // As in Spectral, an operation without its own `consumes` and `parameters` lists is not checked.
    if (!Array.isArray(consumes) || !Array.isArray(parameters)) return;
    const hasForm = parameters.some((parameter) => {
      const resolved = context.resolve(parameter);
      return isObject(resolved) && resolved.in === 'formData';
    });
    if (hasForm && !FORM_MEDIA_TYPE.test(consumes.join(','))) context.report({ message: MESSAGE });
  },
};

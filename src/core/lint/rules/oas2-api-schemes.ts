import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'OpenAPI host "schemes" must be present and non-empty array.';

/** Spectral `oas2-api-schemes`: a Swagger 2.0 document says which protocols the API speaks. */
export const oas2ApiSchemes: Rule = {
  id: 'oas2-api-schemes',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas2'],
  given: '$',
  documentation: {
    rationale:
      "Without `schemes`, clients use the scheme the documentation was served with, often not the API's.",
    good: 'swagger: "2.0"\nschemes: [https]',
    bad: 'swagger: "2.0"\nschemes: []',
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const { schemes } = target.value;
    if (!Array.isArray(schemes) || schemes.length === 0) {
      context.report({ message: MESSAGE, path: ['schemes'] });
      return;
    }
    schemes.forEach((scheme, index) => {
      if (typeof scheme !== 'string') context.report({ message: MESSAGE, path: ['schemes', index] });
    });
  },
};

import { OPERATIONS_PATH, type Rule } from '../types.js';
import { checkSecurityRequirement } from './support/security-defined.js';

/** Spectral `oas3-operation-security-defined`: security requirements name defined schemes and scopes. */
export const oas3OperationSecurityDefined: Rule = {
  id: 'oas3-operation-security-defined',
  description:
    'Operation "security" values must match a scheme defined in the "components.securitySchemes" object.',
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas3'],
  given: ['$.security[*]', `${OPERATIONS_PATH}.security[*]`],
  documentation: {
    rationale:
      'A requirement naming an undefined scheme cannot be satisfied: tools either drop it (leaving the operation looking public) or fail.',
    good: 'components:\n  securitySchemes:\n    apiKey: { type: apiKey, name: X-API-Key, in: header }\nsecurity:\n  - apiKey: []',
    bad: 'components:\n  securitySchemes: {}\nsecurity:\n  - apiKey: []',
  },
  check(target, context) {
    checkSecurityRequirement(target, context, 3);
  },
};

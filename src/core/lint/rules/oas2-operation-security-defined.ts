import { OPERATIONS_PATH, type Rule } from '../types.js';
import { checkSecurityRequirement } from './support/security-defined.js';

/** Spectral `oas2-operation-security-defined`: security requirements name defined schemes and scopes. */
export const oas2OperationSecurityDefined: Rule = {
  id: 'oas2-operation-security-defined',
  description: 'Operation "security" values must match a scheme defined in the "securityDefinitions" object.',
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas2'],
  given: ['$.security[*]', `${OPERATIONS_PATH}.security[*]`],
  documentation: {
    rationale:
      'A requirement naming an undefined scheme cannot be satisfied: tools either drop it (leaving the operation looking public) or fail.',
    good: 'securityDefinitions:\n  apiKey: { type: apiKey, name: X-API-Key, in: header }\nsecurity:\n  - apiKey: []',
    bad: 'securityDefinitions: {}\nsecurity:\n  - apiKey: []',
  },
  check(target, context) {
    checkSecurityRequirement(target, context, 2);
  },
};

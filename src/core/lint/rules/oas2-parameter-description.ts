import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Parameter objects must have "description".';

/** Spectral `oas2-parameter-description` (off by default): every parameter is explained. */
export const oas2ParameterDescription: Rule = {
  id: 'oas2-parameter-description',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'all',
  formats: ['oas2'],
  given: '$..parameters[*]',
  documentation: {
    rationale: 'A parameter name rarely says which values are accepted and what they change.',
    good: 'parameters:\n  - name: status\n    in: query\n    type: string\n    description: Only orders in this status.',
    bad: 'parameters:\n  - name: status\n    in: query\n    type: string',
  },
  check(target, context) {
    if (isObject(target.value) && target.value.in && !target.value.description) {
      context.report({ message: MESSAGE, path: ['description'] });
    }
  },
};

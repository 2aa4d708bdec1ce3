import { OPERATIONS_PATH, type Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Parameter objects must have "description".';

/** Spectral `oas3-parameter-description` (off by default): every parameter is explained. */
export const oas3ParameterDescription: Rule = {
  id: 'oas3-parameter-description',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'all',
  formats: ['oas3'],
  given: ['$.paths[*].parameters[*]', `${OPERATIONS_PATH}.parameters[*]`, '$.components.parameters[*]'],
  documentation: {
    rationale: 'A parameter name rarely says which values are accepted and what they change.',
    good: 'parameters:\n  - name: status\n    in: query\n    description: Only orders in this status.\n    schema: { type: string }',
    bad: 'parameters:\n  - name: status\n    in: query\n    schema: { type: string }',
  },
  check(target, context) {
    if (isObject(target.value) && target.value.in && !target.value.description) {
      context.report({ message: MESSAGE, path: ['description'] });
    }
  },
};

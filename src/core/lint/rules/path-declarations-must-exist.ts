import type { Rule } from '../types.js';

const MESSAGE = 'Path parameter declarations must not be empty, ex."/given/{}" is invalid.';

/** Spectral `path-declarations-must-exist`: no empty `{}` in a path. */
export const pathDeclarationsMustExist: Rule = {
  id: 'path-declarations-must-exist',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: '$.paths[*]~',
  documentation: {
    rationale: 'An empty `{}` names no parameter, so no value can be put in its place and no route matches.',
    good: 'paths:\n  /orders/{orderId}: {}',
    bad: 'paths:\n  /orders/{}: {}',
  },
  check(target, context) {
    if (typeof target.value === 'string' && target.value.includes('{}')) context.report({ message: MESSAGE });
  },
};

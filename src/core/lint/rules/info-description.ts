import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Info "description" must be present and non-empty string.';

/** Spectral `info-description`: the API says what it is for. */
export const infoDescription: Rule = {
  id: 'info-description',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: '$',
  documentation: {
    rationale:
      'The info description is the first thing a reader of the documentation sees: what the API is for, who may use it, and where to start.',
    good: 'info:\n  title: Orders\n  version: 1.0.0\n  description: Create, track and cancel orders.',
    bad: 'info:\n  title: Orders\n  version: 1.0.0',
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const info = context.resolve(target.value.info);
    if (!isObject(info) || !info.description) {
      context.report({ message: MESSAGE, path: ['info', 'description'] });
    }
  },
};

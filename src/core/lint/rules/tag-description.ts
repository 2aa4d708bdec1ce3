import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Tag object must have "description".';

/** Spectral `tag-description` (off by default): every tag says what its operations have in common. */
export const tagDescription: Rule = {
  id: 'tag-description',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'all',
  given: '$.tags[*]',
  documentation: {
    rationale:
      'Tags become the sections of the documentation; the description is the introduction of each section.',
    good: 'tags:\n  - name: Orders\n    description: Create, track and cancel orders.',
    bad: 'tags:\n  - name: Orders',
  },
  check(target, context) {
    if (!isObject(target.value) || !target.value.description) {
      context.report({ message: MESSAGE, path: ['description'] });
    }
  },
};

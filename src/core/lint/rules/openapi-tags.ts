import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'OpenAPI object must have non-empty "tags" array.';

/** Spectral `openapi-tags` (off by default): the document declares its tags. */
export const openapiTags: Rule = {
  id: 'openapi-tags',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'all',
  given: '$',
  documentation: {
    rationale: 'Declared tags give documentation its sections, their order and their descriptions.',
    good: 'tags:\n  - name: Orders',
    bad: 'tags: []',
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const tags = context.resolve(target.value.tags);
    if (!Array.isArray(tags) || tags.length === 0) {
      context.report({ message: MESSAGE, path: ['tags'] });
    }
  },
};

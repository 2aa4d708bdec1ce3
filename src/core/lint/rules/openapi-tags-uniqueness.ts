import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

/** Spectral `openapi-tags-uniqueness`: no two declared tags share a name. */
export const openapiTagsUniqueness: Rule = {
  id: 'openapi-tags-uniqueness',
  description: 'Each tag must have a unique name.',
  severity: 'error',
  family: 'oas',
  preset: 'recommended',
  given: '$.tags',
  documentation: {
    rationale:
      'Operations refer to tags by name; two tags with one name leave tools to pick a description and a position at random.',
    good: 'tags:\n  - name: Orders\n  - name: Customers',
    bad: 'tags:\n  - name: Orders\n  - name: Orders',
  },
  check(target, context) {
    const tags = target.value;
    // As in Spectral: only a well-formed list (objects with string names) is checked.
    if (!Array.isArray(tags) || !tags.every((tag) => isObject(tag) && typeof tag.name === 'string')) return;
    const seen = new Set<string>();
    tags.forEach((tag: { name: string }, index) => {
      if (seen.has(tag.name)) {
        context.report({
          message: `"tags" object contains duplicate tag name "${tag.name}".`,
          path: [index, 'name'],
        });
      }
      seen.add(tag.name);
    });
  },
};

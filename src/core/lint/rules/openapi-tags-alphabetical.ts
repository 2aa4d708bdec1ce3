import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'OpenAPI object must have alphabetical "tags".';

/** Spectral's order of two tag names: numbers numerically, strings by locale, anything else equal. */
function compare(left: unknown, right: unknown): number {
  if (
    (typeof left === 'number' || Number.isNaN(Number(left))) &&
    (typeof right === 'number' || !Number.isNaN(Number(right)))
  ) {
    return Math.min(1, Math.max(-1, Number(left) - Number(right)));
  }
  if (typeof left !== 'string' || typeof right !== 'string') return 0;
  return left.localeCompare(right);
}

/** Spectral `openapi-tags-alphabetical` (off by default): tags are declared in alphabetical order. */
export const openapiTagsAlphabetical: Rule = {
  id: 'openapi-tags-alphabetical',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'all',
  given: '$',
  documentation: {
    rationale: 'Documentation lists sections in declaration order; alphabetical order lets readers find one.',
    good: 'tags:\n  - name: Customers\n  - name: Orders',
    bad: 'tags:\n  - name: Orders\n  - name: Customers',
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const tags = context.resolve(target.value.tags);
    if (!Array.isArray(tags) || tags.length < 2) return;
    const names: unknown[] = [];
    for (const tag of tags) {
      if (!isObject(tag)) {
        context.report({ message: MESSAGE, path: ['tags'] });
        return;
      }
      names.push(tag.name);
    }
    if (!names.every((name) => typeof name === 'string' || typeof name === 'number')) {
      context.report({ message: MESSAGE, path: ['tags'] });
      return;
    }
    for (let index = 0; index < names.length - 1; index++) {
      if (compare(names[index], names[index + 1]) >= 1) {
        context.report({ message: MESSAGE, path: ['tags'] });
        return;
      }
    }
  },
};

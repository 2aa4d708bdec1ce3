import { OPERATIONS_PATH, type Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Operation tags must be defined in global tags.';

/** Spectral `operation-tag-defined`: every tag an operation uses is declared at the top. */
export const operationTagDefined: Rule<{ declared?: Set<unknown> }> = {
  id: 'operation-tag-defined',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: OPERATIONS_PATH,
  documentation: {
    rationale:
      'An undeclared tag has no description and no place in the documentation order, and is often a typo of a declared one.',
    good: 'tags:\n  - name: Orders\npaths:\n  /orders:\n    get:\n      tags: [Orders]',
    bad: 'tags:\n  - name: Orders\npaths:\n  /orders:\n    get:\n      tags: [Order]',
  },
  createState: () => ({}),
  check(target, context) {
    if (!isObject(target.value) || !Array.isArray(target.value.tags)) return;
    // Read once per document, on the first operation with tags.
    context.state.declared ??= declaredTags(context.document.data, context.resolve);
    const declared = context.state.declared;
    target.value.tags.forEach((tag, index) => {
      if (!declared.has(tag)) context.report({ message: MESSAGE, path: ['tags', index] });
    });
  },
};

function declaredTags(data: unknown, resolve: (value: unknown) => unknown): Set<unknown> {
  const names = new Set<unknown>();
  const tags = isObject(data) ? resolve(data.tags) : undefined;
  if (Array.isArray(tags)) {
    for (const tag of tags) {
      if (isObject(tag) && typeof tag.name === 'string') names.add(tag.name);
    }
  }
  return names;
}

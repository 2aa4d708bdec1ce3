import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'License object must include "url".';

/** Spectral `license-url` (off by default): the licence can be read. */
export const licenseUrl: Rule = {
  id: 'license-url',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'all',
  given: '$',
  documentation: {
    rationale: 'A licence name alone is ambiguous (which "BSD"?); the URL points at the exact text.',
    good: 'info:\n  license:\n    name: Apache 2.0\n    url: https://www.apache.org/licenses/LICENSE-2.0',
    bad: 'info:\n  license:\n    name: Apache 2.0',
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const info = context.resolve(target.value.info);
    const license = isObject(info) ? context.resolve(info.license) : undefined;
    if (!isObject(license) || !license.url) {
      context.report({ message: MESSAGE, path: ['info', 'license', 'url'] });
    }
  },
};

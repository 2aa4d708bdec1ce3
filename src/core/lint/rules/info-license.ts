import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Info object must have "license" object.';

/** Spectral `info-license` (off by default): the API says under which terms it may be used. */
export const infoLicense: Rule = {
  id: 'info-license',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'all',
  given: '$',
  documentation: {
    rationale:
      'Public APIs need stated terms of use; without a licence, consumers cannot know what they may build.',
    good: 'info:\n  title: Orders\n  version: 1.0.0\n  license:\n    name: Apache 2.0\n    url: https://www.apache.org/licenses/LICENSE-2.0',
    bad: 'info:\n  title: Orders\n  version: 1.0.0',
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const info = context.resolve(target.value.info);
    if (!isObject(info) || !info.license) {
      context.report({ message: MESSAGE, path: ['info', 'license'] });
    }
  },
};

import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'Contact object must have "name", "url" and "email".';

/** Spectral `contact-properties` (off by default): the contact can actually be reached. */
export const contactProperties: Rule = {
  id: 'contact-properties',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'all',
  given: '$.info.contact',
  documentation: {
    rationale:
      'A contact without a way to reach it is decoration: name who owns the API, and give a URL and an email.',
    good: 'info:\n  contact:\n    name: Orders team\n    url: https://example.com/teams/orders\n    email: orders@example.com',
    bad: 'info:\n  contact:\n    name: Orders team',
  },
  check(target, context) {
    const contact = isObject(target.value) ? target.value : {};
    for (const field of ['name', 'url', 'email']) {
      if (!contact[field]) context.report({ message: MESSAGE, path: [field] });
    }
  },
};

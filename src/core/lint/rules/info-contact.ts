import type { Rule } from '../types.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Spectral `info-contact`: the Info object has a `contact` object. */
export const infoContact: Rule = {
  id: 'info-contact',
  description: 'Info object must have "contact" object.',
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  given: '$.info',
  documentation: {
    rationale:
      'Consumers of an API need someone to ask when it misbehaves. The contact object says who owns the API and how to reach them.',
    good: 'info:\n  title: Orders\n  version: 1.0.0\n  contact:\n    name: Orders team\n    email: orders@example.com',
    bad: 'info:\n  title: Orders\n  version: 1.0.0',
  },
  check(target, context) {
    if (isObject(target.value) && !target.value.contact) {
      context.report({ message: 'Info object must have "contact" object.', path: ['contact'] });
    }
  },
};

import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'OpenAPI "host" must be present and non-empty string.';

/** Spectral `oas2-api-host`: a Swagger 2.0 document says where the API is served. */
export const oas2ApiHost: Rule = {
  id: 'oas2-api-host',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas2'],
  given: '$',
  documentation: {
    rationale: 'Without `host`, clients and "try it" consoles call the host that served the documentation.',
    good: 'swagger: "2.0"\nhost: api.example.com',
    bad: 'swagger: "2.0"\nhost: ""',
  },
  check(target, context) {
    if (isObject(target.value) && !target.value.host) context.report({ message: MESSAGE, path: ['host'] });
  },
};

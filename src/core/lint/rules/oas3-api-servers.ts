import type { Rule } from '../types.js';
import { isObject } from './support/values.js';

const MESSAGE = 'OpenAPI "servers" must be present and non-empty array.';

/** Spectral `oas3-api-servers`: an OpenAPI 3 document says where the API is served. */
export const oas3ApiServers: Rule = {
  id: 'oas3-api-servers',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas3'],
  given: '$',
  documentation: {
    rationale: 'Without `servers`, clients call `/` relative to wherever the document was loaded from.',
    good: 'servers:\n  - url: https://api.example.com/v1',
    bad: 'servers: []',
  },
  check(target, context) {
    if (!isObject(target.value)) return;
    const { servers } = target.value;
    if (!Array.isArray(servers) || servers.length === 0) {
      context.report({ message: MESSAGE, path: ['servers'] });
      return;
    }
    servers.forEach((server, index) => {
      if (!isObject(context.resolve(server))) context.report({ message: MESSAGE, path: ['servers', index] });
    });
  },
};

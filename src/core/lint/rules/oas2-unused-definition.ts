import type { Rule } from '../types.js';
import {
  collectReference,
  createUnusedState,
  reportUnreferenced,
  type UnusedState,
} from './support/unused-components.js';

const MESSAGE = 'Potentially unused definition has been detected.';

/** Spectral `oas2-unused-definition`: every definition is used somewhere. */
export const oas2UnusedDefinition: Rule<UnusedState> = {
  id: 'oas2-unused-definition',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas2'],
  resolved: false,
  given: '$..$ref',
  documentation: {
    rationale:
      'An unused definition is dead weight that readers still study and generators still turn into code; often it is a leftover of a rename.',
    good: 'paths:\n  /orders:\n    get:\n      responses:\n        "200":\n          schema: { $ref: "#/definitions/Order" }\ndefinitions:\n  Order: { type: object }',
    bad: 'definitions:\n  Order: { type: object }',
    divergence:
      'Like every rule that sees `$ref`s as written, it reads the `$ref`s of the root file only: a definition used solely by a `$ref` in another file that points back into the root file is reported.',
  },
  createState: createUnusedState,
  check(target, context) {
    collectReference(target, context);
  },
  finish(context) {
    reportUnreferenced(context, ['definitions'], MESSAGE);
  },
};

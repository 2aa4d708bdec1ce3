import type { Rule } from '../types.js';
import {
  collectReference,
  createUnusedState,
  reportUnreferenced,
  type UnusedState,
} from './support/unused-components.js';

const MESSAGE = 'Potentially unused component has been detected.';
const COMPONENT_TYPES = [
  'schemas',
  'responses',
  'parameters',
  'examples',
  'requestBodies',
  'headers',
  'links',
  'callbacks',
];

/** Spectral `oas3-unused-component`: every reusable component is used somewhere. */
export const oas3UnusedComponent: Rule<UnusedState> = {
  id: 'oas3-unused-component',
  description: MESSAGE,
  severity: 'warn',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas3'],
  resolved: false,
  given: '$..$ref',
  documentation: {
    rationale:
      'An unused component is dead weight that readers still study and generators still turn into code; often it is a leftover of a rename whose reference now points elsewhere.',
    good: 'paths:\n  /orders:\n    get:\n      responses:\n        "200":\n          content:\n            application/json:\n              schema: { $ref: "#/components/schemas/Order" }\ncomponents:\n  schemas:\n    Order: { type: object }',
    bad: 'components:\n  schemas:\n    Order: { type: object }',
    divergence:
      'Like every rule that sees `$ref`s as written, it reads the `$ref`s of the root file only: a component used solely by a `$ref` in another file that points back into the root file is reported. Security schemes are not components a `$ref` uses, as in Spectral.',
  },
  createState: createUnusedState,
  check(target, context) {
    collectReference(target, context);
  },
  finish(context) {
    for (const type of COMPONENT_TYPES) reportUnreferenced(context, ['components', type], MESSAGE);
  },
};

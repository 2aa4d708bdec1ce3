import { OPERATIONS_PATH, type Rule } from '../types.js';
import { isObject } from './support/governance.js';

/** Every operation has a short summary: the line navigation and changelogs show. */
export const operationSummary: Rule = {
  id: 'operation-summary',
  description: 'Operations must have a summary.',
  severity: 'warn',
  family: 'governance',
  preset: 'strict',
  given: OPERATIONS_PATH,
  documentation: {
    rationale: [
      'Documentation sidebars, API explorers, changelogs and generated SDK comments show an operation by its',
      '`summary`; without one they fall back to the `operationId` or the raw path, and the reference reads like a',
      'route table. `description` (required by `operation-description`) explains; `summary` names, in a few words.',
    ].join('\n'),
    good: [
      'paths:',
      '  /orders:',
      '    get:',
      '      summary: List orders',
      '      description: Returns one page of orders, newest first.',
    ].join('\n'),
    bad: [
      'paths:',
      '  /orders:',
      '    get:',
      '      description: Returns one page of orders, newest first.',
    ].join('\n'),
  },
  check(target, context) {
    const operation = target.value;
    if (!isObject(operation)) return;
    if (typeof operation.summary === 'string' && operation.summary.trim() !== '') return;
    context.report({ message: 'Operation must have a non-empty `summary`.', path: ['summary'] });
  },
};

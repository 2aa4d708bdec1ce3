import { OPERATIONS_PATH, type Rule, type RuleTarget } from '../types.js';
import { effectiveSecurity, isObject } from './support/governance.js';

const MESSAGE =
  "Operation must be covered by a security requirement: its own `security` or the document's. Declare a public operation with `security: []`.";

interface SecurityState {
  /** Operations covered by no requirement, reported in `finish`. */
  uncovered: RuleTarget[];
  /** Whether an operation has its own `security` (a list, even empty). */
  declared: boolean;
}

/**
 * Every operation states who may call it: a security requirement, or an explicit public opt-out. A document that
 * declares security nowhere gets one finding at its root: one per operation (11,000 on a large description) says
 * the same thing thousands of times.
 */
export const operationSecurity: Rule<SecurityState> = {
  id: 'operation-security',
  description: 'Every operation must be covered by a security requirement, or opt out with `security: []`.',
  severity: 'error',
  family: 'governance',
  preset: 'recommended',
  given: OPERATIONS_PATH,
  documentation: {
    rationale: [
      'An operation without a security requirement is open to anyone, and nobody decided that: it is usually a',
      'forgotten global `security` or an operation added after it. The rule accepts a requirement on the operation or',
      'at the root of the document. A document that declares security nowhere (no root `security`, none on any',
      'operation) is reported once, at its root, with the number of operations it leaves open.',
      '',
      'Public operations (health probes, login, a public catalogue) opt out explicitly with `security: []` on the',
      'operation: the empty list says "no authentication, on purpose" and is accepted. A root `security: []` is not an',
      'opt-out for every operation: it covers nothing, and each operation is reported. A requirement list that',
      'contains an empty object (`[{}, {bearerAuth: []}]`, "authentication optional") is accepted as a decision.',
      '',
      'That every scheme a requirement names is defined in `components.securitySchemes` (OpenAPI 3) or',
      '`securityDefinitions` (Swagger 2) is checked by `oas3-operation-security-defined` and',
      '`oas2-operation-security-defined`, which `msctl:recommended` also turns on.',
    ].join('\n'),
    good: [
      'security:',
      '  - bearerAuth: []',
      'paths:',
      '  /orders:',
      '    get:',
      '      operationId: listOrders',
      '  /healthz:',
      '    get:',
      '      operationId: getHealth',
      '      security: []',
      'components:',
      '  securitySchemes:',
      '    bearerAuth: { type: http, scheme: bearer }',
    ].join('\n'),
    bad: ['paths:', '  /orders:', '    get:', '      operationId: listOrders'].join('\n'),
  },
  createState: () => ({ uncovered: [], declared: false }),
  check(target, context) {
    const operation = target.value;
    if (!isObject(operation)) return;
    if (Array.isArray(operation.security)) {
      context.state.declared = true;
      return;
    }
    const security = effectiveSecurity(operation, context.document.data);
    if (security && security.length > 0) return;
    context.state.uncovered.push(target);
  },
  finish(context) {
    const { uncovered, declared } = context.state;
    if (uncovered.length === 0) return;
    const root = context.document.data;
    if (!declared && !(isObject(root) && Array.isArray(root.security))) {
      context.report({
        message:
          uncovered.length === 1
            ? 'The document declares no security requirement, at its root or on its one operation: it is open to anyone. Add a root `security`, or `security: []` on the operation if it is public on purpose.'
            : `The document declares no security requirement, at its root or on any of its ${uncovered.length} operations: every operation is open to anyone. Add a root \`security\`, and \`security: []\` on the operations that are public on purpose.`,
        target: { value: root, path: [], key: undefined },
      });
      return;
    }
    for (const target of uncovered) context.report({ message: MESSAGE, target, path: ['security'] });
  },
};

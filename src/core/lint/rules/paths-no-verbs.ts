import type { Rule } from '../types.js';
import { pathSegments } from './support/governance.js';

/**
 * Verbs that name an action the HTTP method already names. Kept short on purpose: words that are also common
 * resource nouns (`search`, `export`, `login`, `status`) are not on it.
 */
export const PATH_VERBS: readonly string[] = [
  'add',
  'change',
  'create',
  'delete',
  'destroy',
  'edit',
  'fetch',
  'get',
  'insert',
  'list',
  'modify',
  'patch',
  'post',
  'put',
  'read',
  'remove',
  'retrieve',
  'save',
  'set',
  'update',
];

const VERBS = new Set(PATH_VERBS);

/** Words that make a verb into a noun when they follow it: an add-on, a set-up, a log-in. */
const PARTICLES = new Set(['on', 'ons', 'in', 'ins', 'up', 'ups', 'out', 'outs', 'off', 'offs']);

/** The verb a literal segment (kebab, snake or camel case) starts with, if it starts with one. */
function leadingVerb(segment: string): string | undefined {
  const words = segment
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[-_.:]/);
  const [first, second] = words;
  if (first === undefined || !VERBS.has(first)) return undefined;
  return second !== undefined && PARTICLES.has(second) ? undefined : first;
}

/** Paths name resources; the HTTP method is the verb. */
export const pathsNoVerbs: Rule = {
  id: 'paths-no-verbs',
  description: 'Path segments must name resources, not actions (no `get`, `create`, `delete`, ...).',
  severity: 'warn',
  family: 'governance',
  preset: 'recommended',
  given: '$.paths[*]',
  resolved: false,
  documentation: {
    rationale: [
      'In HTTP the method is the verb: `POST /orders` creates, `DELETE /orders/{orderId}` deletes. A path such as',
      '`/orders/create` or `/getOrders` repeats or contradicts the method, defeats caching and retries (which rely',
      'on what the method promises) and multiplies routes.',
      '',
      `A literal segment is reported when it is, or starts with, one of these words: ${PATH_VERBS.map((verb) => `\`${verb}\``).join(', ')}`,
      '(so `create-order`, `createOrder` and `create_order` are reported, `creators` and `add-ons` are not). The list is short on',
      'purpose: words that are also resources, such as `search`, `export`, `login` or `status`, are not on it.',
      'Template parameters are never checked.',
    ].join('\n'),
    good: ['paths:', '  /orders:', '    post: {}', '  /orders/{orderId}:', '    delete: {}'].join('\n'),
    bad: ['paths:', '  /orders/create:', '    post: {}', '  /deleteOrder/{orderId}:', '    post: {}'].join(
      '\n',
    ),
  },
  check(target, context) {
    const path = target.key;
    if (typeof path !== 'string' || !path.startsWith('/')) return;
    for (const segment of pathSegments(path)) {
      if (segment.startsWith('{')) continue;
      const word = leadingVerb(segment);
      if (word === undefined) continue;
      context.report({
        message: `Path segment "${segment}" names an action ("${word}"): name the resource and let the HTTP method be the verb.`,
      });
      return;
    }
  },
};

import type { Rule } from '../types.js';
import { literalPartOf, pathSegments } from './support/governance.js';

/** Lowercase words and digits joined by hyphens; dots between words for extensions and versions (`v1.2`). */
const KEBAB_SEGMENT = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

/** Registered names that are not kebab-case but are what they must be (RFC 8615). */
const WELL_KNOWN_SEGMENTS = new Set(['.well-known']);

/** Literal path segments are kebab-case: one spelling of multi-word names across every API. */
export const pathsKebabCase: Rule = {
  id: 'paths-kebab-case',
  description: 'Path segments must be kebab-case (template parameters excepted).',
  severity: 'warn',
  family: 'governance',
  preset: 'recommended',
  given: '$.paths[*]',
  resolved: false,
  documentation: {
    rationale: [
      'URLs are case-sensitive, and `/orderItems`, `/order_items` and `/order-items` are three different routes:',
      'clients guess wrong and gateways route wrong. One spelling, lowercase words joined by hyphens, is what most',
      'API guidelines settle on, and it reads well in URLs.',
      '',
      'Only literal segments are checked: template parameters (`{orderId}`) are named as the code names them.',
      'Dots between words are accepted (`v1.2`, `{id}.json`), and so is `.well-known` (RFC 8615). Trailing slashes',
      'are the business of `path-keys-no-trailing-slash`.',
    ].join('\n'),
    good: ['paths:', '  /order-items/{orderItemId}: {}', '  /v1.2/reports: {}'].join('\n'),
    bad: ['paths:', '  /orderItems/{orderItemId}: {}', '  /order_items: {}'].join('\n'),
  },
  check(target, context) {
    const path = target.key;
    if (typeof path !== 'string' || !path.startsWith('/')) return;
    for (const segment of pathSegments(path)) {
      if (segment === '' || WELL_KNOWN_SEGMENTS.has(segment)) continue;
      if (KEBAB_SEGMENT.test(literalPartOf(segment))) continue;
      context.report({
        message: `Path segment "${segment}" must be kebab-case: lowercase words joined by hyphens.`,
      });
      return;
    }
  },
};

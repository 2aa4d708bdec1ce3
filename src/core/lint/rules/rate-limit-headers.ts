import { HTTP_METHODS, type Rule } from '../types.js';
import { hasHeader, isObject } from './support/governance.js';

/**
 * `RateLimit` and `RateLimit-Policy` of the IETF draft "RateLimit header fields for HTTP", the
 * `RateLimit-Limit`/`-Remaining`/`-Reset` of its earlier revisions, and `Retry-After` (RFC 9110).
 */
export const RATE_LIMIT_HEADERS: readonly string[] = [
  'RateLimit',
  'RateLimit-Policy',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'Retry-After',
];

/** A 429 response tells the client when it may try again. */
export const rateLimitHeaders: Rule = {
  id: 'rate-limit-headers',
  description: '429 responses must carry `RateLimit`/`RateLimit-Policy` or `Retry-After` headers.',
  severity: 'warn',
  family: 'governance',
  preset: 'recommended',
  given: `$.paths[*][${HTTP_METHODS.join(',')}].responses['429']`,
  documentation: {
    rationale: [
      'A client that is told "too many requests" and not when to come back retries at once, and keeps the limit',
      'hit for everyone. Every documented `429` response must declare at least one of these headers',
      `(case-insensitive): ${RATE_LIMIT_HEADERS.map((header) => `\`${header}\``).join(', ')}.`,
      '`Retry-After` (RFC 9110) says how long to wait; `RateLimit` and `RateLimit-Policy` (IETF draft "RateLimit',
      'header fields for HTTP") also say how much quota is left, so clients can slow down before the limit. The',
      '`RateLimit-Limit`/`-Remaining`/`-Reset` fields of earlier revisions of the draft are accepted. The unregistered',
      '`X-RateLimit-*` headers are not: they mean different things in different APIs.',
    ].join('\n'),
    good: [
      'responses:',
      "  '429':",
      '    description: Too many requests.',
      '    headers:',
      '      Retry-After:',
      '        schema: { type: integer, minimum: 0 }',
    ].join('\n'),
    bad: ['responses:', "  '429':", '    description: Too many requests.'].join('\n'),
  },
  check(target, context) {
    if (!isObject(target.value) || hasHeader(target.value.headers, RATE_LIMIT_HEADERS)) return;
    context.report({
      message: '429 response must declare a `RateLimit`, `RateLimit-Policy` or `Retry-After` header.',
      path: ['headers'],
    });
  },
};

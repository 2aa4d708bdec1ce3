import type { Rule, RuleContext, RuleTarget } from '../types.js';
import {
  ancestorValueOf,
  bodySchemaOf,
  isErrorStatus,
  isObject,
  isSuccessStatus,
  type JsonObject,
  RESPONSES_PATH,
} from './support/governance.js';

const PROBLEM_MEDIA_TYPES = ['application/problem+json', 'application/problem+xml'];

function isProblemMediaType(mediaType: string): boolean {
  return PROBLEM_MEDIA_TYPES.includes(mediaType.split(';')[0]?.trim().toLowerCase() ?? '');
}

/**
 * Whether an error response returns the same representation as the operation's success response (a readiness
 * probe's 503 with the state of each dependency, a job's failed state): a state report, not an error.
 */
function reportsState(response: JsonObject, target: RuleTarget, context: RuleContext): boolean {
  const schema = bodySchemaOf(response, context);
  const responses = ancestorValueOf(target);
  if (!schema || !isObject(responses)) return false;
  return Object.entries(responses).some(([status, success]) => {
    const resolved = context.resolve(success);
    return isSuccessStatus(status) && isObject(resolved) && bodySchemaOf(resolved, context) === schema;
  });
}

const MESSAGE = 'Error response must have an `application/problem+json` body (RFC 9457 problem details).';

/** Error responses carry RFC 9457 problem details, so that every client reads every failure the same way. */
export const errorResponseProblemJson: Rule = {
  id: 'error-response-problem-json',
  description: 'Error responses (4xx, 5xx, default) must use `application/problem+json` (RFC 9457).',
  severity: 'warn',
  family: 'governance',
  preset: 'recommended',
  given: RESPONSES_PATH,
  documentation: {
    rationale: [
      'When each service invents its own error body, every client needs a parser per service, gateways cannot',
      'add to errors, and logs cannot correlate them. RFC 9457 "Problem Details for HTTP APIs" (which obsoletes',
      'RFC 7807) is the standard body: `type`, `title`, `status`, `detail`, `instance`, plus extension members.',
      '',
      'Every `4xx`, `5xx` and `default` response must describe a body whose media type is',
      '`application/problem+json` (or `application/problem+xml`); other media types may be offered beside it.',
      'A response without a body is reported too: the client gets nothing to show or log. Responses of `head`',
      'operations are not checked, since HEAD responses have no body.',
      '',
      'An error response whose body has the same schema as a `2xx` response of the same operation is a state',
      'report, not an error, and is not checked: a readiness probe answers `503` with the same per-dependency',
      'status document it sends with `200`.',
      '',
      'In Swagger 2, where a response cannot name its media type, an error response must have a `schema` and the',
      "operation's `produces` (or the document's) must list `application/problem+json`.",
    ].join('\n'),
    good: [
      'responses:',
      "  '404':",
      '    description: There is no such order.',
      '    content:',
      '      application/problem+json:',
      "        schema: { $ref: '#/components/schemas/Problem' }",
    ].join('\n'),
    bad: [
      'responses:',
      "  '404':",
      '    description: There is no such order.',
      '    content:',
      '      application/json:',
      '        schema: { type: object, properties: { error: { type: string } } }',
    ].join('\n'),
  },
  check(target, context) {
    if (typeof target.key !== 'string' || !isErrorStatus(target.key) || target.path[2] === 'head') return;
    const response = target.value;
    if (!isObject(response)) return;
    if (isObject(response.content)) {
      if (
        !Object.keys(response.content).some(isProblemMediaType) &&
        !reportsState(response, target, context)
      ) {
        context.report({ message: MESSAGE, path: ['content'] });
      }
      return;
    }
    if (context.document.formats.has('oas2')) {
      if (response.schema === undefined) {
        context.report({ message: MESSAGE, path: ['schema'] });
        return;
      }
      const operation = ancestorValueOf(target, 2);
      const document = context.document.data;
      const produces =
        (isObject(operation) && operation.produces) || (isObject(document) ? document.produces : undefined);
      if (
        !Array.isArray(produces) ||
        !produces.some((type) => typeof type === 'string' && isProblemMediaType(type))
      ) {
        context.report({
          message:
            'Error response has a body, but `produces` does not list `application/problem+json` (RFC 9457).',
          path: ['schema'],
        });
      }
      return;
    }
    context.report({ message: MESSAGE, path: ['content'] });
  },
};

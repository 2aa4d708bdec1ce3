import { OPERATIONS_PATH, type Rule } from '../types.js';
import {
  isOperationReference,
  loadValidityCheck,
  schemaVersionOf,
  validateOperation,
} from './support/document-schema.js';
import { isObject } from './support/values.js';

/**
 * An Operation written as a `$ref`: reported once, and the operation it names validated as an Operation, in the
 * file it is written in. The `oas2-schema`/`oas3-schema` rules leave these `$ref`s out.
 */
export const operationRef: Rule = {
  id: 'operation-ref',
  description: 'Operations should be written in their Path Item, not as a `$ref`.',
  severity: 'warn',
  family: 'governance',
  preset: 'recommended',
  given: OPERATIONS_PATH,
  documentation: {
    rationale: [
      'OpenAPI allows `$ref` for a whole Path Item, not for one Operation (`get: { $ref: ./get-user.yaml }`).',
      'Many tools follow such a `$ref` anyway, and large multi-file specs use it for every operation; tools that',
      'follow the specification see an operation without `responses` and an unexpected `$ref`, or nothing.',
      '',
      'Policy: each such `$ref` is one warning, here, and `oas2-schema`/`oas3-schema` do not report it (the',
      'official schema would give two errors per `$ref`, hundreds on a large spec). The operation it names is',
      "validated against the Operation schema of the document's version, and its problems are reported as",
      'errors, at their place in the file the operation is written in. Bundling the document before publishing',
      '(or `$ref`-ing whole Path Items) satisfies the rule. An operation file named by several `$ref`s is',
      'reported at the first one the walk reaches. Turn the rule off to accept operation `$ref`s; their content',
      'is then not validated.',
    ].join('\n'),
    good: "paths:\n  /users/{id}:\n    $ref: './paths/user.yaml'",
    bad: "paths:\n  /users/{id}:\n    get:\n      $ref: './operations/get-user.yaml'",
    divergence:
      "Not a Spectral rule. Spectral's `oas3-schema` reports two errors per operation `$ref` (`responses` missing, `$ref` not expected) and does not validate the operation it names; msctl reports one warning here and validates the operation.",
  },
  prepare: (document) => loadValidityCheck(schemaVersionOf(document.formats)),
  check(target, context) {
    const pathItem = target.parent;
    const method = String(target.key);
    if (!pathItem || !isOperationReference(pathItem.value, method)) return;
    const written = (pathItem.value as Record<string, { $ref: string }>)[method]?.$ref;
    context.report({
      message: `Operation "${method}" is a $ref ('${written}'): OpenAPI allows $ref for a whole Path Item, not for an Operation; tools that follow the specification ignore it.`,
      target: pathItem,
      path: [method],
    });
    // A `$ref` that leads nowhere is the engine's `invalid-ref`; the walk then hands over the `$ref` itself.
    if (!isObject(target.value) || typeof target.value.$ref === 'string') return;
    for (const problem of validateOperation(
      target.value,
      method,
      schemaVersionOf(context.document.formats),
      context.document.data,
    )) {
      context.report({ message: problem.message, path: problem.path, severity: 'error' });
    }
  },
};

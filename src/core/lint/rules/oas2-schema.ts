import type { Rule } from '../types.js';
import {
  prepareDocumentValidation,
  validateDocument,
  withoutOperationReferences,
} from './support/document-schema.js';

/** Spectral `oas2-schema`: the document is valid against the official Swagger 2.0 JSON Schema. */
export const oas2Schema: Rule = {
  id: 'oas2-schema',
  description: 'Validate structure of OpenAPI v2 specification.',
  severity: 'error',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas2'],
  resolved: false,
  given: '$',
  documentation: {
    rationale:
      'A document that breaks the Swagger 2.0 schema is read differently by every tool, or not at all: a misspelt field is silently ignored, a missing one fails a generator.',
    good: 'swagger: "2.0"\ninfo:\n  title: Orders\n  version: 1.0.0\npaths: {}',
    bad: 'swagger: "2.0"\ninfo:\n  title: Orders\npaths: {}',
    divergence:
      "Validates against the official Swagger 2.0 schema (see `src/core/lint/rules/schemas/README.md`), where Spectral uses its own edited copy with custom messages. Where the schema offers alternatives (`oneOf` of a Reference object and the real object), the errors of the alternative the document meant are reported; where the alternatives are told apart by a value (a parameter's `in`, a security definition's `type` and OAuth2 `flow`), the errors of the alternative that value names, where Spectral reports every alternative's (a path parameter without `required: true` gets one finding, that `required` is missing, not nine). Messages are worded like Spectral's; a few differ. An Operation written as a `$ref` (`get: { $ref: ./get.yaml }`, not allowed but common) is left to `operation-ref`, which reports it once and validates the operation it names, where Spectral reports two errors per `$ref` and never looks at the operation.",
  },
  prepare: (document) => prepareDocumentValidation(document.data, '2.0'),
  check(target, context) {
    for (const problem of validateDocument(withoutOperationReferences(target.value), '2.0')) {
      context.report({
        message: problem.message,
        target: { value: undefined, path: problem.path, key: undefined },
      });
    }
  },
};

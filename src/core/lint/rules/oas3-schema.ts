import type { Rule } from '../types.js';
import {
  prepareDocumentValidation,
  schemaVersionOf,
  validateDocument,
  withoutOperationReferences,
} from './support/document-schema.js';

/** Spectral `oas3-schema`: the document is valid against the official OpenAPI 3.0 or 3.1 JSON Schema. */
export const oas3Schema: Rule = {
  id: 'oas3-schema',
  description: 'Validate structure of OpenAPI v3 specification.',
  severity: 'error',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas3'],
  resolved: false,
  given: '$',
  documentation: {
    rationale:
      'A document that breaks the OpenAPI schema is read differently by every tool, or not at all: a misspelt field is silently ignored, a missing one fails a generator.',
    good: 'openapi: 3.0.3\ninfo:\n  title: Orders\n  version: 1.0.0\npaths: {}',
    bad: 'openapi: 3.0.3\ninfo:\n  title: Orders\npaths: {}',
    divergence:
      "Validates against the official schemas of the OpenAPI Initiative (see `src/core/lint/rules/schemas/README.md`), where Spectral uses its own edited copies with custom messages. Where the official schema offers alternatives (`oneOf` of a Reference object and the real object), the errors of the alternative the document meant are reported; where the alternatives are told apart by a value (a Parameter's `in`, a security scheme's `type`), the errors of the alternative that value names (a path parameter without `required: true` is told that `required` is missing, not that `in` must be \"query\"). In OpenAPI 3.1, every Schema object (in `components.schemas`, parameters, headers and media types, and every subschema inside them) is checked against the dialect the document uses, as Spectral checks it against JSON Schema 2020-12 and the OpenAPI base vocabulary (`discriminator`, `xml`, `externalDocs`): by default, or when `jsonSchemaDialect` names it, the OpenAPI 3.1 dialect; JSON Schema 2020-12 alone when `jsonSchemaDialect` is `https://json-schema.org/draft/2020-12/schema`; and for any other `jsonSchemaDialect` (a custom dialect msctl cannot know), nothing beyond being an object or a boolean. Spectral ignores `jsonSchemaDialect`, and does not check the base vocabulary below the first level of a schema. A Schema object's own `$schema` is not read: it is checked as the document's dialect says. Messages are worded like Spectral's; a few differ. An Operation written as a `$ref` (`get: { $ref: ./get.yaml }`, which OpenAPI does not allow but which is common) is left to `operation-ref`, which reports it once and validates the operation it names, where Spectral reports two errors per `$ref` (`responses` missing, `$ref` not expected) and never looks at the operation.",
  },
  prepare: (document) => prepareDocumentValidation(document.data, schemaVersionOf(document.formats)),
  check(target, context) {
    const version = schemaVersionOf(context.document.formats);
    for (const problem of validateDocument(withoutOperationReferences(target.value), version)) {
      context.report({
        message: problem.message,
        target: { value: undefined, path: problem.path, key: undefined },
      });
    }
  },
};

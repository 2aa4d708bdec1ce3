import type { Rule } from '../types.js';
import { checkSchemaExample } from './support/schema-example.js';

/** Spectral selects schemas below these places only. */
function inScope(path: readonly (string | number)[]): boolean {
  return path.some(
    (segment) => segment === 'definitions' || segment === 'parameters' || segment === 'responses',
  );
}

/** Spectral `oas2-valid-schema-example`: a schema's `example`, `x-example` and `default` are valid against it. */
export const oas2ValidSchemaExample: Rule = {
  id: 'oas2-valid-schema-example',
  description: 'Examples must be valid against their defined schema.',
  severity: 'error',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas2'],
  given: ['$..example', '$..x-example', '$..default'],
  documentation: {
    rationale:
      'Examples are what readers copy and what mock servers return; an example the schema rejects teaches clients to send invalid requests.',
    good: 'definitions:\n  Count:\n    type: integer\n    example: 42',
    bad: 'definitions:\n  Count:\n    type: integer\n    example: forty-two',
    divergence:
      'A schema with a `$ref` that cannot be followed, or a circular one, is not checked, as in Spectral; so that hostile documents cost bounded work, schemas of more than 20,000 nodes or nesting more than 100 levels (not counting `$ref`s) are not checked either, nor any example once a document has had 100,000 schema nodes converted (real specs use a fraction of that). A `$ref` is checked as a reference, once per place in the example, however many ways lead to it, so a `$ref` bomb (sixteen schemas, each an `allOf` of nine `$ref`s to the one below) is checked in linear time; a schema that only ajv can check (one with a keyword the quick check leaves to ajv, such as `uniqueItems`) and that applies more than 100,000 subschemas to one place of the example with its `$ref`s expanded is reported at the example as not checked, naming the `$ref` that expands too far (the vendored real specs reach 4,400 at most). Formats are checked by ajv-formats 3, stricter than the version in Spectral: a `date-time` without a time zone is reported, as RFC 3339 requires.',
  },
  check(target, context) {
    checkSchemaExample(target, context, inScope);
  },
};

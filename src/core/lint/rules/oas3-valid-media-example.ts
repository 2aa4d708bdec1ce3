import type { Rule } from '../types.js';
import { relaxFor, validateExample, validatorOf } from './support/example-validation.js';
import { isObject } from './support/values.js';

/** Spectral `oas3-valid-media-example`: the examples of a media type, header or parameter fit its schema. */
export const oas3ValidMediaExample: Rule = {
  id: 'oas3-valid-media-example',
  description: 'Examples must be valid against their defined schema.',
  severity: 'error',
  family: 'oas',
  preset: 'recommended',
  formats: ['oas3'],
  given: ['$..content[*]', '$..headers[*]', '$..parameters[*]'],
  documentation: {
    rationale:
      'Examples are what readers copy and what mock servers return; an example the schema rejects teaches clients to send invalid requests.',
    good: 'content:\n  application/json:\n    schema:\n      type: object\n      properties:\n        id: { type: integer }\n    example: { id: 1 }',
    bad: 'content:\n  application/json:\n    schema:\n      type: object\n      properties:\n        id: { type: integer }\n    example: { id: one }',
    divergence:
      'A schema with a `$ref` that cannot be followed, or a circular one, is not checked, as in Spectral; so that hostile documents cost bounded work, schemas of more than 20,000 nodes or nesting more than 100 levels (not counting `$ref`s) are not checked either, nor any example once a document has had 100,000 schema nodes converted (real specs use a fraction of that). A `$ref` is checked as a reference, once per place in the example, however many ways lead to it, so a `$ref` bomb (sixteen schemas, each an `allOf` of nine `$ref`s to the one below) is checked in linear time; a schema that only ajv can check (one with a keyword the quick check leaves to ajv, such as `uniqueItems`) and that applies more than 100,000 subschemas to one place of the example with its `$ref`s expanded is reported at the example as not checked, naming the `$ref` that expands too far (the vendored real specs reach 4,400 at most). Formats are checked by ajv-formats 3, stricter than the version in Spectral: a `date-time` without a time zone is reported, as RFC 3339 requires.',
  },
  check(target, context) {
    const holder = target.value;
    if (!isObject(holder) || !holder.schema) return;
    const hasExample = holder.example !== undefined;
    if (!hasExample && !holder.examples) return;
    const schema = context.resolve(holder.schema);
    if (!isObject(schema) && typeof schema !== 'boolean') return;
    if (typeof schema === 'boolean') return;
    const validate = validatorOf(schema, relaxFor(target.path, true), context);
    const nullableTypes = !context.document.formats.has('oas3_1');
    if (!validate) return;
    // One `example` is checked and then nothing else, as in Spectral.
    if ('example' in holder) {
      // An example written as a `$ref` (to a file of examples) is checked as what it names, as Spectral sees it.
      const problem = validateExample(context.resolve(holder.example), validate, 'example', nullableTypes);
      if (problem) context.report({ message: problem.message, path: ['example', ...problem.path] });
      return;
    }
    const examples = holder.examples;
    if (!isObject(examples)) return;
    for (const [name, raw] of Object.entries(examples)) {
      const example = context.resolve(raw);
      if (!isObject(example) || 'externalValue' in example) continue;
      const problem = validateExample(example.value, validate, 'value', nullableTypes);
      if (problem)
        context.report({ message: problem.message, path: ['examples', name, 'value', ...problem.path] });
    }
  },
};

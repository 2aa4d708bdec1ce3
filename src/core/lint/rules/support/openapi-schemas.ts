/**
 * The official OpenAPI JSON Schemas as msctl validates with them, and the ajv set-up for them. Shared by the
 * validation of documents (`document-schema.ts`) and by the generator of the validity check that runs without
 * ajv (`scripts/generate-schema-validators.js`, output in `schemas/validator-<version>.generated.ts`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { DataValidateFunction } from 'ajv/dist/types/index.js';
import type AjvDraft04 from 'ajv-draft-04';
import type addFormats from 'ajv-formats';
import openapi20 from '../schemas/openapi-2.0.json' with { type: 'json' };
import openapi30 from '../schemas/openapi-3.0.json' with { type: 'json' };
import openapi31 from '../schemas/openapi-3.1.json' with { type: 'json' };
import { hasScalarItems, uniqueItemsErrors } from './unique-items.js';
import { isObject } from './values.js';

export type SchemaVersion = '2.0' | '3.0' | '3.1';

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = ['2.0', '3.0', '3.1'];

const require = createRequire(import.meta.url);

/**
 * ajv, loaded on first need and synchronously (rules run synchronously): the validity of a document is checked by
 * code generated ahead of time, so a valid document never needs ajv, whose loading costs a run 20 ms and 15 MB.
 */
export function loadAjv(): {
  Ajv2020: typeof Ajv2020;
  AjvDraft04: typeof AjvDraft04;
  addFormats: typeof addFormats;
} {
  return {
    Ajv2020: (require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020,
    AjvDraft04: require('ajv-draft-04') as typeof AjvDraft04,
    addFormats: require('ajv-formats') as typeof addFormats,
  };
}

/** The ajv options of the validators of the OpenAPI schemas; the generated one adds `code` options to these. */
export function validatorOptions(allErrors: boolean) {
  // `verbose` (for the collecting validator) puts each failed combinator's alternatives on its error.
  // ajv's code optimisation pass is skipped, and the fast validator keeps references as calls instead of inlining
  // them, which halves its code. The collecting one inlines them: its error paths then name the definition each
  // error is in, which is how `branchErrors` tells the alternatives of a `oneOf` apart.
  return {
    allErrors,
    verbose: allErrors,
    strict: false,
    validateFormats: true,
    logger: false,
    inlineRefs: allErrors,
    code: { optimize: false },
    // The vendored schemas are known-good (the rule tests compile them); checking them against their meta-schema
    // on every run is wasted time.
    validateSchema: false,
  } as const;
}

/**
 * The schema of a version as the validators use it: the vendored file with `uniqueItems` made linear, and the
 * 2.0/3.0 "a Reference or the object" alternatives made conditionals. Shared with the generator of the fast code.
 */
export function preparedSchema(version: SchemaVersion): object {
  if (version === '3.1') return withLinearUniqueItems(withStaticMetaReferences(openapi31));
  return version === '2.0'
    ? withLinearUniqueItems(withReferenceConditionals(openapi20, '#/definitions/jsonReference'))
    : withLinearUniqueItems(withReferenceConditionals(openapi30, '#/definitions/Reference'));
}

/**
 * What the generated validators (`schemas/validator-<version>.generated.ts`, the validity checks, and
 * `schemas/collecting-validator-<version>.generated.ts`) depend on: ajv's version, the options and every prepared
 * schema. Each generated file records it; a test compares, so that a stale file cannot
 * go unnoticed.
 */
export function generatedInputsHash(): string {
  const ajvVersion = (
    JSON.parse(readFileSync(require.resolve('ajv/package.json'), 'utf8')) as { version: string }
  ).version;
  const prepared = SCHEMA_VERSIONS.map((version) => preparedSchema(version));
  // Only the generator and its test hash; loading node:crypto with every lint run costs 3 MB.
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha256')
    .update(
      JSON.stringify({
        ajvVersion,
        options: validatorOptions(false),
        collectingOptions: validatorOptions(true),
        prepared,
      }),
    )
    .digest('hex')
    .slice(0, 32);
}

/** A new ajv instance for a version, with the formats the OpenAPI schemas use. */
export function ajvFor(version: SchemaVersion, options: object): Ajv2020 | AjvDraft04.default {
  const loaded = loadAjv();
  const ajv = version === '3.1' ? new loaded.Ajv2020(options) : new loaded.AjvDraft04.default(options);
  loaded.addFormats.default(ajv);
  // OpenAPI's own format for media ranges (`application/*`); its grammar is checked elsewhere.
  if (version === '3.1') ajv.addFormat('media-range', true);
  return ajv;
}

/** The keyword that replaces `uniqueItems` in the compiled schemas. */
export const LINEAR_UNIQUE_ITEMS = 'msctlUniqueItems';

/**
 * ajv checks `uniqueItems` on arrays of objects by comparing every pair: a hostile document with 20,000 parameters
 * takes half a minute. The compiled copies use this keyword instead, which finds the first repeated item through a
 * canonical JSON key, in linear time, and reports it as ajv would.
 */
export function addLinearUniqueItems(ajv: Ajv2020 | AjvDraft04.default): void {
  const validate: DataValidateFunction = (unique: unknown, data: unknown, parentSchema?: unknown) => {
    const errors = uniqueItemsErrors(unique, data, hasScalarItems(parentSchema));
    if (!errors) return true;
    validate.errors = errors;
    return false;
  };
  ajv.addKeyword({
    keyword: LINEAR_UNIQUE_ITEMS,
    type: 'array',
    schemaType: 'boolean',
    errors: true,
    validate,
  });
}

/** A copy of `schema` with `uniqueItems: true` as the linear keyword; property names are left alone. */
function withLinearUniqueItems(schema: unknown): object {
  const rewrite = (value: unknown, inPropertyMap: boolean): unknown => {
    if (Array.isArray(value)) return value.map((item) => rewrite(item, false));
    if (!isObject(value)) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (!inPropertyMap && key === 'uniqueItems' && child === true) copy[LINEAR_UNIQUE_ITEMS] = true;
      else
        copy[key] = rewrite(child, !inPropertyMap && (key === 'properties' || key === 'patternProperties'));
    }
    return copy;
  };
  return rewrite(schema, false) as object;
}

/**
 * The 3.1 schema points at Schema objects with `$dynamicRef: "#meta"` so that `schema-base.json` can extend it;
 * on its own the anchor is `$defs/schema`. ajv loses track of evaluated properties across that dynamic reference
 * (every Schema object then "must not have unevaluated properties"), so the reference is made static, which means
 * the same for this file.
 */
function withStaticMetaReferences(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withStaticMetaReferences);
  if (!isObject(schema)) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$dynamicRef' && value === '#meta') copy.$ref = '#/$defs/schema';
    else copy[key] = withStaticMetaReferences(value);
  }
  return copy;
}

/**
 * The 2.0 and 3.0 schemas say "a Reference object or the real object" with `oneOf`, so ajv reports the failures
 * of both alternatives (and a `$ref` missing from every invalid object). Rewritten as `if` the value has a `$ref`
 * `then` a Reference `else` the object, the errors are those of the alternative the document meant; the 3.1 schema
 * is written that way already. The vendored files stay as published; this runs once, on the compiled copy.
 */
function withReferenceConditionals(schema: unknown, reference: string): object {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!isObject(value)) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) copy[key] = rewrite(child);
    const alternatives = copy.oneOf;
    if (Array.isArray(alternatives) && alternatives.length === 2) {
      const referenceIndex = alternatives.findIndex((item) => isObject(item) && item.$ref === reference);
      if (referenceIndex !== -1) {
        delete copy.oneOf;
        copy.if = { type: 'object', required: ['$ref'] };
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's conditional keyword, not a promise
        copy.then = alternatives[referenceIndex];
        copy.else = alternatives[1 - referenceIndex];
      }
    }
    return copy;
  };
  return rewrite(schema) as object;
}

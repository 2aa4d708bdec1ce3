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
import openapi31Dialect from '../schemas/openapi-3.1-dialect-base.json' with { type: 'json' };
import openapi31Vocabulary from '../schemas/openapi-3.1-meta-base.json' with { type: 'json' };
import { hasScalarItems, uniqueItemsErrors } from './unique-items.js';
import { isObject } from './values.js';

export type SchemaVersion = '2.0' | '3.0' | '3.1';

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = ['2.0', '3.0', '3.1'];

/**
 * Which meta-schema checks the Schema objects of a 3.1 document: the OpenAPI 3.1 dialect (JSON Schema 2020-12 and
 * the OpenAPI base vocabulary: `discriminator`, `xml`, `externalDocs`), which is the default; JSON Schema 2020-12
 * alone; or none (a `jsonSchemaDialect` msctl does not know: Schema objects only have to be objects or booleans).
 */
export type SchemaDialect = 'openapi' | '2020-12' | 'none';

/** The `$id`s of the meta-schemas that `SchemaDialect`s name. */
const DIALECT_SCHEMA_IDS: Readonly<Record<Exclude<SchemaDialect, 'none'>, string>> = {
  openapi: openapi31Dialect.$id,
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};

/**
 * The dialect a 3.1 document's `jsonSchemaDialect` names: the OpenAPI dialect when absent or when it names that
 * dialect (`.../oas/3.1/dialect/base`, or one of its dated iterations), JSON Schema 2020-12 for its meta-schema,
 * and none for anything else (a custom dialect msctl cannot check).
 */
export function dialectOf(document: unknown): SchemaDialect {
  const declared = isObject(document) ? document.jsonSchemaDialect : undefined;
  if (declared === undefined) return 'openapi';
  if (typeof declared !== 'string') return 'openapi'; // the schema reports it: "must be string"
  if (/^https:\/\/spec\.openapis\.org\/oas\/3\.1\/dialect\/(base|\d{4}-\d{2}-\d{2})$/.test(declared))
    return 'openapi';
  if (/^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/.test(declared)) return '2020-12';
  return 'none';
}

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
export function preparedSchema(version: SchemaVersion, dialect: SchemaDialect = 'openapi'): object {
  if (version === '3.1')
    return withLinearUniqueItems(withDialect(withStaticMetaReferences(openapi31), dialect));
  const [schema, reference] =
    version === '2.0' ? [openapi20, '#/definitions/jsonReference'] : [openapi30, '#/definitions/Reference'];
  return withLinearUniqueItems(withDiscriminatorConditionals(withReferenceConditionals(schema, reference)));
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
        metaSchemas: [openapi31Dialect, openapi31Vocabulary],
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
  if (version === '3.1') {
    // OpenAPI's own format for media ranges (`application/*`); its grammar is checked elsewhere.
    ajv.addFormat('media-range', true);
    // The meta-schemas of JSON Schema 2020-12 are ajv's own; the OpenAPI dialect adds its base vocabulary.
    ajv.addSchema(openapi31Vocabulary);
    ajv.addSchema(openapi31Dialect);
  }
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
 * The official 3.1 schema (`schema.json`) requires no more of a Schema object than being an object or a boolean:
 * its `schema-base.json` adds the checks of the dialect through `$dynamicRef`. Here the Schema object definition
 * points at the dialect's meta-schema itself, so that every Schema object (components, parameters, headers, media
 * types, and every subschema in them, through the meta-schemas' own `$dynamicRef`s) is checked against it.
 */
function withDialect(schema: unknown, dialect: SchemaDialect): unknown {
  if (dialect === 'none' || !isObject(schema) || !isObject(schema.$defs)) return schema;
  return {
    ...schema,
    $defs: {
      ...schema.$defs,
      schema: {
        $comment: 'The Schema Object, checked against its dialect',
        $ref: DIALECT_SCHEMA_IDS[dialect],
      },
    },
  };
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

/**
 * Properties whose value names the alternative an object is (a Parameter's `in`, a security scheme's `type`, a
 * Swagger 2 OAuth2 `flow`), tried in this order.
 */
const DISCRIMINATORS = ['in', 'type', 'flow'] as const;

/**
 * The 2.0 and 3.0 schemas say "a path, query, header or cookie parameter" (or "an apiKey, http, oauth2 or
 * openIdConnect scheme") with `oneOf`, so when every alternative fails ajv cannot tell which one the document
 * meant, and the one that got furthest is often wrong: a path parameter without `required: true` was reported as
 * a query parameter whose `in` must be "query". Where every alternative pins a discriminating property to its own
 * values, the `oneOf` becomes a chain of `if` that property has these values `then` that alternative, as the 3.1
 * schema is written; a value that names no alternative falls through to the original `oneOf`. The chain accepts
 * what the `oneOf` accepts: no two alternatives share a value, and each rejects the values of the others.
 */
function withDiscriminatorConditionals(schema: object): object {
  const resolve = (value: unknown): unknown => {
    let current = value;
    for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 8; hops++) {
      const target: string = current.$ref;
      current = target.startsWith('#/') ? pointerValue(schema, target.slice(2)) : undefined;
    }
    return current;
  };
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!isObject(value)) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) copy[key] = rewrite(child);
    return discriminate(copy, resolve);
  };
  return rewrite(schema) as object;
}

function discriminate(
  value: Record<string, unknown>,
  resolve: (value: unknown) => unknown,
): Record<string, unknown> {
  const alternatives = value.oneOf;
  if (!Array.isArray(alternatives) || alternatives.length < 2) return value;
  for (const key of DISCRIMINATORS) {
    const pinned = alternatives.map((alternative) => pinnedValues(alternative, key, resolve, 0));
    const groups = groupByValues(pinned);
    if (!groups) continue;
    let chain: unknown = { oneOf: alternatives };
    for (const { values, members } of [...groups].reverse()) {
      const chosen =
        members.length === 1
          ? alternatives[members[0] as number]
          : discriminate({ oneOf: members.map((index) => alternatives[index]) }, resolve);
      chain = {
        if: { type: 'object', required: [key], properties: { [key]: { enum: values } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's conditional keyword, not a promise
        then: chosen,
        else: chain,
      };
    }
    const copy = { ...value };
    delete copy.oneOf;
    if ('if' in copy) copy.allOf = [...(Array.isArray(copy.allOf) ? copy.allOf : []), chain];
    else Object.assign(copy, chain);
    return copy;
  }
  return value;
}

/** The values an alternative allows for `key` (its `enum` or `const`, or those of all its own alternatives). */
function pinnedValues(
  alternative: unknown,
  key: string,
  resolve: (value: unknown) => unknown,
  depth: number,
): string[] | undefined {
  const schema = resolve(alternative);
  if (!isObject(schema) || depth > 4) return undefined;
  const property = isObject(schema.properties) ? resolve(schema.properties[key]) : undefined;
  if (isObject(property)) {
    if (Array.isArray(property.enum) && property.enum.every((item) => typeof item === 'string'))
      return property.enum as string[];
    if (typeof property.const === 'string') return [property.const];
  }
  const nested = Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (!nested) return undefined;
  const values: string[] = [];
  for (const item of nested) {
    const itemValues = pinnedValues(item, key, resolve, depth + 1);
    if (!itemValues) return undefined;
    values.push(...itemValues);
  }
  return values;
}

/** Alternatives grouped by the values they pin, or undefined unless each value belongs to one group only. */
function groupByValues(
  pinned: (string[] | undefined)[],
): { values: string[]; members: number[] }[] | undefined {
  const groups: { values: string[]; members: number[] }[] = [];
  for (const [index, values] of pinned.entries()) {
    if (!values) return undefined;
    const signature = [...values].sort().join('\u0000');
    const same = groups.find((group) => [...group.values].sort().join('\u0000') === signature);
    if (same) {
      same.members.push(index);
      continue;
    }
    if (groups.some((group) => group.values.some((item) => values.includes(item)))) return undefined;
    groups.push({ values: [...values], members: [index] });
  }
  return groups.length > 1 ? groups : undefined;
}

function pointerValue(root: unknown, pointer: string): unknown {
  let current = root;
  for (const raw of pointer.split('/')) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/**
 * Validation of a whole document against the official OpenAPI JSON Schema of its version (`oas2-schema`,
 * `oas3-schema`), and the turning of ajv's errors into findings placed and worded as Spectral places and words them.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { closest, distance } from 'fastest-levenshtein';
import openapi20 from '../schemas/openapi-2.0.json' with { type: 'json' };
import openapi30 from '../schemas/openapi-3.0.json' with { type: 'json' };
import openapi31 from '../schemas/openapi-3.1.json' with { type: 'json' };
import { isObject } from './values.js';

export type SchemaVersion = '2.0' | '3.0' | '3.1';

export interface SchemaProblem {
  message: string;
  path: (string | number)[];
}

const validators = new Map<string, ValidateFunction>();

/**
 * Compiled on first use: most runs lint one version, and compiling costs tens of milliseconds. Two per version:
 * a fast one that stops at the first error answers "valid?" for the common case, and the one that collects every
 * error runs only on invalid documents.
 */
function validatorFor(version: SchemaVersion, allErrors: boolean): ValidateFunction {
  const key = `${version}/${allErrors}`;
  let validate = validators.get(key);
  if (validate) return validate;
  const options = { allErrors, strict: false, validateFormats: true, logger: false } as const;
  if (version === '3.1') {
    const ajv = new Ajv2020(options);
    addFormats.default(ajv);
    // OpenAPI's own format for media ranges (`application/*`); its grammar is checked elsewhere.
    ajv.addFormat('media-range', true);
    validate = ajv.compile(withStaticMetaReferences(openapi31) as object);
  } else {
    const ajv = new AjvDraft04.default(options);
    addFormats.default(ajv);
    validate = ajv.compile(version === '2.0' ? openapi20 : openapi30);
  }
  validators.set(key, validate);
  return validate;
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

/** The problems of `document` against the official schema of `version`, one per place and message. */
export function validateDocument(document: unknown, version: SchemaVersion): SchemaProblem[] {
  if (validatorFor(version, false)(document)) return [];
  const validate = validatorFor(version, true);
  validate(document);
  const errors = selectBranches(validate.errors ?? [], document);
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const problem = describe(error, document);
    const key = `${problem.path.join('\u0000')}\u0001${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/**
 * ajv reports the failures of every branch of a failed `oneOf`/`anyOf`. The official schemas use them mostly for
 * "a Reference object or the real thing": keep the errors of the one branch the document meant (the reference
 * branch when the value has a `$ref`, otherwise the branch that got furthest), as Spectral's rewritten schemas do.
 */
function selectBranches(errors: readonly ErrorObject[], document: unknown): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const combinators = errors
    .filter((error) => (error.keyword === 'oneOf' || error.keyword === 'anyOf') && !isAmbiguousOneOf(error))
    // Outer combinators first, so that an inner one whose branch was dropped is dropped with it.
    .sort((left, right) => left.schemaPath.length - right.schemaPath.length);
  for (const combinator of combinators) {
    if (dropped.has(combinator)) continue;
    const prefix = `${combinator.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const error of errors) {
      if (dropped.has(error) || !error.schemaPath.startsWith(prefix)) continue;
      const branch = error.schemaPath.slice(prefix.length).split('/')[0] as string;
      let list = branches.get(branch);
      if (!list) {
        list = [];
        branches.set(branch, list);
      }
      list.push(error);
    }
    if (branches.size === 0) continue;
    const value = valueAtPointer(document, combinator.instancePath);
    const chosen = chooseBranch([...branches.values()], isObject(value) && '$ref' in value);
    for (const list of branches.values()) {
      if (list === chosen) continue;
      for (const error of list) dropped.add(error);
    }
    dropped.add(combinator);
  }
  return errors.filter((error) => !dropped.has(error) && error.keyword !== 'if');
}

/** A `oneOf` that failed because several branches matched has no branch errors: report it as it is. */
function isAmbiguousOneOf(error: ErrorObject): boolean {
  return (
    error.keyword === 'oneOf' && Array.isArray((error.params as { passingSchemas?: unknown }).passingSchemas)
  );
}

function chooseBranch(branches: ErrorObject[][], isReference: boolean): ErrorObject[] {
  const mentionsReference = (list: ErrorObject[]) =>
    list.some(
      (error) =>
        (error.keyword === 'required' &&
          (error.params as { missingProperty?: string }).missingProperty === '$ref') ||
        error.schemaPath.includes('Reference'),
    );
  const candidates = branches.filter((list) => (isReference ? true : !mentionsReference(list)));
  const pool = candidates.length > 0 ? candidates : branches;
  if (isReference) {
    const referenceBranch = pool.find(
      (list) => list.every((error) => !isMissing(error, '$ref')) && mentionsReference(list),
    );
    if (referenceBranch) return referenceBranch;
  }
  // The branch that got furthest into the value: deepest errors first, then fewest.
  let best = pool[0] as ErrorObject[];
  for (const list of pool.slice(1)) {
    const depth = maxDepth(list);
    const bestDepth = maxDepth(best);
    if (depth > bestDepth || (depth === bestDepth && list.length < best.length)) best = list;
  }
  return best;
}

function isMissing(error: ErrorObject, property: string): boolean {
  return (
    error.keyword === 'required' &&
    (error.params as { missingProperty?: string }).missingProperty === property
  );
}

function maxDepth(list: ErrorObject[]): number {
  return Math.max(
    ...list.map((error) => (error.instancePath === '' ? 0 : error.instancePath.split('/').length)),
  );
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAtPointer(document: unknown, pointer: string): unknown {
  let value = document;
  for (const segment of pointerSegments(pointer)) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Spectral's wording: `"name" property must be string`, `Property "x" is not expected to be here`. */
function describe(error: ErrorObject, document: unknown): SchemaProblem {
  const segments = pointerSegments(error.instancePath);
  const path: (string | number)[] = segments.map((segment, index) =>
    Array.isArray(valueAtPointer(document, `/${segments.slice(0, index).join('/')}`.replace(/^\/$/, '')))
      ? Number(segment)
      : segment,
  );
  const property = segments.length === 0 ? null : (segments[segments.length - 1] as string);
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      return { message: `Property "${extra}" is not expected to be here.`, path: [...path, extra] };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      const value = valueAtPointer(document, error.instancePath);
      const strings = allowed.filter((item): item is string => typeof item === 'string');
      let suggestion = '';
      if (typeof value === 'string' && strings.length > 0) {
        const best = closest(value, strings);
        if (allowed.length === 1 || distance(value, best) < best.length)
          suggestion = `. Did you mean "${best}"?`;
      }
      const printed = allowed.map((item) => JSON.stringify(item)).join(', ');
      return { message: `${clean(property, error.message)}: ${printed}${suggestion}.`, path };
    }
    default:
      return { message: `${clean(property, error.message)}.`, path };
  }
}

function clean(property: string | null, message: string | undefined): string {
  const text = (message ?? '').replace(/['"]/g, '"').replace(/NOT/g, 'not');
  return property === null ? text : `"${property}" property ${text}`;
}

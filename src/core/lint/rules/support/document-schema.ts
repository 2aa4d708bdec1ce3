/**
 * Validation of a whole document against the official OpenAPI JSON Schema of its version (`oas2-schema`,
 * `oas3-schema`), and the turning of ajv's errors into findings placed and worded as Spectral places and words them.
 */

import type { ErrorObject, ValidateFunction } from 'ajv';
import { HTTP_METHODS, type SpecFormat } from '../../types.js';
import {
  addLinearUniqueItems,
  ajvFor,
  dialectOf,
  preparedSchema,
  type SchemaDialect,
  type SchemaVersion,
  validatorOptions,
} from './openapi-schemas.js';
import { didYouMean } from './suggest.js';
import { isObject } from './values.js';

export type { SchemaVersion };

export interface SchemaProblem {
  message: string;
  path: (string | number)[];
}

const validators = new Map<SchemaVersion, ValidateFunction>();

const validityChecks = new Map<SchemaVersion, (document: unknown) => boolean>();

/** The schema version a document of these formats is validated against. */
export function schemaVersionOf(formats: ReadonlySet<SpecFormat>): SchemaVersion {
  return formats.has('oas2') ? '2.0' : formats.has('oas3_1') ? '3.1' : '3.0';
}

/**
 * Loads the generated validity check of `version` for `validateDocument`: the rules that validate call it from
 * `prepare`. Each version is a module of its own (a third of 1.6 MB of code), so that a run loads only the one its
 * document needs: 1.5 MB and 5 ms less on every lint.
 */
export async function loadValidityCheck(version: SchemaVersion): Promise<void> {
  if (validityChecks.has(version)) return;
  const generated =
    version === '2.0'
      ? await import('../schemas/validator-2.0.generated.js')
      : version === '3.0'
        ? await import('../schemas/validator-3.0.generated.js')
        : await import('../schemas/validator-3.1.generated.js');
  validityChecks.set(version, generated.isValid);
}

/** Validity already checked by `prepareDocumentValidation`, per version, so that `check` does not check again. */
const knownValidity = new Map<SchemaVersion, WeakMap<object, boolean>>();

/**
 * `prepare` of the rules that validate whole documents: loads the validity check, and the generated collecting
 * validator when the document will need it, that is when it is invalid or has Operation `$ref`s (whose operations
 * `operation-ref` validates one by one). A valid document never loads it; without this (`operation-ref` alone) it
 * is compiled with ajv when needed.
 */
export async function prepareDocumentValidation(document: unknown, version: SchemaVersion): Promise<void> {
  // A 3.1 document of another dialect is validated by ajv (see `dialectValidator`), not by the generated code.
  if (version === '3.1' && dialectOf(document) !== 'openapi') return;
  await loadValidityCheck(version);
  if (validators.has(version)) return;
  if (withoutOperationReferences(document) === document && isObject(document)) {
    const valid = checkValidity(document, version);
    let known = knownValidity.get(version);
    if (!known) {
      known = new WeakMap();
      knownValidity.set(version, known);
    }
    known.set(document, valid);
    if (valid) return;
  }
  const generated =
    version === '2.0'
      ? await import('../schemas/collecting-validator-2.0.generated.js')
      : version === '3.0'
        ? await import('../schemas/collecting-validator-3.0.generated.js')
        : await import('../schemas/collecting-validator-3.1.generated.js');
  validators.set(version, generated.validate as ValidateFunction);
}

function checkValidity(document: unknown, version: SchemaVersion): boolean {
  const isValid = validityChecks.get(version);
  if (!isValid)
    throw new Error(`The OpenAPI ${version} validity check is not loaded: await loadValidityCheck first.`);
  try {
    return isValid(document);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return false;
  }
}

/** Real documents nest a few dozen levels; ajv's recursion is safe far beyond this. */
const MAX_VALIDATED_DEPTH = 256;

/** Whether `value` nests deeper than `limit` levels; iterative, so that it cannot overflow itself. */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * The validator that collects every error: the generated one when `prepareDocumentValidation` loaded it, else
 * compiled with ajv on first use. It runs only on documents the validity check found invalid.
 */
function collectingValidator(version: SchemaVersion): ValidateFunction {
  let validate = validators.get(version);
  if (validate) return validate;
  const ajv = ajvFor(version, validatorOptions(true));
  addLinearUniqueItems(ajv);
  validate = ajv.compile(preparedSchema(version));
  validators.set(version, validate);
  return validate;
}

/**
 * Validators of 3.1 documents whose `jsonSchemaDialect` is not the OpenAPI dialect, compiled with ajv on first
 * need: such documents are rare, and generated code for each dialect would cost every install 0.5 MB.
 */
const dialectValidators = new Map<SchemaDialect, ValidateFunction>();

function dialectValidator(dialect: SchemaDialect): ValidateFunction {
  let validate = dialectValidators.get(dialect);
  if (validate) return validate;
  const ajv = ajvFor('3.1', validatorOptions(true));
  addLinearUniqueItems(ajv);
  validate = ajv.compile(preparedSchema('3.1', dialect));
  dialectValidators.set(dialect, validate);
  return validate;
}

/**
 * The problems of `document` against the official schema of `version`, one per place and message. The Schema
 * objects of a 3.1 document are checked against the dialect its `jsonSchemaDialect` names (`dialectOf`).
 */
export function validateDocument(document: unknown, version: SchemaVersion): SchemaProblem[] {
  const dialect = version === '3.1' ? dialectOf(document) : 'openapi';
  if (dialect !== 'openapi') {
    if (depthExceeds(document, MAX_VALIDATED_DEPTH)) return [tooDeep(version)];
    const validate = dialectValidator(dialect);
    return validate(document) ? [] : problemsOf(validate.errors ?? [], document);
  }
  const known = isObject(document) ? knownValidity.get(version)?.get(document) : undefined;
  if (known ?? checkValidity(document, version)) return [];
  // ajv validates recursively: a hostile document nested thousands of levels deep exhausts the stack, sometimes
  // inside a check that swallows the error and reports nonsense. Such a document gets one clear finding instead.
  if (depthExceeds(document, MAX_VALIDATED_DEPTH)) return [tooDeep(version)];
  const validate = collectingValidator(version);
  validate(document);
  return problemsOf(validate.errors ?? [], document);
}

function tooDeep(version: SchemaVersion): SchemaProblem {
  return {
    message: `The document is nested more than ${MAX_VALIDATED_DEPTH} levels deep: too deep to be validated against the OpenAPI ${version} schema.`,
    path: [],
  };
}

function problemsOf(allErrors: readonly ErrorObject[], document: unknown): SchemaProblem[] {
  const errors = selectBranches(allErrors, document);
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

/** Whether a Path Item holds `method` as a `$ref` instead of an Operation object (not OpenAPI, but common). */
export function isOperationReference(pathItem: unknown, method: string): boolean {
  const operation = isObject(pathItem) ? pathItem[method] : undefined;
  return isObject(operation) && typeof operation.$ref === 'string';
}

/**
 * The document with its Operation `$ref`s left out, for validation against the schema: `operation-ref` reports
 * each of them once and validates what it names, where the schema would report two errors per `$ref` (a missing
 * `responses`, an unexpected `$ref`). Only the path items concerned are copied.
 */
export function withoutOperationReferences(document: unknown): unknown {
  if (!isObject(document) || !isObject(document.paths)) return document;
  let paths: Record<string, unknown> | undefined;
  for (const [pathKey, pathItem] of Object.entries(document.paths)) {
    const methods = HTTP_METHODS.filter((method) => isOperationReference(pathItem, method));
    if (methods.length === 0) continue;
    paths ??= { ...document.paths };
    const copy = { ...(pathItem as Record<string, unknown>) };
    for (const method of methods) delete copy[method];
    paths[pathKey] = copy;
  }
  return paths ? { ...document, paths } : document;
}

/**
 * The problems of an Operation object against the schema of `version`, with paths relative to the operation. It
 * is validated inside the smallest valid document, so that the messages and the choice of alternatives are those
 * of the whole-document validation.
 */
export function validateOperation(
  operation: unknown,
  method: string,
  version: SchemaVersion,
  rootDocument?: unknown,
): SchemaProblem[] {
  const info = { title: 'operation', version: '1' };
  const paths = { '/': { [method]: operation } };
  const dialect = isObject(rootDocument) ? rootDocument.jsonSchemaDialect : undefined;
  const document =
    version === '2.0'
      ? { swagger: '2.0', info, paths }
      : version === '3.1'
        ? {
            openapi: '3.1.0',
            info,
            paths,
            ...(typeof dialect === 'string' ? { jsonSchemaDialect: dialect } : {}),
          }
        : { openapi: '3.0.3', info, paths };
  const prefix = ['paths', '/', method];
  return validateDocument(document, version).map((problem) => ({
    message: problem.message,
    path: prefix.every((key, index) => problem.path[index] === key) ? problem.path.slice(prefix.length) : [],
  }));
}

/**
 * ajv reports the failures of every branch of a failed `oneOf`/`anyOf`. The official schemas use them mostly for
 * "a Reference object or the real thing": keep the errors of the one branch the document meant (the reference
 * branch when the value has a `$ref`, otherwise the branch that got furthest), as Spectral's rewritten schemas do.
 */
function selectBranches(errors: readonly ErrorObject[], document: unknown): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const position = new Map(errors.map((error, index) => [error, index]));
  const combinators = errors
    .filter((error) => error.keyword === 'oneOf' || error.keyword === 'anyOf')
    // Outer combinators first (shallower value; at the same value, ajv reports the outer one later), so that an
    // inner one whose alternative was dropped is dropped with it.
    .sort(
      (left, right) =>
        left.instancePath.length - right.instancePath.length ||
        (position.get(right) as number) - (position.get(left) as number),
    );
  const replaced = new Map<ErrorObject, ErrorObject>();
  for (const combinator of combinators) {
    if (dropped.has(combinator)) continue;
    if (isTypeKeywordAlternatives(combinator)) {
      const replacement = chooseTypeKeywordError(combinator, errors, position, dropped, document);
      if (replacement) replaced.set(combinator, replacement);
      else dropped.add(combinator);
      continue;
    }
    const branches = branchErrors(combinator, errors, position.get(combinator) as number, dropped);
    if (isAmbiguousOneOf(combinator)) {
      // Several alternatives matched: the problem is the ambiguity, not what the others disliked. Unless a
      // required property is missing: then the ambiguity is that property's doing (an http scheme without
      // `scheme` is both a bearer and a non-bearer scheme), and saying so is noise.
      for (const list of branches.values()) for (const error of list) dropped.add(error);
      if (errors.some((error) => isMissingAt(error, combinator.instancePath) && !dropped.has(error)))
        dropped.add(combinator);
      continue;
    }
    if (branches.size === 0) continue;
    const value = valueAtPointer(document, combinator.instancePath);
    // In the order of the alternatives, so that ties go to the first one whatever order the errors came in.
    const ordered = [...branches.entries()].sort(([left], [right]) => left - right).map(([, list]) => list);
    const chosen = chooseBranch(ordered, isObject(value) && '$ref' in value);
    for (const list of branches.values()) {
      if (list === chosen) continue;
      for (const error of list) dropped.add(error);
    }
    dropped.add(combinator);
  }
  return errors
    .filter((error) => !dropped.has(error) && error.keyword !== 'if')
    .map((error) => replaced.get(error) ?? error);
}

/**
 * The JSON Schema meta-schemas say what a Schema object's `type` may be as `anyOf` a type name or an array of
 * them. Its two alternatives' errors cannot be told apart by schema path (both go through the same definition of
 * type names), so they are chosen by the value: a string keeps the error about the name (with a suggestion), an
 * array the errors about its items, and anything else gets one error that says what `type` must be.
 */
function isTypeKeywordAlternatives(combinator: ErrorObject): boolean {
  const alternatives = combinator.schema;
  return (
    combinator.keyword === 'anyOf' &&
    combinator.schemaPath.endsWith('/properties/type/anyOf') &&
    Array.isArray(alternatives) &&
    alternatives.length === 2 &&
    isObject(alternatives[0]) &&
    typeof alternatives[0].$ref === 'string' &&
    alternatives[0].$ref.endsWith('/simpleTypes')
  );
}

function chooseTypeKeywordError(
  combinator: ErrorObject,
  errors: readonly ErrorObject[],
  position: ReadonlyMap<ErrorObject, number>,
  dropped: Set<ErrorObject>,
  document: unknown,
): ErrorObject | undefined {
  const value = valueAtPointer(document, combinator.instancePath);
  const within = combinator.instancePath;
  for (let index = (position.get(combinator) as number) - 1; index >= 0; index--) {
    const error = errors[index] as ErrorObject;
    if (error.instancePath !== within && !error.instancePath.startsWith(`${within}/`)) break;
    const keep =
      typeof value === 'string'
        ? error.instancePath === within && error.keyword === 'enum'
        : Array.isArray(value) && (error.instancePath !== within || error.keyword !== 'enum');
    if (!keep) dropped.add(error);
  }
  if (typeof value === 'string' || Array.isArray(value)) return undefined;
  return { ...combinator, keyword: 'type', message: 'must be either a string or an array of strings' };
}

/**
 * The errors each alternative of a combinator produced, by alternative index. An alternative written inline has
 * errors under `<combinator>/<index>/`; one that is a `$ref` has them under the referenced definition's path
 * (ajv's schema paths restart at each referenced definition), which `verbose` errors let us read.
 */
function branchErrors(
  combinator: ErrorObject,
  errors: readonly ErrorObject[],
  end: number,
  dropped: ReadonlySet<ErrorObject>,
): Map<number, ErrorObject[]> {
  const alternatives = Array.isArray(combinator.schema) ? (combinator.schema as unknown[]) : [];
  const branches = new Map<number, ErrorObject[]>();
  const within = combinator.instancePath;
  // ajv reports a combinator right after what its alternatives (and the other keywords on the same value) found:
  // walking back from it, the first error about another value ends the block. That keeps a document with tens of
  // thousands of errors linear.
  for (let position = end - 1; position >= 0; position--) {
    const error = errors[position] as ErrorObject;
    if (error.instancePath !== within && !error.instancePath.startsWith(`${within}/`)) break;
    if (dropped.has(error)) continue;
    const index = alternatives.findIndex((alternative, candidate) => {
      if (error.schemaPath.startsWith(`${combinator.schemaPath}/${candidate}/`)) return true;
      return (
        isObject(alternative) &&
        typeof alternative.$ref === 'string' &&
        error.schemaPath.startsWith(`${alternative.$ref}/`)
      );
    });
    if (index === -1) continue;
    let list = branches.get(index);
    if (!list) {
      list = [];
      branches.set(index, list);
    }
    list.unshift(error);
  }
  return branches;
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

function isMissingAt(error: ErrorObject, instancePath: string): boolean {
  return error.keyword === 'required' && error.instancePath === instancePath;
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
  const path: (string | number)[] = [];
  let current = document;
  for (const segment of segments) {
    const key = Array.isArray(current) ? Number(segment) : segment;
    path.push(key);
    current =
      typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  }
  const property = segments.length === 0 ? null : (segments[segments.length - 1] as string);
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      return { message: `Property "${extra}" is not expected to be here.`, path: [...path, extra] };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      const value = valueAtPointer(document, error.instancePath);
      const suggestion = didYouMean(value, allowed);
      const printed = allowed.map((item) => JSON.stringify(item)).join(', ');
      return { message: `${clean(property, error.message)}: ${printed}${suggestion}.`, path };
    }
    case 'type':
      // The only `type: [object, boolean]` of the 3.1 schema and the JSON Schema meta-schemas: a Schema object.
      if (String((error.params as { type?: unknown }).type) === 'object,boolean')
        return { message: `${clean(property, 'must be a valid Schema Object')}.`, path };
      return { message: `${clean(property, error.message)}.`, path };
    default:
      return { message: `${clean(property, error.message)}.`, path };
  }
}

function clean(property: string | null, message: string | undefined): string {
  const text = (message ?? '').replace(/['"]/g, '"').replace(/NOT/g, 'not');
  return property === null ? text : `"${property}" property ${text}`;
}

/**
 * Example validation without compiling the schema, for the schemas real specs write. Compiling a schema with ajv
 * (code generation and `new Function`) was most of the cost of example validation, and the findings only need
 * ajv's first error. This interprets the keywords listed in `example-quick-support.ts` in ajv's own order and
 * answers what ajv compiled with the options of example validation answers: `true`, or ajv's first error
 * (`instancePath`, `keyword`, `params`, `message`, `parentSchema`). Where it cannot be certain it answers
 * `undefined`, and ajv decides. A test holds it to ajv on a grid of schemas and values.
 */
import {
  isQuickCheckable,
  patternOf,
  type QuickCheckContext,
  TYPE_GROUPS,
  type TypeGroup,
  usesGroup,
} from './example-quick-support.js';
import { isObject } from './values.js';

export { compileErrorOf, isQuickCheckable, type QuickCheckContext } from './example-quick-support.js';

/** ajv's error object, as far as example validation reads it. */
export interface ExampleError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
  parentSchema: Record<string, unknown>;
}

/** `true` (valid), the first error ajv reports, or `undefined` when only ajv can tell. */
export type QuickAnswer = true | ExampleError | undefined;

/** A value (or schema) this check does not decide on: thrown to the top, where it becomes `undefined`. */
class Unsure extends Error {}

const UNSURE = new Unsure();

type Schema = Record<string, unknown>;
type Segment = string | number;

/** How a format is registered in ajv (ajv-formats): a RegExp, a function, or an object with `validate`. */
type FormatDefinition =
  | true
  | RegExp
  | ((value: string) => boolean)
  | { type?: string; async?: boolean; validate: RegExp | ((value: never) => boolean) };

/**
 * What ajv, compiled from `schema` with the options of example validation, answers for `value`: `true`, its first
 * error, or `undefined` when that is not certain. Never throws: a value nested deeper than the stack allows is
 * `undefined` too.
 */
export function quickValidate(schema: unknown, value: unknown, context: QuickCheckContext): QuickAnswer {
  if (!isQuickCheckable(schema, context)) return undefined;
  try {
    return firstError(schema as Schema, value, [], context) ?? true;
  } catch (error) {
    if (error instanceof Unsure || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** `true` when ajv accepts `value`; `undefined` otherwise or when not certain. */
export function quickAccepts(schema: unknown, value: unknown, context: QuickCheckContext): true | undefined {
  return quickValidate(schema, value, context) === true ? true : undefined;
}

/**
 * ajv's first error for a supported schema node, or undefined when the value is valid. Without `allErrors`, ajv
 * stops at the first error outside combinators; inside them it goes on, but the first error it collected stays
 * first, so following its order of keywords is enough.
 */
function firstError(
  schema: Schema,
  value: unknown,
  path: Segment[],
  context: QuickCheckContext,
): ExampleError | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) throw UNSURE;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const prototype = Object.getPrototypeOf(value);
    if ((prototype !== Object.prototype && prototype !== null) || Object.hasOwn(value, '__proto__'))
      throw UNSURE;
  }
  const reference = schema.$ref;
  const keywordCount = Object.keys(schema).length;
  // A lone `$ref` is all ajv evaluates; with siblings it is one keyword among them, in its place below.
  if (typeof reference === 'string' && keywordCount === 1)
    return firstError(component(reference, context), value, path, context);
  const types = typesOf(schema);
  // ajv checks a single type inside the keywords of that type when the schema has some, otherwise up front.
  const typesUpFront = types.length > 0 && !(types.length === 1 && usesGroup(schema, types[0] as string));
  if (typesUpFront && !types.some((type) => hasType(value, type))) return typeError(schema, path);
  if (typeof reference === 'string') {
    const error = firstError(component(reference, context), value, path, context);
    if (error) return error;
  }
  const error = untypedKeywordsError(schema, value, path, context);
  if (error) return error;
  for (const group of TYPE_GROUPS) {
    if (!usesGroup(schema, group)) continue;
    if (inGroup(value, group)) {
      const groupError = groupKeywordsError(group, schema, value, path, context);
      if (groupError) return groupError;
    } else if (!typesUpFront && types.length === 1 && types[0] === group) {
      return typeError(schema, path);
    }
  }
  return undefined;
}

function component(id: string, context: QuickCheckContext): Schema {
  const target = context.component(id);
  if (!isObject(target)) throw UNSURE;
  return target;
}

function typesOf(schema: Schema): string[] {
  const { type } = schema;
  const types = type === undefined ? [] : Array.isArray(type) ? [...(type as string[])] : [type as string];
  if (schema.nullable === true && !types.includes('null')) types.push('null');
  return types;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    default:
      return typeof value === type;
  }
}

function inGroup(value: unknown, group: TypeGroup): boolean {
  return group === 'array'
    ? Array.isArray(value)
    : group === 'object'
      ? isObject(value)
      : typeof value === group;
}

function instancePath(path: Segment[]): string {
  let text = '';
  for (const segment of path) text += `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return text;
}

function fail(
  keyword: string,
  params: Record<string, unknown>,
  message: string,
  schema: Schema,
  path: Segment[],
): ExampleError {
  return { instancePath: instancePath(path), keyword, params, message, parentSchema: schema };
}

function typeError(schema: Schema, path: Segment[]): ExampleError {
  // Worded with `type` as written: `nullable`'s null is not in it.
  return fail('type', { type: schema.type }, `must be ${String(schema.type)}`, schema, path);
}

/** The keywords ajv runs for every type, in its order: `const`, `enum`, `not`, `anyOf`, `oneOf`, `allOf`. */
function untypedKeywordsError(
  schema: Schema,
  value: unknown,
  path: Segment[],
  context: QuickCheckContext,
): ExampleError | undefined {
  if ('const' in schema && !equal(value, schema.const))
    return fail('const', { allowedValue: schema.const }, 'must be equal to constant', schema, path);
  if (schema.enum !== undefined && !(schema.enum as unknown[]).some((item) => equal(value, item))) {
    return fail(
      'enum',
      { allowedValues: schema.enum },
      'must be equal to one of the allowed values',
      schema,
      path,
    );
  }
  if (schema.not !== undefined && !firstError(schema.not as Schema, value, path, context))
    return fail('not', {}, 'must NOT be valid', schema, path);
  if (schema.anyOf !== undefined) {
    let first: ExampleError | undefined;
    let valid = false;
    for (const part of schema.anyOf as Schema[]) {
      const error = firstError(part, value, path, context);
      if (!error) {
        valid = true;
        break;
      }
      first ??= error;
    }
    if (!valid) return first ?? fail('anyOf', {}, 'must match a schema in anyOf', schema, path);
  }
  if (schema.oneOf !== undefined) {
    // ajv stops at the second alternative that passes, and names both.
    let first: ExampleError | undefined;
    let passing: number | number[] | null = null;
    const parts = schema.oneOf as Schema[];
    for (let index = 0; index < parts.length; index++) {
      const error = firstError(parts[index] as Schema, value, path, context);
      if (error) {
        first ??= error;
      } else if (passing === null) {
        passing = index;
      } else {
        passing = [passing as number, index];
        break;
      }
    }
    if (typeof passing !== 'number') {
      return (
        first ??
        fail('oneOf', { passingSchemas: passing }, 'must match exactly one schema in oneOf', schema, path)
      );
    }
  }
  if (schema.allOf !== undefined) {
    for (const part of schema.allOf as Schema[]) {
      const error = firstError(part, value, path, context);
      if (error) return error;
    }
  }
  return undefined;
}

function groupKeywordsError(
  group: TypeGroup,
  schema: Schema,
  value: unknown,
  path: Segment[],
  context: QuickCheckContext,
): ExampleError | undefined {
  switch (group) {
    case 'number':
      return numberError(schema, value as number, path, context);
    case 'string':
      return stringError(schema, value as string, path, context);
    case 'array':
      return arrayError(schema, value as unknown[], path, context);
    case 'object':
      return objectError(schema, value as Record<string, unknown>, path, context);
  }
}

/** ajv's `maximum`, `minimum`, `exclusiveMaximum`, `exclusiveMinimum` (both dialects), `multipleOf`, `format`. */
function numberError(
  schema: Schema,
  value: number,
  path: Segment[],
  context: QuickCheckContext,
): ExampleError | undefined {
  const limit = (keyword: string, comparison: string, ok: boolean) =>
    ok
      ? undefined
      : fail(
          keyword,
          { comparison, limit: schema[keyword] },
          `must be ${comparison} ${String(schema[keyword])}`,
          schema,
          path,
        );
  const { maximum, minimum, exclusiveMaximum, exclusiveMinimum, multipleOf } = schema;
  let error: ExampleError | undefined;
  if (context.dialect2020) {
    if (maximum !== undefined) error ??= limit('maximum', '<=', value <= (maximum as number));
    if (minimum !== undefined) error ??= limit('minimum', '>=', value >= (minimum as number));
    if (exclusiveMaximum !== undefined)
      error ??= limit('exclusiveMaximum', '<', value < (exclusiveMaximum as number));
    if (exclusiveMinimum !== undefined)
      error ??= limit('exclusiveMinimum', '>', value > (exclusiveMinimum as number));
  } else {
    // Draft 4: the exclusive keywords are booleans that sharpen `minimum`/`maximum`.
    if (maximum !== undefined) {
      error ??=
        exclusiveMaximum === true
          ? limit('maximum', '<', value < (maximum as number))
          : limit('maximum', '<=', value <= (maximum as number));
    }
    if (minimum !== undefined) {
      error ??=
        exclusiveMinimum === true
          ? limit('minimum', '>', value > (minimum as number))
          : limit('minimum', '>=', value >= (minimum as number));
    }
  }
  if (error) return error;
  if (multipleOf !== undefined) {
    // ajv's test, parseInt of the quotient's text included.
    const quotient = value / (multipleOf as number);
    if (quotient !== Number.parseInt(String(quotient), 10)) {
      return fail('multipleOf', { multipleOf }, `must be multiple of ${String(multipleOf)}`, schema, path);
    }
  }
  return formatError('number', schema, value, path, context);
}

function stringError(
  schema: Schema,
  value: string,
  path: Segment[],
  context: QuickCheckContext,
): ExampleError | undefined {
  const { maxLength, minLength, pattern } = schema;
  if (maxLength !== undefined || minLength !== undefined) {
    // ajv counts code points.
    let length = 0;
    for (const _ of value) length++;
    if (maxLength !== undefined && length > (maxLength as number)) {
      const message = `must NOT have more than ${String(maxLength)} characters`;
      return fail('maxLength', { limit: maxLength }, message, schema, path);
    }
    if (minLength !== undefined && length < (minLength as number)) {
      const message = `must NOT have fewer than ${String(minLength)} characters`;
      return fail('minLength', { limit: minLength }, message, schema, path);
    }
  }
  if (pattern !== undefined && !(patternOf(pattern as string) as RegExp).test(value))
    return fail('pattern', { pattern }, `must match pattern "${pattern as string}"`, schema, path);
  return formatError('string', schema, value, path, context);
}

/** A format ajv knows, applied to the values of its type; formats it does not know are ignored (`strict: false`). */
function formatError(
  type: 'number' | 'string',
  schema: Schema,
  value: number | string,
  path: Segment[],
  context: QuickCheckContext,
): ExampleError | undefined {
  const format = schema.format as string | undefined;
  if (format === undefined || !Object.hasOwn(context.formats, format)) return undefined;
  const definition = context.formats[format] as FormatDefinition;
  if (definition === true) return undefined;
  let check: RegExp | ((value: never) => boolean);
  if (definition instanceof RegExp || typeof definition === 'function') {
    if (type !== 'string') return undefined;
    check = definition;
  } else {
    if ((definition.type ?? 'string') !== type) return undefined;
    if (definition.async) throw UNSURE;
    check = definition.validate;
  }
  const valid =
    check instanceof RegExp ? check.test(value as string) : (check as (value: unknown) => boolean)(value);
  return valid ? undefined : fail('format', { format }, `must match format "${format}"`, schema, path);
}

function arrayError(
  schema: Schema,
  value: unknown[],
  path: Segment[],
  context: QuickCheckContext,
): ExampleError | undefined {
  const { maxItems, minItems, items } = schema;
  if (maxItems !== undefined && value.length > (maxItems as number)) {
    const message = `must NOT have more than ${String(maxItems)} items`;
    return fail('maxItems', { limit: maxItems }, message, schema, path);
  }
  if (minItems !== undefined && value.length < (minItems as number)) {
    const message = `must NOT have fewer than ${String(minItems)} items`;
    return fail('minItems', { limit: minItems }, message, schema, path);
  }
  if (items === undefined) return undefined;
  for (let index = 0; index < value.length; index++) {
    path.push(index);
    const error = firstError(items as Schema, value[index], path, context);
    path.pop();
    if (error) return error;
  }
  return undefined;
}

/** ajv's order: `maxProperties`, `minProperties`, `required`, `additionalProperties`, then `properties`. */
function objectError(
  schema: Schema,
  value: Record<string, unknown>,
  path: Segment[],
  context: QuickCheckContext,
): ExampleError | undefined {
  const { maxProperties, minProperties, required, additionalProperties } = schema;
  if (maxProperties !== undefined || minProperties !== undefined) {
    const count = Object.keys(value).length;
    if (maxProperties !== undefined && count > (maxProperties as number)) {
      const message = `must NOT have more than ${String(maxProperties)} properties`;
      return fail('maxProperties', { limit: maxProperties }, message, schema, path);
    }
    if (minProperties !== undefined && count < (minProperties as number)) {
      const message = `must NOT have fewer than ${String(minProperties)} properties`;
      return fail('minProperties', { limit: minProperties }, message, schema, path);
    }
  }
  if (required !== undefined) {
    for (const name of required as string[]) {
      if (value[name] === undefined) {
        const message = `must have required property '${name}'`;
        return fail('required', { missingProperty: name }, message, schema, path);
      }
    }
  }
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  if (additionalProperties !== undefined && additionalProperties !== true) {
    for (const name of Object.keys(value)) {
      if (Object.hasOwn(properties, name)) continue;
      if (additionalProperties === false) {
        const message = 'must NOT have additional properties';
        return fail('additionalProperties', { additionalProperty: name }, message, schema, path);
      }
      path.push(name);
      const error = firstError(additionalProperties as Schema, value[name], path, context);
      path.pop();
      if (error) return error;
    }
  }
  for (const name of Object.keys(properties)) {
    if (value[name] === undefined || !isObject(properties[name])) continue;
    path.push(name);
    const error = firstError(properties[name] as Schema, value[name], path, context);
    path.pop();
    if (error) return error;
  }
  return undefined;
}

/** JSON equality as ajv's `enum` and `const` test it, for the values this check decides on. */
function equal(value: unknown, allowed: unknown): boolean {
  if (value === allowed) return true;
  // Structured values compare deeply in ajv, with rules for prototypes this check does not repeat.
  if (typeof allowed === 'object' && allowed !== null) throw UNSURE;
  return false;
}

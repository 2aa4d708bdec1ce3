/**
 * A check that accepts an example without compiling its schema, for the common case. Compiling a schema with ajv
 * is most of the cost of example validation (a quarter of a run on Twilio's and DigitalOcean's specs), and nearly
 * every example is valid. This interprets the keywords real schemas use and answers `true` only when ajv would
 * accept the value too; anything else (an invalid value, a keyword or a value it does not handle) is `undefined`,
 * and ajv decides, so that findings and their messages stay ajv's.
 */
import { isObject } from './values.js';

/** How a format is registered in ajv (ajv-formats): a RegExp, a function, or an object with `validate`. */
type FormatDefinition =
  | RegExp
  | ((value: string) => boolean)
  | { type?: string; async?: boolean; validate: RegExp | ((value: never) => boolean) };

export interface QuickCheckContext {
  /** The converted schema a `$ref` names (by its id in the ajv instance). */
  component(id: string): object | undefined;
  formats: Readonly<Record<string, unknown>>;
  /** JSON Schema 2020-12 (OpenAPI 3.1) rather than draft 4: `exclusiveMaximum` is a number there. */
  dialect2020: boolean;
}

type Answer = true | undefined;

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** Keywords this check understands; a schema with any other is left to ajv. */
const KNOWN = new Set([
  'type',
  'nullable',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'allOf',
  'anyOf',
  'oneOf',
  '$ref',
]);

const patterns = new Map<string, RegExp | null>();

function patternOf(source: string): RegExp | null {
  let pattern = patterns.get(source);
  if (pattern === undefined) {
    try {
      // As ajv builds it with `unicodeRegExp: false`.
      pattern = new RegExp(source);
    } catch {
      pattern = null;
    }
    patterns.set(source, pattern);
  }
  return pattern;
}

/**
 * `true` when ajv, compiled from `schema` with the options of example validation, accepts `value`; `undefined`
 * when that is not certain. Never throws: a value nested deeper than the stack allows is `undefined` too.
 */
export function quickAccepts(schema: unknown, value: unknown, context: QuickCheckContext): Answer {
  if (!supported(schema, context)) return undefined;
  try {
    return accepts(schema, value, context);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function accepts(schema: unknown, value: unknown, context: QuickCheckContext): Answer {
  if (!isObject(schema)) return undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  for (const keyword of Object.keys(schema)) if (!KNOWN.has(keyword)) return undefined;
  if (typeof schema.$ref === 'string') {
    // Alone in converted schemas; with siblings, draft 4 and 2020 differ.
    if (Object.keys(schema).length !== 1) return undefined;
    return accepts(context.component(schema.$ref), value, context);
  }
  if (typeOk(schema, value) !== true) return undefined;
  if (schema.enum !== undefined && enumOk(schema.enum, value) !== true) return undefined;
  if (typeof value === 'string' && stringOk(schema, value) !== true) return undefined;
  if (typeof value === 'number' && numberOk(schema, value, context) !== true) return undefined;
  if (schema.format !== undefined && formatOk(schema.format, value, context) !== true) return undefined;
  if (Array.isArray(value) && arrayOk(schema, value, context) !== true) return undefined;
  if (isObject(value) && objectOk(schema, value, context) !== true) return undefined;
  // Keywords about other types must still be well formed, or ajv would refuse the schema.
  if (!wellFormed(schema)) return undefined;
  return combinatorsOk(schema, value, context);
}

function typeOk(schema: Record<string, unknown>, value: unknown): Answer {
  const { type, nullable } = schema;
  if (nullable !== undefined && (typeof nullable !== 'boolean' || (nullable && type === undefined))) {
    return undefined;
  }
  if (type === undefined) return true;
  const types = Array.isArray(type) ? type : [type];
  if (types.length === 0 || !types.every((item) => typeof item === 'string' && TYPES.has(item)))
    return undefined;
  if (value === null && nullable === true) return true;
  return types.some((item) => hasType(value, item as string)) ? true : undefined;
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

function enumOk(list: unknown, value: unknown): Answer {
  if (!Array.isArray(list)) return undefined;
  const scalar = (item: unknown) => item === null || ['string', 'number', 'boolean'].includes(typeof item);
  if (!scalar(value) || !list.every(scalar)) return undefined;
  return list.includes(value) ? true : undefined;
}

const isCount = (bound: unknown): bound is number => typeof bound === 'number' && Number.isInteger(bound);

function stringOk(schema: Record<string, unknown>, value: string): Answer {
  const { minLength, maxLength, pattern } = schema;
  if (minLength !== undefined || maxLength !== undefined) {
    // ajv counts code points.
    let length = 0;
    for (const _ of value) length++;
    if (minLength !== undefined && !(isCount(minLength) && length >= minLength)) return undefined;
    if (maxLength !== undefined && !(isCount(maxLength) && length <= maxLength)) return undefined;
  }
  if (pattern !== undefined) {
    const expression = typeof pattern === 'string' ? patternOf(pattern) : null;
    if (!expression?.test(value)) return undefined;
  }
  return true;
}

function numberOk(schema: Record<string, unknown>, value: number, context: QuickCheckContext): Answer {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
  const isNumber = (bound: unknown): bound is number => typeof bound === 'number' && Number.isFinite(bound);
  if (context.dialect2020) {
    if (minimum !== undefined && !(isNumber(minimum) && value >= minimum)) return undefined;
    if (maximum !== undefined && !(isNumber(maximum) && value <= maximum)) return undefined;
    if (exclusiveMinimum !== undefined && !(isNumber(exclusiveMinimum) && value > exclusiveMinimum))
      return undefined;
    if (exclusiveMaximum !== undefined && !(isNumber(exclusiveMaximum) && value < exclusiveMaximum))
      return undefined;
    return true;
  }
  // Draft 4: the exclusive keywords are booleans that sharpen `minimum`/`maximum`.
  if (exclusiveMinimum !== undefined && typeof exclusiveMinimum !== 'boolean') return undefined;
  if (exclusiveMaximum !== undefined && typeof exclusiveMaximum !== 'boolean') return undefined;
  if (minimum !== undefined) {
    if (!isNumber(minimum)) return undefined;
    if (exclusiveMinimum === true ? value <= minimum : value < minimum) return undefined;
  }
  if (maximum !== undefined) {
    if (!isNumber(maximum)) return undefined;
    if (exclusiveMaximum === true ? value >= maximum : value > maximum) return undefined;
  }
  return true;
}

function formatOk(format: unknown, value: unknown, context: QuickCheckContext): Answer {
  if (typeof format !== 'string') return undefined;
  // ajv with `strict: false` ignores a format it does not know (`phone-number`, `sid<CA>`).
  if (!Object.hasOwn(context.formats, format)) return true;
  const definition = context.formats[format] as FormatDefinition | undefined;
  if (definition instanceof RegExp)
    return typeof value !== 'string' || definition.test(value) ? true : undefined;
  if (typeof definition === 'function')
    return typeof value !== 'string' || definition(value) ? true : undefined;
  if (!isObject(definition) || definition.async) return undefined;
  const type = definition.type ?? 'string';
  if (typeof value !== type) return true;
  const check = definition.validate;
  if (check instanceof RegExp) return check.test(value as string) ? true : undefined;
  return typeof check === 'function' && (check as (value: unknown) => boolean)(value) ? true : undefined;
}

function arrayOk(schema: Record<string, unknown>, value: unknown[], context: QuickCheckContext): Answer {
  const { minItems, maxItems, items } = schema;
  if (minItems !== undefined && !(isCount(minItems) && value.length >= minItems)) return undefined;
  if (maxItems !== undefined && !(isCount(maxItems) && value.length <= maxItems)) return undefined;
  if (items === undefined) return true;
  if (!isObject(items)) return undefined;
  for (const item of value) if (accepts(items, item, context) !== true) return undefined;
  return true;
}

/** Names every object has through its prototype: ajv's `data.name !== undefined` sees them, an own-key check not. */
const inherited = (name: string) => name in Object.prototype;

function objectOk(
  schema: Record<string, unknown>,
  value: Record<string, unknown>,
  context: QuickCheckContext,
): Answer {
  const { properties, required, additionalProperties, minProperties, maxProperties } = schema;
  if (minProperties !== undefined || maxProperties !== undefined) {
    const count = Object.keys(value).length;
    if (minProperties !== undefined && !(isCount(minProperties) && count >= minProperties)) return undefined;
    if (maxProperties !== undefined && !(isCount(maxProperties) && count <= maxProperties)) return undefined;
  }
  if (required !== undefined) {
    if (!Array.isArray(required)) return undefined;
    for (const name of required) {
      if (typeof name !== 'string' || inherited(name) || !Object.hasOwn(value, name)) return undefined;
    }
  }
  if (properties !== undefined && !isObject(properties)) return undefined;
  const declared = (properties ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(declared)) {
    if (inherited(name)) return undefined;
    if (Object.hasOwn(value, name) && accepts(declared[name], value[name], context) !== true)
      return undefined;
  }
  if (additionalProperties === undefined || additionalProperties === true) return true;
  for (const name of Object.keys(value)) {
    if (Object.hasOwn(declared, name)) continue;
    if (additionalProperties === false) return undefined;
    if (accepts(additionalProperties, value[name], context) !== true) return undefined;
  }
  return true;
}

/** Keywords that did not apply to this value's type must still be of the right kind for ajv to compile them. */
function wellFormed(schema: Record<string, unknown>): boolean {
  const { pattern, properties, items, additionalProperties, required } = schema;
  for (const keyword of [
    'minLength',
    'maxLength',
    'minItems',
    'maxItems',
    'minProperties',
    'maxProperties',
  ]) {
    if (schema[keyword] !== undefined && !isCount(schema[keyword])) return false;
  }
  for (const keyword of ['minimum', 'maximum']) {
    if (schema[keyword] !== undefined && typeof schema[keyword] !== 'number') return false;
  }
  if (pattern !== undefined && (typeof pattern !== 'string' || !patternOf(pattern))) return false;
  if (properties !== undefined && (!isObject(properties) || !Object.values(properties).every(isObject)))
    return false;
  if (items !== undefined && !isObject(items)) return false;
  if (
    additionalProperties !== undefined &&
    typeof additionalProperties !== 'boolean' &&
    !isObject(additionalProperties)
  )
    return false;
  if (
    required !== undefined &&
    !(Array.isArray(required) && required.every((name) => typeof name === 'string'))
  )
    return false;
  if (schema.enum !== undefined && !(Array.isArray(schema.enum) && schema.enum.length > 0)) return false;
  return true;
}

function combinatorsOk(schema: Record<string, unknown>, value: unknown, context: QuickCheckContext): Answer {
  const { allOf, anyOf, oneOf } = schema;
  for (const list of [allOf, anyOf, oneOf]) {
    if (list !== undefined && (!Array.isArray(list) || list.length === 0 || !list.every(isObject)))
      return undefined;
  }
  if (allOf)
    for (const part of allOf as unknown[]) if (accepts(part, value, context) !== true) return undefined;
  if (anyOf && !(anyOf as unknown[]).some((part) => accepts(part, value, context) === true)) return undefined;
  // Exactly one alternative: only certain when every other one is certainly rejected, which this check cannot say.
  if (oneOf)
    return (oneOf as unknown[]).length === 1 ? accepts((oneOf as unknown[])[0], value, context) : undefined;
  return true;
}

// Per converted schema object: each belongs to the schemas of one document, so to one dialect.
const supportedTrees = new WeakMap<object, boolean>();

/** Whether the quick check may answer for this converted schema at all. */
export function isQuickCheckable(schema: unknown, context: QuickCheckContext): boolean {
  return supported(schema, context);
}

/**
 * Whether every node of a converted schema (through its components) is one this check understands and ajv
 * compiles: only then may an example be accepted without compiling, since ajv reports a schema it cannot compile
 * at every example, even where the example does not reach the bad node. Memoized per node.
 */
function supported(schema: unknown, context: QuickCheckContext, depth = 0): boolean {
  if (!isObject(schema) || depth > 200) return false;
  const known = supportedTrees.get(schema);
  if (known !== undefined) return known;
  const result = supportedNode(schema, context, depth);
  supportedTrees.set(schema, result);
  return result;
}

function supportedNode(schema: Record<string, unknown>, context: QuickCheckContext, depth: number): boolean {
  const keys = Object.keys(schema);
  if (!keys.every((keyword) => KNOWN.has(keyword)) || !wellFormed(schema)) return false;
  if (schema.$ref !== undefined) {
    return (
      typeof schema.$ref === 'string' &&
      keys.length === 1 &&
      supported(context.component(schema.$ref), context, depth + 1)
    );
  }
  const { type, nullable, format, properties, items, additionalProperties } = schema;
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    if (types.length === 0 || !types.every((item) => typeof item === 'string' && TYPES.has(item)))
      return false;
  }
  if (nullable !== undefined && (typeof nullable !== 'boolean' || (nullable && type === undefined)))
    return false;
  if (format !== undefined && typeof format !== 'string') return false;
  if (
    typeof schema.exclusiveMinimum !== (context.dialect2020 ? 'number' : 'boolean') &&
    schema.exclusiveMinimum !== undefined
  )
    return false;
  if (
    typeof schema.exclusiveMaximum !== (context.dialect2020 ? 'number' : 'boolean') &&
    schema.exclusiveMaximum !== undefined
  )
    return false;
  const children: unknown[] = [];
  if (isObject(properties)) children.push(...Object.values(properties));
  if (items !== undefined) children.push(items);
  if (isObject(additionalProperties)) children.push(additionalProperties);
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[keyword];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0) return false;
    children.push(...list);
  }
  return children.every((child) => supported(child, context, depth + 1));
}

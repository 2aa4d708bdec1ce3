/**
 * Which converted schemas the quick check of examples (`example-quick-check.ts`) may answer for: those made only
 * of keywords it interprets, each well formed, so that ajv would compile them. ajv reports a schema it cannot
 * compile at every example, even where the example never reaches the bad node, so a whole tree (through its
 * `$ref`s) is supported or not.
 */
import { isObject } from './values.js';

export interface QuickCheckContext {
  /** The converted schema a `$ref` names (by its id in the ajv instance). */
  component(id: string): object | undefined;
  /** The formats ajv validates with (ajv-formats' full set), by name. */
  formats: Readonly<Record<string, unknown>>;
  /** JSON Schema 2020-12 (OpenAPI 3.1) rather than draft 4: `exclusiveMaximum` is a number there. */
  dialect2020: boolean;
}

/** ajv's groups of keywords that apply to one type of value only, in the order it runs them. */
export const TYPE_GROUPS = ['number', 'string', 'array', 'object'] as const;
export type TypeGroup = (typeof TYPE_GROUPS)[number];

/** The keywords of each group that the quick check interprets (`format` is in two groups, as in ajv). */
const GROUP_KEYWORDS: Record<TypeGroup, readonly string[]> = {
  number: ['maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'multipleOf', 'format'],
  string: ['maxLength', 'minLength', 'pattern', 'format'],
  array: ['maxItems', 'minItems', 'items'],
  object: ['maxProperties', 'minProperties', 'required', 'additionalProperties', 'properties'],
};

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** Keywords the quick check interprets; a schema with any other is left to ajv. */
const KNOWN = new Set([
  '$ref',
  'type',
  'nullable',
  'const',
  'enum',
  'not',
  'anyOf',
  'oneOf',
  'allOf',
  ...Object.values(GROUP_KEYWORDS).flat(),
]);

/** Whether a schema has keywords of a group, so that ajv runs the group (and checks a lone `type` there). */
export function usesGroup(schema: Record<string, unknown>, group: string): boolean {
  return GROUP_KEYWORDS[group as TypeGroup]?.some((keyword) => schema[keyword] !== undefined) ?? false;
}

export const isCount = (bound: unknown): bound is number =>
  typeof bound === 'number' && Number.isInteger(bound) && bound >= 0;

const isNumber = (bound: unknown): bound is number => typeof bound === 'number' && Number.isFinite(bound);

/**
 * Names every object has through its prototype: ajv tests presence with `data[name] !== undefined`, which sees
 * them; leaving such schemas to ajv keeps the check simple.
 */
const inheritedName = (name: string) => name in Object.prototype;

const patterns = new Map<string, RegExp | null>();

/** A `pattern` as ajv builds it with `unicodeRegExp: false`, or null when it does not compile. */
export function patternOf(source: string): RegExp | null {
  let pattern = patterns.get(source);
  if (pattern === undefined) {
    try {
      pattern = new RegExp(source);
    } catch {
      pattern = null;
    }
    patterns.set(source, pattern);
  }
  return pattern;
}

/** The message ajv refuses a schema with when a node has `nullable` but no `type` (common in OpenAPI 3.0 specs). */
export const NULLABLE_WITHOUT_TYPE = '"nullable" cannot be used without "type"';

/**
 * What ajv makes of a converted schema tree: `true`, it compiles and the quick check understands it; a message,
 * ajv certainly refuses to compile it with that message; `false`, only ajv can tell.
 */
type TreeVerdict = boolean | string;

// Per converted schema object: each belongs to the schemas of one document, so to one dialect.
const verdicts = new WeakMap<object, TreeVerdict>();

/** Whether the quick check may answer for this converted schema at all. */
export function isQuickCheckable(schema: unknown, context: QuickCheckContext): boolean {
  return verdictOf(schema, context) === true;
}

/**
 * The message ajv certainly fails to compile this converted schema with, if it does. Only `nullable` without
 * `type` is told without ajv: when it is the only fault of a tree the quick check understands, ajv meets it
 * wherever it generates code first, and no other fault can be met before.
 */
export function compileErrorOf(schema: unknown, context: QuickCheckContext): string | undefined {
  const verdict = verdictOf(schema, context);
  return typeof verdict === 'string' ? verdict : undefined;
}

/** Memoized per node; converted schemas have no `$ref` cycles (conversion refuses them). */
function verdictOf(schema: unknown, context: QuickCheckContext, depth = 0): TreeVerdict {
  if (!isObject(schema) || depth > 200) return false;
  const known = verdicts.get(schema);
  if (known !== undefined) return known;
  const children: unknown[] = [];
  let verdict: TreeVerdict = wellFormed(schema, context, children);
  if (verdict !== false) {
    // ajv generates no code for an `anyOf` one of whose alternatives accepts everything (`{}`).
    const anyOf = schema.anyOf;
    const skipped = new Set(Array.isArray(anyOf) && anyOf.some(isEmptySchema) ? anyOf : []);
    for (const child of children) {
      const childVerdict = verdictOf(child, context, depth + 1);
      if (childVerdict === false || (typeof childVerdict === 'string' && skipped.has(child))) {
        verdict = false;
        break;
      }
      if (typeof childVerdict === 'string') verdict = childVerdict;
    }
  }
  verdicts.set(schema, verdict);
  return verdict;
}

const isEmptySchema = (schema: unknown) => isObject(schema) && Object.keys(schema).length === 0;

/**
 * The checks of one node: `true` when ajv compiles it, `NULLABLE_WITHOUT_TYPE` when that is its only fault,
 * `false` otherwise. Its subschemas (and `$ref` target) are added to `children`.
 */
function wellFormed(
  schema: Record<string, unknown>,
  context: QuickCheckContext,
  children: unknown[],
): TreeVerdict {
  for (const keyword of Object.keys(schema)) if (!KNOWN.has(keyword)) return false;
  const { $ref, type, nullable, format, pattern, properties, required, additionalProperties, items } = schema;
  if ($ref !== undefined) {
    if (typeof $ref !== 'string') return false;
    children.push(context.component($ref));
  }
  const types = type === undefined ? [] : Array.isArray(type) ? type : [type];
  if (type !== undefined && (types.length === 0 || !types.every((item) => TYPES.has(item as string))))
    return false;
  // ajv refuses `nullable` without `type` (told below), and `nullable: false` with a `null` type.
  if (nullable !== undefined && typeof nullable !== 'boolean') return false;
  if (nullable === false && types.includes('null')) return false;
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
    if (schema[keyword] !== undefined && !isNumber(schema[keyword])) return false;
  }
  for (const [exclusive, limit] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    const value = schema[exclusive];
    if (value === undefined) continue;
    // Draft 4's boolean form needs its limit, or ajv refuses the schema.
    if (context.dialect2020 ? !isNumber(value) : typeof value !== 'boolean' || schema[limit] === undefined)
      return false;
  }
  if (schema.multipleOf !== undefined && !(isNumber(schema.multipleOf) && schema.multipleOf > 0))
    return false;
  if (schema.enum !== undefined && !(Array.isArray(schema.enum) && schema.enum.length > 0)) return false;
  if (format !== undefined && typeof format !== 'string') return false;
  if (pattern !== undefined && (typeof pattern !== 'string' || !patternOf(pattern))) return false;
  if (properties !== undefined) {
    if (!isObject(properties)) return false;
    for (const name of Object.keys(properties)) {
      const property = properties[name];
      if (inheritedName(name)) return false;
      // ajv takes a string or a number there (a `$ref` misplaced as a property) for a schema that accepts all.
      if (typeof property === 'string' || typeof property === 'number') continue;
      if (!isObject(property)) return false;
      children.push(property);
    }
  }
  if (required !== undefined) {
    if (!Array.isArray(required)) return false;
    for (const name of required) if (typeof name !== 'string' || inheritedName(name)) return false;
  }
  if (additionalProperties !== undefined && typeof additionalProperties !== 'boolean') {
    if (!isObject(additionalProperties)) return false;
    children.push(additionalProperties);
  }
  if (items !== undefined) {
    if (!isObject(items)) return false;
    children.push(items);
  }
  if (schema.not !== undefined) {
    if (!isObject(schema.not)) return false;
    children.push(schema.not);
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[keyword];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0) return false;
    children.push(...list);
  }
  return nullable !== undefined && type === undefined ? NULLABLE_WITHOUT_TYPE : true;
}

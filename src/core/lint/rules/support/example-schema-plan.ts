/**
 * The quick check of examples (`example-quick-check.ts`) runs over plans: one per converted schema node, built
 * once, holding what ajv's generated code would test, in ajv's order, with formats and patterns looked up. A
 * schema gets a plan only when every node of its tree (through `$ref`s) is made of keywords the quick check
 * interprets, each well formed so that ajv would compile it: ajv reports a schema it cannot compile at every
 * example, even where the example never reaches the bad node.
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

export type Schema = Record<string, unknown>;

/** ajv's groups of keywords that apply to one type of value only, in the order it runs them. */
export const TYPE_GROUPS = ['number', 'string', 'array', 'object'] as const;
export type TypeGroup = (typeof TYPE_GROUPS)[number];

/** A number limit as ajv words it: `must be <= 10`. */
export interface Limit {
  keyword: string;
  comparison: '<=' | '>=' | '<' | '>';
  limit: number;
}

export type FormatCheck = (value: never) => boolean;

/** What ajv tests for one converted schema node, in its order. */
export interface Plan {
  /** The converted node: ajv's `parentSchema` of the errors it causes. */
  schema: Schema;
  /** A lone `$ref`: all ajv evaluates. */
  only?: Plan;
  /** `type` with `nullable`'s null; empty when there is none. */
  types: readonly string[];
  /** ajv checks the types before all keywords, unless one type is checked with the keywords of its group. */
  typesUpFront: boolean;
  reference?: Plan;
  hasConst: boolean;
  enum?: readonly unknown[];
  not?: Plan;
  anyOf?: readonly Plan[];
  oneOf?: readonly Plan[];
  allOf?: readonly Plan[];
  number?: { limits: Limit[]; multipleOf?: number; format?: FormatCheck };
  string?: { maxLength?: number; minLength?: number; pattern?: RegExp; format?: FormatCheck };
  array?: { maxItems?: number; minItems?: number; items?: Plan };
  object?: {
    maxProperties?: number;
    minProperties?: number;
    required?: readonly string[];
    /** `false`, or the plan of a schema; absent when any property is allowed. */
    additional?: false | Plan;
    /** The declared names (own keys), which `additionalProperties` leaves alone. */
    declared: Schema;
    /** Properties with a schema to check (ajv skips the others). */
    properties: readonly [string, Plan][];
  };
}

/** The message ajv refuses a schema with when a node has `nullable` but no `type` (common in OpenAPI 3.0 specs). */
export const NULLABLE_WITHOUT_TYPE = '"nullable" cannot be used without "type"';

/**
 * What ajv makes of a converted schema tree: a plan, it compiles and the quick check understands it; a message,
 * ajv certainly refuses to compile it with that message; `false`, only ajv can tell.
 */
type Verdict = Plan | string | false;

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** The keywords of each group that the quick check interprets (`format` is in two groups, as in ajv). */
const GROUP_OF: Record<string, TypeGroup> = {
  maximum: 'number',
  minimum: 'number',
  exclusiveMaximum: 'number',
  exclusiveMinimum: 'number',
  multipleOf: 'number',
  maxLength: 'string',
  minLength: 'string',
  pattern: 'string',
  maxItems: 'array',
  minItems: 'array',
  items: 'array',
  maxProperties: 'object',
  minProperties: 'object',
  required: 'object',
  additionalProperties: 'object',
  properties: 'object',
};

const UNTYPED = new Set([
  '$ref',
  'type',
  'nullable',
  'const',
  'enum',
  'not',
  'anyOf',
  'oneOf',
  'allOf',
  'format',
]);

const isCount = (bound: unknown): bound is number =>
  typeof bound === 'number' && Number.isInteger(bound) && bound >= 0;

const isNumber = (bound: unknown): bound is number => typeof bound === 'number' && Number.isFinite(bound);

/**
 * Names every object has through its prototype: ajv tests presence with `data[name] !== undefined`, which sees
 * them; leaving such schemas to ajv keeps the check simple.
 */
const inheritedName = (name: string) => name in Object.prototype;

const patterns = new Map<string, RegExp | null>();

/** A `pattern` as ajv builds it with `unicodeRegExp: false`, or null when it does not compile. */
function patternOf(source: string): RegExp | null {
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

// Per converted schema object: each belongs to the schemas of one document, so to one dialect.
const verdicts = new WeakMap<object, Verdict>();

/** The plan of a converted schema, when the quick check may answer for it. */
export function planOf(schema: unknown, context: QuickCheckContext): Plan | undefined {
  const verdict = verdictOf(schema, context, 0);
  return typeof verdict === 'object' ? verdict : undefined;
}

/** Whether the quick check may answer for this converted schema at all. */
export function isQuickCheckable(schema: unknown, context: QuickCheckContext): boolean {
  return planOf(schema, context) !== undefined;
}

/**
 * The message ajv certainly fails to compile this converted schema with, if it does. Only `nullable` without
 * `type` is told without ajv: when it is the only fault of a tree the quick check understands, ajv meets it
 * wherever it generates code first, and no other fault can be met before.
 */
export function compileErrorOf(schema: unknown, context: QuickCheckContext): string | undefined {
  const verdict = verdictOf(schema, context, 0);
  return typeof verdict === 'string' ? verdict : undefined;
}

/** Memoized per node; converted schemas have no `$ref` cycles (conversion refuses them). */
function verdictOf(schema: unknown, context: QuickCheckContext, depth: number): Verdict {
  if (!isObject(schema) || depth > 200) return false;
  const known = verdicts.get(schema);
  if (known !== undefined) return known;
  const verdict = new PlanBuilder(schema, context, depth).build();
  verdicts.set(schema, verdict);
  return verdict;
}

/** Builds the plan of one node; a fault anywhere below makes the verdict a message or `false`. */
class PlanBuilder {
  /** A message when a reached node below (or this one) has `nullable` without `type`. */
  private compileError: string | undefined;

  constructor(
    private readonly schema: Schema,
    private readonly context: QuickCheckContext,
    private readonly depth: number,
  ) {}

  /** A subschema's plan; `undefined` when ajv would refuse it (and the tree with it). */
  private child(schema: unknown, reached = true): Plan | undefined {
    const verdict = verdictOf(schema, this.context, this.depth + 1);
    if (typeof verdict === 'object') return verdict;
    if (typeof verdict === 'string' && reached) this.compileError = verdict;
    else this.failed = true;
    return undefined;
  }

  private failed = false;

  build(): Verdict {
    const { schema } = this;
    const groups = new Set<TypeGroup>();
    for (const keyword of Object.keys(schema)) {
      const group = GROUP_OF[keyword];
      if (group) groups.add(group);
      else if (!UNTYPED.has(keyword)) return false;
    }
    const { type, nullable } = schema;
    const written = type === undefined ? [] : Array.isArray(type) ? type : [type];
    if (type !== undefined && (written.length === 0 || !written.every((item) => TYPES.has(item as string))))
      return false;
    // ajv refuses `nullable` without `type` (a known message), and `nullable: false` with a `null` type.
    if (nullable !== undefined && typeof nullable !== 'boolean') return false;
    if (nullable === false && written.includes('null')) return false;
    if (nullable !== undefined && type === undefined) this.compileError = NULLABLE_WITHOUT_TYPE;
    const types = nullable === true && !written.includes('null') ? [...written, 'null'] : written;
    if (schema.format !== undefined) {
      if (typeof schema.format !== 'string') return false;
      groups.add('number');
      groups.add('string');
    }
    const plan: Plan = {
      schema,
      types: types as string[],
      typesUpFront: types.length > 0 && !(types.length === 1 && groups.has(types[0] as TypeGroup)),
      hasConst: 'const' in schema,
    };
    if (!this.untyped(plan) || !this.typed(plan, groups) || this.failed) return false;
    if (this.compileError !== undefined) return this.compileError;
    if (typeof schema.$ref === 'string' && Object.keys(schema).length === 1) plan.only = plan.reference;
    return plan;
  }

  private untyped(plan: Plan): boolean {
    const { schema } = this;
    if (schema.$ref !== undefined) {
      if (typeof schema.$ref !== 'string') return false;
      const target = this.child(this.context.component(schema.$ref));
      if (target) plan.reference = target;
    }
    if (schema.enum !== undefined) {
      if (!Array.isArray(schema.enum) || schema.enum.length === 0) return false;
      plan.enum = schema.enum;
    }
    if (schema.not !== undefined) {
      if (!isObject(schema.not)) return false;
      plan.not = this.child(schema.not);
    }
    for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
      const list = schema[keyword];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.length === 0) return false;
      // ajv generates no code for an `anyOf` one of whose alternatives accepts everything (`{}`).
      const reached =
        keyword !== 'anyOf' || !list.some((part) => isObject(part) && Object.keys(part).length === 0);
      plan[keyword] = list.map((part) => this.child(part, reached) as Plan);
    }
    return true;
  }

  private typed(plan: Plan, groups: Set<TypeGroup>): boolean {
    const { schema, context } = this;
    if (groups.has('number')) {
      const limits: Limit[] = [];
      for (const keyword of ['minimum', 'maximum'] as const) {
        if (schema[keyword] !== undefined && !isNumber(schema[keyword])) return false;
      }
      const { maximum, minimum, exclusiveMaximum, exclusiveMinimum, multipleOf } = schema;
      if (context.dialect2020) {
        if (exclusiveMaximum !== undefined && !isNumber(exclusiveMaximum)) return false;
        if (exclusiveMinimum !== undefined && !isNumber(exclusiveMinimum)) return false;
        if (maximum !== undefined)
          limits.push({ keyword: 'maximum', comparison: '<=', limit: maximum as number });
        if (minimum !== undefined)
          limits.push({ keyword: 'minimum', comparison: '>=', limit: minimum as number });
        if (exclusiveMaximum !== undefined)
          limits.push({ keyword: 'exclusiveMaximum', comparison: '<', limit: exclusiveMaximum });
        if (exclusiveMinimum !== undefined)
          limits.push({ keyword: 'exclusiveMinimum', comparison: '>', limit: exclusiveMinimum });
      } else {
        // Draft 4: the exclusive keywords are booleans that sharpen `minimum`/`maximum`, which they need.
        if (
          exclusiveMaximum !== undefined &&
          (typeof exclusiveMaximum !== 'boolean' || maximum === undefined)
        )
          return false;
        if (
          exclusiveMinimum !== undefined &&
          (typeof exclusiveMinimum !== 'boolean' || minimum === undefined)
        )
          return false;
        if (maximum !== undefined)
          limits.push({
            keyword: 'maximum',
            comparison: exclusiveMaximum ? '<' : '<=',
            limit: maximum as number,
          });
        if (minimum !== undefined)
          limits.push({
            keyword: 'minimum',
            comparison: exclusiveMinimum ? '>' : '>=',
            limit: minimum as number,
          });
      }
      if (multipleOf !== undefined && !(isNumber(multipleOf) && multipleOf > 0)) return false;
      const format = this.format('number');
      if (format === false) return false;
      plan.number = {
        limits,
        ...(multipleOf !== undefined && { multipleOf: multipleOf as number }),
        ...(format && { format }),
      };
    }
    if (groups.has('string')) {
      const { maxLength, minLength, pattern } = schema;
      if (
        (maxLength !== undefined && !isCount(maxLength)) ||
        (minLength !== undefined && !isCount(minLength))
      )
        return false;
      const expression = typeof pattern === 'string' ? patternOf(pattern) : undefined;
      if (pattern !== undefined && !expression) return false;
      const format = this.format('string');
      if (format === false) return false;
      plan.string = {
        ...(maxLength !== undefined && { maxLength }),
        ...(minLength !== undefined && { minLength }),
        ...(expression && { pattern: expression }),
        ...(format && { format }),
      };
    }
    if (groups.has('array')) {
      const { maxItems, minItems, items } = schema;
      if ((maxItems !== undefined && !isCount(maxItems)) || (minItems !== undefined && !isCount(minItems)))
        return false;
      if (items !== undefined && !isObject(items)) return false;
      const itemsPlan = items === undefined ? undefined : this.child(items);
      plan.array = {
        ...(maxItems !== undefined && { maxItems }),
        ...(minItems !== undefined && { minItems }),
        ...(itemsPlan && { items: itemsPlan }),
      };
    }
    if (groups.has('object')) return this.objectPlan(plan);
    return true;
  }

  private objectPlan(plan: Plan): boolean {
    const { maxProperties, minProperties, required, additionalProperties, properties } = this.schema;
    if (maxProperties !== undefined && !isCount(maxProperties)) return false;
    if (minProperties !== undefined && !isCount(minProperties)) return false;
    if (required !== undefined) {
      if (!Array.isArray(required)) return false;
      for (const name of required) if (typeof name !== 'string' || inheritedName(name)) return false;
    }
    let additional: false | Plan | undefined;
    if (additionalProperties === false) additional = false;
    else if (additionalProperties !== undefined && additionalProperties !== true) {
      if (!isObject(additionalProperties)) return false;
      additional = this.child(additionalProperties);
    }
    const checked: [string, Plan][] = [];
    if (properties !== undefined) {
      if (!isObject(properties)) return false;
      for (const name of Object.keys(properties)) {
        const property = properties[name];
        if (inheritedName(name)) return false;
        // ajv takes a string or a number there (a `$ref` misplaced as a property) for a schema that accepts all.
        if (typeof property === 'string' || typeof property === 'number') continue;
        if (!isObject(property)) return false;
        // A schema without keywords accepts everything: ajv skips it.
        if (Object.keys(property).length === 0) continue;
        const propertyPlan = this.child(property);
        if (propertyPlan) checked.push([name, propertyPlan]);
      }
    }
    plan.object = {
      ...(maxProperties !== undefined && { maxProperties }),
      ...(minProperties !== undefined && { minProperties }),
      ...(required !== undefined && { required: required as string[] }),
      ...(additional !== undefined && { additional }),
      declared: (properties ?? {}) as Schema,
      properties: checked,
    };
    return true;
  }

  /**
   * The check of a format ajv knows, for values of `type`; undefined when ajv does not check it there (formats it
   * does not know are ignored with `strict: false`), `false` when ajv would refuse the schema (an async format).
   */
  private format(type: 'number' | 'string'): FormatCheck | undefined | false {
    const format = this.schema.format as string | undefined;
    if (format === undefined || !Object.hasOwn(this.context.formats, format)) return undefined;
    const definition = this.context.formats[format];
    if (definition === true) return undefined;
    if (definition instanceof RegExp)
      return type === 'string' ? (value: string) => definition.test(value) : undefined;
    if (typeof definition === 'function') return type === 'string' ? (definition as FormatCheck) : undefined;
    if (!isObject(definition)) return false;
    if (((definition.type as string | undefined) ?? 'string') !== type) return undefined;
    if (definition.async) return false;
    const { validate } = definition;
    if (validate instanceof RegExp) return (value: string) => validate.test(value);
    return typeof validate === 'function' ? (validate as FormatCheck) : false;
  }
}

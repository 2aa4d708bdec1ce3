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

/** A number limit as ajv words it: `must be <= 10`. */
export interface Limit {
  keyword: string;
  comparison: '<=' | '>=' | '<' | '>';
  limit: number;
}

export type FormatCheck = (value: never) => boolean;

/**
 * What ajv tests for one converted schema node, in its order. Every field is always present (`undefined` when the
 * keyword is absent), so that all plans share one shape and the check's property reads stay fast.
 */
export interface Plan {
  /** The converted node: ajv's `parentSchema` of the errors it causes. */
  schema: Schema;
  /** A lone `$ref`: all ajv evaluates. */
  only: Plan | undefined;
  /** `type` with `nullable`'s null; empty when there is none. */
  types: readonly string[];
  /** ajv checks the types before all keywords, unless one type is checked with the keywords of its group. */
  typesUpFront: boolean;
  reference: Plan | undefined;
  hasConst: boolean;
  enum: readonly unknown[] | undefined;
  not: Plan | undefined;
  anyOf: readonly Plan[] | undefined;
  oneOf: readonly Plan[] | undefined;
  allOf: readonly Plan[] | undefined;
  number: NumberPlan | undefined;
  string: StringPlan | undefined;
  array: ArrayPlan | undefined;
  object: ObjectPlan | undefined;
}

export interface NumberPlan {
  limits: readonly Limit[];
  multipleOf: number | undefined;
  format: FormatCheck | undefined;
}

export interface StringPlan {
  maxLength: number | undefined;
  minLength: number | undefined;
  pattern: RegExp | undefined;
  format: FormatCheck | undefined;
}

export interface ArrayPlan {
  maxItems: number | undefined;
  minItems: number | undefined;
  items: Plan | undefined;
}

export interface ObjectPlan {
  maxProperties: number | undefined;
  minProperties: number | undefined;
  required: readonly string[] | undefined;
  /** `false`, or the plan of a schema; undefined when any property is allowed. */
  additional: false | Plan | undefined;
  /** The declared names (own keys), which `additionalProperties` leaves alone. */
  declared: Schema;
  /** Properties with a schema to check (ajv skips the others). */
  properties: readonly (readonly [string, Plan])[];
  /** `additionalProperties` is written (any value): ajv then counts every property as evaluated. */
  hasAdditional: boolean;
  /**
   * `unevaluatedProperties` (JSON Schema 2020-12 only): `false`, `true`, or the plan of a schema; undefined when
   * absent. Written at all, it too counts every property as evaluated for the schemas around.
   */
  unevaluated: boolean | Plan | undefined;
}

/** The message ajv refuses a schema with when a node has `nullable` but no `type` (common in OpenAPI 3.0 specs). */
export const NULLABLE_WITHOUT_TYPE = '"nullable" cannot be used without "type"';

/**
 * What ajv makes of a converted schema tree: a plan, it compiles and the quick check understands it; a message,
 * ajv certainly refuses to compile it with that message; `false`, only ajv can tell.
 */
type Verdict = Plan | string | false;

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

const NUMBER = 1;
const STRING = 2;
const ARRAY = 4;
const OBJECT = 8;

/** The keywords the quick check interprets, and the groups ajv runs them in (0: the keywords of every type). */
const KEYWORD_GROUPS = new Map<string, number>([
  ['$ref', 0],
  ['type', 0],
  ['nullable', 0],
  ['const', 0],
  ['enum', 0],
  ['not', 0],
  ['anyOf', 0],
  ['oneOf', 0],
  ['allOf', 0],
  ['format', NUMBER | STRING],
  ['maximum', NUMBER],
  ['minimum', NUMBER],
  ['exclusiveMaximum', NUMBER],
  ['exclusiveMinimum', NUMBER],
  ['multipleOf', NUMBER],
  ['maxLength', STRING],
  ['minLength', STRING],
  ['pattern', STRING],
  ['maxItems', ARRAY],
  ['minItems', ARRAY],
  ['items', ARRAY],
  ['maxProperties', OBJECT],
  ['minProperties', OBJECT],
  ['required', OBJECT],
  ['additionalProperties', OBJECT],
  ['properties', OBJECT],
  // Last of ajv's object keywords: it reads what all the keywords before it evaluated.
  ['unevaluatedProperties', OBJECT],
]);

const GROUP_BITS: Readonly<Record<string, number>> = {
  number: NUMBER,
  string: STRING,
  array: ARRAY,
  object: OBJECT,
};

const isEmptyPlan = (plan: Plan) => Object.keys(plan.schema).length === 0;

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
  private failed = false;

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

  build(): Verdict {
    const { schema } = this;
    let groups = 0;
    let keywords = 0;
    for (const keyword in schema) {
      const group = KEYWORD_GROUPS.get(keyword);
      if (group === undefined) return false;
      // Draft 4 has no such keyword; leaving it to ajv keeps this to one meaning.
      if (keyword === 'unevaluatedProperties' && !this.context.dialect2020) return false;
      groups |= group;
      keywords++;
    }
    const { type, nullable } = schema;
    const written = type === undefined ? [] : Array.isArray(type) ? (type as unknown[]) : [type];
    if (type !== undefined) {
      if (written.length === 0) return false;
      for (const item of written) if (!TYPES.has(item as string)) return false;
    }
    // ajv refuses `nullable` without `type` (a known message), and `nullable: false` with a `null` type.
    if (nullable !== undefined && typeof nullable !== 'boolean') return false;
    if (nullable === false && written.includes('null')) return false;
    if (nullable !== undefined && type === undefined) this.compileError = NULLABLE_WITHOUT_TYPE;
    const types = (
      nullable === true && !written.includes('null') ? [...written, 'null'] : written
    ) as string[];
    if (schema.format !== undefined && typeof schema.format !== 'string') return false;
    const single = types.length === 1 ? (GROUP_BITS[types[0] as string] ?? 0) : 0;
    const reference = this.reference();
    if (reference === false) return false;
    const plan: Plan = {
      schema,
      only: undefined,
      types,
      typesUpFront: types.length > 0 && (single & groups) === 0,
      reference,
      hasConst: 'const' in schema,
      enum: undefined,
      not: undefined,
      anyOf: undefined,
      oneOf: undefined,
      allOf: undefined,
      number: undefined,
      string: undefined,
      array: undefined,
      object: undefined,
    };
    if (!this.untyped(plan)) return false;
    if (groups & NUMBER) plan.number = this.numberPlan();
    if (groups & STRING) plan.string = this.stringPlan();
    if (groups & ARRAY) plan.array = this.arrayPlan();
    if (groups & OBJECT) plan.object = this.objectPlan();
    if (
      (groups & NUMBER && !plan.number) ||
      (groups & STRING && !plan.string) ||
      (groups & ARRAY && !plan.array) ||
      (groups & OBJECT && !plan.object)
    )
      return false;
    if (this.failed) return false;
    if (this.compileError !== undefined) return this.compileError;
    if (reference && keywords === 1) plan.only = reference;
    return plan;
  }

  private reference(): Plan | undefined | false {
    const { $ref } = this.schema;
    if ($ref === undefined) return undefined;
    if (typeof $ref !== 'string') return false;
    return this.child(this.context.component($ref));
  }

  private untyped(plan: Plan): boolean {
    const { schema } = this;
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

  private numberPlan(): NumberPlan | undefined {
    const { schema, context } = this;
    const { maximum, minimum, exclusiveMaximum, exclusiveMinimum, multipleOf } = schema;
    if (maximum !== undefined && !isNumber(maximum)) return undefined;
    if (minimum !== undefined && !isNumber(minimum)) return undefined;
    const limits: Limit[] = [];
    if (context.dialect2020) {
      if (exclusiveMaximum !== undefined && !isNumber(exclusiveMaximum)) return undefined;
      if (exclusiveMinimum !== undefined && !isNumber(exclusiveMinimum)) return undefined;
      if (maximum !== undefined) limits.push({ keyword: 'maximum', comparison: '<=', limit: maximum });
      if (minimum !== undefined) limits.push({ keyword: 'minimum', comparison: '>=', limit: minimum });
      if (exclusiveMaximum !== undefined)
        limits.push({ keyword: 'exclusiveMaximum', comparison: '<', limit: exclusiveMaximum });
      if (exclusiveMinimum !== undefined)
        limits.push({ keyword: 'exclusiveMinimum', comparison: '>', limit: exclusiveMinimum });
    } else {
      // Draft 4: the exclusive keywords are booleans that sharpen `minimum`/`maximum`, which they need.
      if (exclusiveMaximum !== undefined && (typeof exclusiveMaximum !== 'boolean' || maximum === undefined))
        return undefined;
      if (exclusiveMinimum !== undefined && (typeof exclusiveMinimum !== 'boolean' || minimum === undefined))
        return undefined;
      if (maximum !== undefined)
        limits.push({ keyword: 'maximum', comparison: exclusiveMaximum ? '<' : '<=', limit: maximum });
      if (minimum !== undefined)
        limits.push({ keyword: 'minimum', comparison: exclusiveMinimum ? '>' : '>=', limit: minimum });
    }
    if (multipleOf !== undefined && !(isNumber(multipleOf) && multipleOf > 0)) return undefined;
    const format = this.format('number');
    if (format === false) return undefined;
    return { limits, multipleOf, format };
  }

  private stringPlan(): StringPlan | undefined {
    const { maxLength, minLength, pattern } = this.schema;
    if (maxLength !== undefined && !isCount(maxLength)) return undefined;
    if (minLength !== undefined && !isCount(minLength)) return undefined;
    let expression: RegExp | undefined;
    if (pattern !== undefined) {
      expression = (typeof pattern === 'string' && patternOf(pattern)) || undefined;
      if (!expression) return undefined;
    }
    const format = this.format('string');
    if (format === false) return undefined;
    return { maxLength, minLength, pattern: expression, format };
  }

  private arrayPlan(): ArrayPlan | undefined {
    const { maxItems, minItems, items } = this.schema;
    if (maxItems !== undefined && !isCount(maxItems)) return undefined;
    if (minItems !== undefined && !isCount(minItems)) return undefined;
    if (items !== undefined && !isObject(items)) return undefined;
    return { maxItems, minItems, items: items === undefined ? undefined : this.child(items) };
  }

  private objectPlan(): ObjectPlan | undefined {
    const {
      maxProperties,
      minProperties,
      required,
      additionalProperties,
      properties,
      unevaluatedProperties,
    } = this.schema;
    if (maxProperties !== undefined && !isCount(maxProperties)) return undefined;
    if (minProperties !== undefined && !isCount(minProperties)) return undefined;
    if (required !== undefined) {
      if (!Array.isArray(required)) return undefined;
      for (const name of required) if (typeof name !== 'string' || inheritedName(name)) return undefined;
    }
    let additional: false | Plan | undefined;
    if (additionalProperties === false) additional = false;
    else if (additionalProperties !== undefined && additionalProperties !== true) {
      if (!isObject(additionalProperties)) return undefined;
      additional = this.child(additionalProperties);
    }
    let unevaluated: boolean | Plan | undefined;
    if (typeof unevaluatedProperties === 'boolean') unevaluated = unevaluatedProperties;
    else if (unevaluatedProperties !== undefined) {
      if (!isObject(unevaluatedProperties)) return undefined;
      unevaluated = this.child(unevaluatedProperties);
    }
    const checked: [string, Plan][] = [];
    if (properties !== undefined) {
      if (!isObject(properties)) return undefined;
      for (const name in properties) {
        const property = properties[name];
        if (inheritedName(name)) return undefined;
        // ajv takes a string or a number there (a `$ref` misplaced as a property) for a schema that accepts all.
        if (typeof property === 'string' || typeof property === 'number') continue;
        if (!isObject(property)) return undefined;
        const propertyPlan = this.child(property);
        // A schema without keywords accepts everything: ajv skips it.
        if (propertyPlan && !isEmptyPlan(propertyPlan)) checked.push([name, propertyPlan]);
      }
    }
    return {
      maxProperties,
      minProperties,
      required: required as string[] | undefined,
      additional,
      declared: (properties ?? {}) as Schema,
      properties: checked,
      hasAdditional: additionalProperties !== undefined,
      unevaluated,
    };
  }

  /**
   * The check of a format ajv knows, for values of `type`; undefined when ajv does not check it there (formats it
   * does not know are ignored with `strict: false`), `false` when ajv would refuse the schema (an async format).
   */
  private format(type: 'number' | 'string'): FormatCheck | undefined | false {
    const format = this.schema.format as string | undefined;
    if (format === undefined) return undefined;
    const { formats } = this.context;
    let checks = formatChecks.get(formats);
    if (!checks) {
      checks = { number: new Map(), string: new Map() };
      formatChecks.set(formats, checks);
    }
    const ofType = checks[type];
    let check = ofType.get(format);
    if (check === undefined && !ofType.has(format)) {
      check = formatCheck(formats, format, type);
      ofType.set(format, check);
    }
    return check;
  }
}

/** Format checks by formats table, then by type and name: a few formats serve thousands of schemas. */
const formatChecks = new WeakMap<
  object,
  Record<'number' | 'string', Map<string, FormatCheck | undefined | false>>
>();

function formatCheck(
  formats: QuickCheckContext['formats'],
  format: string,
  type: 'number' | 'string',
): FormatCheck | undefined | false {
  if (!Object.hasOwn(formats, format)) return undefined;
  const definition = formats[format];
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

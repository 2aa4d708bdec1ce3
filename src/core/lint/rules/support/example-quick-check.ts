/**
 * Example validation without compiling the schema, for the schemas real specs write. Compiling a schema with ajv
 * (code generation and `new Function`) was most of the cost of example validation, and the findings only need
 * ajv's first error. This runs the plan of a converted schema (`example-schema-plan.ts`: ajv's keywords, in ajv's
 * order) and answers what ajv compiled with the options of example validation answers: `true`, or ajv's first
 * error (`instancePath`, `keyword`, `params`, `message`, `parentSchema`). Where it cannot be certain it answers
 * `undefined`, and ajv decides. A test holds it to ajv on a grid of schemas and values.
 */
import { type Plan, planOf, type QuickCheckContext, type Schema } from './example-schema-plan.js';

export {
  compileErrorOf,
  isQuickCheckable,
  type QuickCheckContext,
} from './example-schema-plan.js';

/** ajv's error object, as far as example validation reads it. */
export interface ExampleError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
  parentSchema: Schema;
}

/** `true` (valid), the first error ajv reports, or `undefined` when only ajv can tell. */
export type QuickAnswer = true | ExampleError | undefined;

/** A value this check does not decide on: thrown to the top, where it becomes `undefined`. */
class Unsure extends Error {}

const UNSURE = new Unsure();

type Segment = string | number;

/**
 * What ajv, compiled from `schema` with the options of example validation, answers for `value`: `true`, its first
 * error, or `undefined` when that is not certain. Never throws: a value nested deeper than the stack allows is
 * `undefined` too.
 */
export function quickValidate(schema: unknown, value: unknown, context: QuickCheckContext): QuickAnswer {
  const plan = planOf(schema, context);
  if (!plan) return undefined;
  try {
    return firstError(plan, value, []) ?? true;
  } catch (error) {
    if (error instanceof Unsure || error instanceof RangeError) return undefined;
    throw error;
  } finally {
    referencedAnswers.clear();
  }
}

/**
 * The answers of referenced plans for the value being checked, by plan and instance location. A schema reaches one
 * component through many `$ref`s (`allOf` of nine `$ref`s to a schema that does the same, sixteen levels down, is
 * 9^15 paths to one `{type: string}`): each is checked once per location, so the check stays linear in the plans
 * and the example. Cleared after each value; the check runs synchronously, one value at a time.
 */
const referencedAnswers = new Map<Plan, Map<string, ExampleError | null>>();

function referencedError(plan: Plan, value: unknown, path: Segment[]): ExampleError | undefined {
  const location = instancePath(path);
  let answers = referencedAnswers.get(plan);
  if (!answers) {
    answers = new Map();
    referencedAnswers.set(plan, answers);
  }
  const known = answers.get(location);
  if (known !== undefined) return known ?? undefined;
  const error = firstError(plan, value, path);
  answers.set(location, error ?? null);
  return error;
}

/**
 * ajv's first error, or undefined when the value is valid. Without `allErrors`, ajv stops at the first error
 * outside combinators; inside them it goes on, but the first error it collected stays first, so following its
 * order of keywords is enough.
 */
function firstError(plan: Plan, value: unknown, path: Segment[]): ExampleError | undefined {
  if (plan.only) return referencedError(plan.only, value, path);
  let kind: string = typeof value;
  if (kind === 'object') {
    if (value === null) kind = 'null';
    else if (Array.isArray(value)) kind = 'array';
    else {
      const prototype = Object.getPrototypeOf(value);
      if (
        (prototype !== Object.prototype && prototype !== null) ||
        Object.hasOwn(value as object, '__proto__')
      )
        throw UNSURE;
    }
  } else if (kind === 'number' && !Number.isFinite(value)) {
    throw UNSURE;
  }
  if (plan.typesUpFront && !hasSomeType(plan.types, kind, value)) return typeError(plan, path);
  if (plan.reference) {
    const error = referencedError(plan.reference, value, path);
    if (error) return error;
  }
  const error = untypedKeywordsError(plan, value, path);
  if (error) return error;
  const { number, string, array, object } = plan;
  // A single type with keywords of its group is checked there, in the group's turn.
  const groupType = plan.typesUpFront ? undefined : plan.types[0];
  if (number) {
    if (kind === 'number') {
      const numberError = numberKeywordsError(plan, number, value as number, path);
      if (numberError) return numberError;
    } else if (groupType === 'number') {
      return typeError(plan, path);
    }
  }
  if (string) {
    if (kind === 'string') {
      const stringError = stringKeywordsError(plan, string, value as string, path);
      if (stringError) return stringError;
    } else if (groupType === 'string') {
      return typeError(plan, path);
    }
  }
  if (array) {
    if (kind === 'array') {
      const arrayError = arrayKeywordsError(plan, array, value as unknown[], path);
      if (arrayError) return arrayError;
    } else if (groupType === 'array') {
      return typeError(plan, path);
    }
  }
  if (object) {
    if (kind === 'object') return objectKeywordsError(plan, object, value as Record<string, unknown>, path);
    if (groupType === 'object') return typeError(plan, path);
  }
  return undefined;
}

function hasSomeType(types: readonly string[], kind: string, value: unknown): boolean {
  for (const type of types) {
    if (type === kind || (type === 'integer' && kind === 'number' && Number.isInteger(value))) return true;
  }
  return false;
}

/** A JSON Pointer, as ajv writes `instancePath`. */
function instancePath(path: Segment[]): string {
  let text = '';
  for (const segment of path) {
    const name = String(segment);
    text += `/${name.includes('~') || name.includes('/') ? name.replace(/~/g, '~0').replace(/\//g, '~1') : name}`;
  }
  return text;
}

function fail(
  plan: Plan,
  keyword: string,
  params: Record<string, unknown>,
  message: string,
  path: Segment[],
): ExampleError {
  return { instancePath: instancePath(path), keyword, params, message, parentSchema: plan.schema };
}

function typeError(plan: Plan, path: Segment[]): ExampleError {
  // Worded with `type` as written: `nullable`'s null is not in it.
  const { type } = plan.schema;
  return fail(plan, 'type', { type }, `must be ${String(type)}`, path);
}

/** The keywords ajv runs for every type, in its order: `const`, `enum`, `not`, `anyOf`, `oneOf`, `allOf`. */
function untypedKeywordsError(plan: Plan, value: unknown, path: Segment[]): ExampleError | undefined {
  if (plan.hasConst && !equal(value, plan.schema.const))
    return fail(plan, 'const', { allowedValue: plan.schema.const }, 'must be equal to constant', path);
  if (plan.enum && !plan.enum.some((item) => equal(value, item))) {
    const message = 'must be equal to one of the allowed values';
    return fail(plan, 'enum', { allowedValues: plan.enum }, message, path);
  }
  if (plan.not && !firstError(plan.not, value, path)) return fail(plan, 'not', {}, 'must NOT be valid', path);
  if (plan.anyOf) {
    let first: ExampleError | undefined;
    let valid = false;
    for (const part of plan.anyOf) {
      const error = firstError(part, value, path);
      if (!error) {
        valid = true;
        break;
      }
      first ??= error;
    }
    if (!valid) return first ?? fail(plan, 'anyOf', {}, 'must match a schema in anyOf', path);
  }
  if (plan.oneOf) {
    // ajv stops at the second alternative that passes, and names both.
    let first: ExampleError | undefined;
    let passing: number | number[] | null = null;
    for (let index = 0; index < plan.oneOf.length; index++) {
      const error = firstError(plan.oneOf[index] as Plan, value, path);
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
      const message = 'must match exactly one schema in oneOf';
      return first ?? fail(plan, 'oneOf', { passingSchemas: passing }, message, path);
    }
  }
  if (plan.allOf) {
    for (const part of plan.allOf) {
      const error = firstError(part, value, path);
      if (error) return error;
    }
  }
  return undefined;
}

function numberKeywordsError(
  plan: Plan,
  number: NonNullable<Plan['number']>,
  value: number,
  path: Segment[],
): ExampleError | undefined {
  for (const { keyword, comparison, limit } of number.limits) {
    const ok =
      comparison === '<='
        ? value <= limit
        : comparison === '>='
          ? value >= limit
          : comparison === '<'
            ? value < limit
            : value > limit;
    if (!ok) return fail(plan, keyword, { comparison, limit }, `must be ${comparison} ${limit}`, path);
  }
  const { multipleOf, format } = number;
  if (multipleOf !== undefined) {
    // ajv's test, parseInt of the quotient's text included.
    const quotient = value / multipleOf;
    if (quotient !== Number.parseInt(String(quotient), 10))
      return fail(plan, 'multipleOf', { multipleOf }, `must be multiple of ${multipleOf}`, path);
  }
  if (format && !format(value as never)) return formatError(plan, path);
  return undefined;
}

function formatError(plan: Plan, path: Segment[]): ExampleError {
  const format = plan.schema.format as string;
  return fail(plan, 'format', { format }, `must match format "${format}"`, path);
}

function stringKeywordsError(
  plan: Plan,
  string: NonNullable<Plan['string']>,
  value: string,
  path: Segment[],
): ExampleError | undefined {
  const { maxLength, minLength, pattern, format } = string;
  if (maxLength !== undefined || minLength !== undefined) {
    // ajv counts code points.
    let length = 0;
    for (const _ of value) length++;
    if (maxLength !== undefined && length > maxLength) {
      const message = `must NOT have more than ${maxLength} characters`;
      return fail(plan, 'maxLength', { limit: maxLength }, message, path);
    }
    if (minLength !== undefined && length < minLength) {
      const message = `must NOT have fewer than ${minLength} characters`;
      return fail(plan, 'minLength', { limit: minLength }, message, path);
    }
  }
  if (pattern && !pattern.test(value)) {
    const source = plan.schema.pattern as string;
    return fail(plan, 'pattern', { pattern: source }, `must match pattern "${source}"`, path);
  }
  if (format && !format(value as never)) return formatError(plan, path);
  return undefined;
}

function arrayKeywordsError(
  plan: Plan,
  array: NonNullable<Plan['array']>,
  value: unknown[],
  path: Segment[],
): ExampleError | undefined {
  const { maxItems, minItems, items } = array;
  if (maxItems !== undefined && value.length > maxItems) {
    const message = `must NOT have more than ${maxItems} items`;
    return fail(plan, 'maxItems', { limit: maxItems }, message, path);
  }
  if (minItems !== undefined && value.length < minItems) {
    const message = `must NOT have fewer than ${minItems} items`;
    return fail(plan, 'minItems', { limit: minItems }, message, path);
  }
  if (!items) return undefined;
  for (let index = 0; index < value.length; index++) {
    path.push(index);
    const error = firstError(items, value[index], path);
    path.pop();
    if (error) return error;
  }
  return undefined;
}

/**
 * ajv's order: `maxProperties`, `minProperties`, `required`, `additionalProperties`, `properties`, then
 * `unevaluatedProperties`.
 */
function objectKeywordsError(
  plan: Plan,
  object: NonNullable<Plan['object']>,
  value: Record<string, unknown>,
  path: Segment[],
): ExampleError | undefined {
  const { maxProperties, minProperties, required, additional, declared } = object;
  if (maxProperties !== undefined || minProperties !== undefined) {
    const count = Object.keys(value).length;
    if (maxProperties !== undefined && count > maxProperties) {
      const message = `must NOT have more than ${maxProperties} properties`;
      return fail(plan, 'maxProperties', { limit: maxProperties }, message, path);
    }
    if (minProperties !== undefined && count < minProperties) {
      const message = `must NOT have fewer than ${minProperties} properties`;
      return fail(plan, 'minProperties', { limit: minProperties }, message, path);
    }
  }
  if (required) {
    for (const name of required) {
      if (value[name] === undefined)
        return fail(
          plan,
          'required',
          { missingProperty: name },
          `must have required property '${name}'`,
          path,
        );
    }
  }
  if (additional !== undefined) {
    for (const name of Object.keys(value)) {
      if (Object.hasOwn(declared, name)) continue;
      if (additional === false) {
        const message = 'must NOT have additional properties';
        return fail(plan, 'additionalProperties', { additionalProperty: name }, message, path);
      }
      path.push(name);
      const error = firstError(additional, value[name], path);
      path.pop();
      if (error) return error;
    }
  }
  for (const [name, property] of object.properties) {
    const member = value[name];
    if (member === undefined) continue;
    path.push(name);
    const error = firstError(property, member, path);
    path.pop();
    if (error) return error;
  }
  const { unevaluated } = object;
  if (unevaluated === undefined || unevaluated === true) return undefined;
  const evaluated = new Set<string>();
  if (evaluatesAll(plan, value, path, evaluated, new Set(), true)) return undefined;
  for (const name of Object.keys(value)) {
    // ajv looks names up in a plain object where it tracks them at run time, so it finds inherited ones there.
    if (name in Object.prototype) throw UNSURE;
    if (evaluated.has(name)) continue;
    if (unevaluated === false) {
      const message = 'must NOT have unevaluated properties';
      return fail(plan, 'unevaluatedProperties', { unevaluatedProperty: name }, message, path);
    }
    path.push(name);
    const error = firstError(unevaluated, value[name], path);
    path.pop();
    if (error) return error;
  }
  return undefined;
}

/**
 * The properties of `value` that `plan` evaluated, as ajv tracks them for `unevaluatedProperties`: the names its
 * `properties` declares, all with `additionalProperties` or `unevaluatedProperties` (but its own, when `self`), and
 * those of the subschemas that passed: `$ref`, every `allOf` part, the `anyOf` alternatives that pass, the `oneOf`
 * one; `not` none. Adds the names to `evaluated`; `true` when every property is evaluated. Runs only once all
 * keywords before `unevaluatedProperties` passed, so `$ref` and `allOf` did. A plan reached again (through another
 * `$ref`) adds nothing new: its names are in `evaluated` already, and it did not evaluate all, or this had ended.
 */
function evaluatesAll(
  plan: Plan,
  value: Record<string, unknown>,
  path: Segment[],
  evaluated: Set<string>,
  visited: Set<Plan>,
  self: boolean,
): boolean {
  if (!self) {
    if (visited.has(plan)) return false;
    visited.add(plan);
  }
  if (plan.only) return evaluatesAll(plan.only, value, path, evaluated, visited, false);
  const { object } = plan;
  if (object) {
    if (object.hasAdditional || (!self && object.unevaluated !== undefined)) return true;
    for (const name in object.declared) evaluated.add(name);
  }
  const nested = (part: Plan) => evaluatesAll(part, value, path, evaluated, visited, false);
  if (plan.reference && nested(plan.reference)) return true;
  if (plan.anyOf) {
    for (const part of plan.anyOf) if (!firstError(part, value, path) && nested(part)) return true;
  }
  if (plan.oneOf) {
    for (const part of plan.oneOf) {
      if (firstError(part, value, path)) continue;
      if (nested(part)) return true;
      break;
    }
  }
  if (plan.allOf) {
    for (const part of plan.allOf) if (nested(part)) return true;
  }
  return false;
}

/** JSON equality as ajv's `enum` and `const` test it, for the values this check decides on. */
function equal(value: unknown, allowed: unknown): boolean {
  if (value === allowed) return true;
  // Structured values compare deeply in ajv, with rules for prototypes this check does not repeat.
  if (typeof allowed === 'object' && allowed !== null) throw UNSURE;
  return false;
}

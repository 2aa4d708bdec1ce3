/**
 * What the `*-valid-schema-example` and `*-valid-media-example` rules share: turning an OpenAPI Schema object
 * (with `$ref`s into the document) into a self-contained JSON Schema, compiling it once with ajv, and describing
 * the first error the way Spectral does.
 */
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { RuleContext, SpecFormat } from '../../types.js';
import { isObject, isReferenceObject } from './values.js';

/** Which `required` entries to relax: request bodies never carry read-only properties, responses never write-only ones. */
export type Relax = 'none' | 'readOnly' | 'writeOnly';

export interface ExampleProblem {
  message: string;
  /** Relative to the example. */
  path: (string | number)[];
}

/** A schema that cannot be made self-contained (a circular or broken `$ref`): Spectral skips such examples too. */
class Unresolvable extends Error {}

/** Inlining stops here: a schema this large is not worth compiling for one example. */
const MAX_INLINED_NODES = 20_000;

type Dialect = 'draft4' | 'draft2020-12';

const instances = new Map<Dialect, Ajv>();
/** A validator, or why the schema cannot be compiled (Spectral reports that message at the example). */
export type Validator = ValidateFunction | { compileError: string };

const compiled = new WeakMap<object, Map<string, Validator | null>>();

function ajvFor(dialect: Dialect): Ajv {
  let ajv = instances.get(dialect);
  if (!ajv) {
    const options = {
      allErrors: false,
      strict: false,
      allowUnionTypes: true,
      logger: false as const,
      unicodeRegExp: false,
    };
    ajv = dialect === 'draft4' ? new AjvDraft04.default(options) : new Ajv2020(options);
    addFormats.default(ajv);
    instances.set(dialect, ajv);
  }
  return ajv;
}

function dialectOf(formats: ReadonlySet<SpecFormat>): Dialect {
  return formats.has('oas3_1') ? 'draft2020-12' : 'draft4';
}

/**
 * The validator of `schema` (an object of the document, compared by identity), or null when the schema cannot
 * be made self-contained or does not compile: then the example is not checked, as in Spectral.
 */
export function validatorOf(schema: object, relax: Relax, context: RuleContext<unknown>): Validator | null {
  let perSchema = compiled.get(schema);
  if (!perSchema) {
    perSchema = new Map();
    compiled.set(schema, perSchema);
  }
  if (perSchema.has(relax)) return perSchema.get(relax) as Validator | null;
  let validate: Validator | null = null;
  try {
    const oas2 = context.document.formats.has('oas2');
    const inlined = new Inliner(context, relax, oas2).inline(schema);
    if (isObject(inlined) || typeof inlined === 'boolean') {
      validate = ajvFor(dialectOf(context.document.formats)).compile(inlined);
    }
  } catch (error) {
    validate = error instanceof Unresolvable ? null : { compileError: (error as Error).message };
  }
  perSchema.set(relax, validate);
  return validate;
}

/** Validates `value`; undefined (an Example object without `value`) "must exist", as Spectral says. */
export function validateExample(value: unknown, validate: Validator): ExampleProblem | undefined {
  if (value === undefined) return { message: 'Value must exist', path: [] };
  if ('compileError' in validate) return { message: validate.compileError, path: [] };
  if (validate(value)) return undefined;
  const error = validate.errors?.[0];
  return error ? describe(error, value) : undefined;
}

class Inliner {
  private nodes = 0;
  private readonly active = new Set<object>();

  constructor(
    private readonly context: RuleContext<unknown>,
    private readonly relax: Relax,
    private readonly oas2: boolean,
  ) {}

  inline(value: unknown, inNot = false): unknown {
    if (++this.nodes > MAX_INLINED_NODES) throw new Unresolvable('schema too large');
    if (Array.isArray(value)) return value.map((item) => this.inline(item, inNot));
    if (!isObject(value)) return value;
    let target: unknown = value;
    if (isReferenceObject(value)) {
      target = this.context.resolve(value);
      if (isReferenceObject(target) || target === undefined) throw new Unresolvable('broken $ref');
    }
    if (!isObject(target)) return target;
    if (this.active.has(target)) throw new Unresolvable('circular $ref');
    this.active.add(target);
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(target)) {
      // `id`/`$id` would change the base URI of the copy; `x-nullable` is Swagger's `nullable`.
      if ((key === 'id' || key === '$id') && typeof child === 'string') continue;
      if (this.oas2 && key === 'required' && typeof child === 'boolean') continue;
      if (key === 'properties' && isObject(child)) {
        const properties: Record<string, unknown> = {};
        for (const [name, property] of Object.entries(child)) properties[name] = this.inline(property, inNot);
        copy.properties = properties;
      } else {
        copy[key] = this.inline(child, inNot || key === 'not');
      }
    }
    this.active.delete(target);
    if (this.relax !== 'none' && !inNot) relaxRequired(copy, this.relax);
    return copy;
  }
}

function relaxRequired(schema: Record<string, unknown>, relax: Exclude<Relax, 'none'>): void {
  const { properties, required } = schema;
  if (!isObject(properties) || !Array.isArray(required)) return;
  const kept = required.filter((name) => {
    const property = properties[String(name)];
    return !(isObject(property) && property[relax] === true);
  });
  if (kept.length === 0) delete schema.required;
  else schema.required = kept;
}

/** Spectral's wording, e.g. `"status" property must be equal to one of the allowed values: "open", "closed"`. */
function describe(error: ErrorObject, value: unknown): ExampleProblem {
  const path: (string | number)[] = [];
  let current = value;
  if (error.instancePath !== '') {
    for (const raw of error.instancePath.slice(1).split('/')) {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      const key = Array.isArray(current) ? Number(segment) : segment;
      path.push(key);
      current =
        isObject(current) || Array.isArray(current)
          ? (current as Record<string | number, unknown>)[key]
          : undefined;
    }
  }
  const last = path[path.length - 1];
  const subject =
    last === undefined ? 'Object' : typeof last === 'number' ? `${last} item` : `"${last}" property`;
  let message = `${subject} ${error.message ?? 'is invalid'}`;
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    message += `: ${allowed.map((item) => JSON.stringify(item)).join(', ')}`;
  } else if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return { message: `Property "${extra}" is not expected to be here`, path };
  }
  return { message, path };
}

/** Request bodies relax read-only properties, responses write-only ones (paths are logical, from the root). */
export function relaxFor(path: readonly (string | number)[], requestBodies: boolean): Relax {
  if (path[0] === 'components' && path[1] === 'requestBodies') return 'readOnly';
  if (path[0] === 'components' && path[1] === 'responses') return 'writeOnly';
  if (path[0] === 'responses') return 'writeOnly';
  if (path[0] === 'paths' && path[3] === 'requestBody' && requestBodies) return 'readOnly';
  if (path[0] === 'paths' && path[3] === 'responses') return 'writeOnly';
  return 'none';
}

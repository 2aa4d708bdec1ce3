/**
 * What the `*-valid-schema-example` and `*-valid-media-example` rules share: turning an OpenAPI Schema object
 * (with `$ref`s into the document) into a self-contained JSON Schema, validating examples with it (by the quick
 * check, or by ajv where the quick check cannot answer), and describing the first error the way Spectral does.
 */
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { RuleContext, SpecFormat } from '../../types.js';
import {
  compileErrorOf,
  type ExampleError,
  isQuickCheckable,
  type QuickCheckContext,
  quickValidate,
} from './example-quick-check.js';
import { type ExpansionContext, expandedSize, largestReference } from './example-schema-size.js';
import { loadAjv } from './openapi-schemas.js';
import { didYouMean } from './suggest.js';
import { isObject, isReferenceObject } from './values.js';

/** Which `required` entries to relax: request bodies never carry read-only properties, responses never write-only ones. */
export type Relax = 'none' | 'readOnly' | 'writeOnly';

export interface ExampleProblem {
  message: string;
  /** Relative to the example. */
  path: (string | number)[];
}

/** A schema ajv could not compile when an example first needed it. */
class CompileFailure extends Error {}

/** A schema whose `$ref`s cannot all be followed, or lead round in a circle: Spectral skips such examples too. */
class Unresolvable extends Error {}

/** Conversion stops here: a schema this large (not counting shared components) is not worth checking examples with. */
const MAX_CONVERTED_NODES = 20_000;
/**
 * All conversions of one document stop here: real specs convert a few tens of thousands of nodes, and a hostile one
 * (a schema with an example at each of a thousand nesting levels) must not make the rule compile for minutes.
 */
const MAX_DOCUMENT_NODES = 100_000;
/**
 * Subschemas, `$ref`s expanded, past which ajv does not validate with a schema: it runs through a reference each
 * time one is reached, and a few hundred bytes of `allOf`s of repeated `$ref`s reach billions. Real specs stay far
 * below (the largest of the vendored ones reach a few thousand); the quick check, which answers for most schemas,
 * checks each component once per place in the example and needs no such limit.
 */
const MAX_EXPANDED_NODES = 100_000;
/** Inline nesting (not counting `$ref`s) beyond which a schema is not compiled: ajv's code grows with depth squared. */
const MAX_INLINE_DEPTH = 100;
const require = createRequire(import.meta.url);

/**
 * ajv-formats' formats, which the quick check validates with, without ajv itself (20 ms and 15 MB to load):
 * they are the very objects `addFormats` gives ajv, so both judge a format alike.
 */
function loadFormats(): Readonly<Record<string, unknown>> {
  return (require('ajv-formats/dist/formats.js') as { fullFormats: Record<string, unknown> }).fullFormats;
}

/** Where converted components live in an ajv instance; never fetched. */
const COMPONENT_BASE = 'https://msctl.invalid/example-schemas/';

/** Keywords whose value is a map of schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);
/** Keywords whose value is a schema or a list of schemas. */
const SCHEMA_VALUED = new Set([
  'items',
  'prefixItems',
  'additionalItems',
  'additionalProperties',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'allOf',
  'anyOf',
  'oneOf',
]);
/** Keywords that validate with plain data; with the two sets above, everything a validator looks at. */
const DATA_VALUED = new Set([
  'type',
  'enum',
  'const',
  'required',
  'format',
  'pattern',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxContains',
  'minContains',
  'maxProperties',
  'minProperties',
  'dependentRequired',
  'nullable',
]);

const SCHEMA_MAP = 1;
const SCHEMA_OR_LIST = 2;
const DEPENDENCIES = 3;
const DATA = 4;

/** How conversion treats each keyword that validates; every other key is an annotation, dropped. */
const KEYWORD_KINDS = new Map<string, number>([
  ...[...SCHEMA_MAPS].map((key) => [key, SCHEMA_MAP] as const),
  ...[...SCHEMA_VALUED].map((key) => [key, SCHEMA_OR_LIST] as const),
  ['dependencies', DEPENDENCIES],
  ...[...DATA_VALUED].map((key) => [key, DATA] as const),
]);

/** A converted subschema, with what converting it again would count: nodes (components aside) and inline height. */
interface ConvertedSubschema {
  converted: unknown;
  nodes: number;
  height: number;
  /** Which relaxations change it (`RELAX_BITS`); a copy none changes is shared by all. */
  sensitivity: number;
}

const RELAX_BITS: Record<Relax, number> = { none: 0, readOnly: 1, writeOnly: 2 };

/** A validator, or why the schema cannot be compiled (Spectral reports that message at the example). */
export type Validator = ValidateFunction | { compileError: string };

/**
 * The ajv that example validation falls back to, with the options its findings are worded by; the quick check's
 * test compares the quick check with this very instance.
 */
export function createExampleAjv(dialect2020: boolean): Ajv {
  const options = {
    allErrors: false,
    strict: false,
    allowUnionTypes: true,
    logger: false as const,
    unicodeRegExp: false,
    // The converted schemas are ours; checking each against the meta-schema would double the cost.
    // Errors carry their schema, to word type errors of nullable schemas.
    verbose: true,
    validateSchema: false,
    // Each schema validates a handful of examples: compiling cheaply matters more than the fastest code.
    inlineRefs: false,
    code: { optimize: false },
  };
  const { Ajv2020, AjvDraft04, addFormats } = loadAjv();
  const ajv = dialect2020 ? new Ajv2020(options) : new AjvDraft04.default(options);
  addFormats.default(ajv);
  return ajv;
}

/**
 * The converted schemas of one document, each `$ref` target converted once (per relaxation) and shared by
 * reference; and, created on first need, one ajv instance that compiles a component once for all its users.
 */
class DocumentSchemas {
  private ajvInstance: Ajv | undefined;
  private readonly components = new Map<object, Map<Relax, string | Unresolvable>>();
  private readonly roots: Record<Relax, Map<object, Validator | null>> = {
    none: new Map(),
    readOnly: new Map(),
    writeOnly: new Map(),
  };
  private readonly converting = new Set<object>();
  private readonly byText = new Map<string, ValidateFunction>();
  /** Converted components by their id, for the check that accepts examples without compiling. */
  private readonly convertedById = new Map<string, object>();
  /** The `$ref` each converted component was first reached by, to name it in messages. */
  private readonly referenceById = new Map<string, string>();
  private readonly expansion: ExpansionContext = {
    component: (id) => this.convertedById.get(id),
    sizes: new Map(),
  };
  private readonly quickContext: QuickCheckContext;
  private nodes = 0;
  private documentNodes = 0;
  /** Of `nodes`, those counted while converting components (which a later conversion finds done). */
  private componentNodes = 0;
  /** The deepest inline level reached by the conversion under way. */
  private deepest = 0;
  /** Which relaxations would change the conversion under way (`RELAX_BITS`). */
  private sensitivity = 0;
  /** The same, per component converted. */
  private readonly targetSensitivity = new Map<object, number>();
  /** `inlineHeight`'s measures, by object of the document. */
  private readonly heights: Heights = new Map();
  /**
   * Converted subschemas, by relaxation and original object: a schema nested in a component and checked as a root
   * too is converted once. Maps, not WeakMaps: they live as long as the document their keys belong to.
   */
  private readonly convertedSubschemas: Record<Relax | 'not', Map<object, ConvertedSubschema>> = {
    none: new Map(),
    readOnly: new Map(),
    writeOnly: new Map(),
    not: new Map(),
  };
  private nextId = 0;

  constructor(
    formats: ReadonlySet<SpecFormat>,
    private readonly context: RuleContext<unknown>,
  ) {
    this.oas2 = formats.has('oas2');
    this.dialect2020 = formats.has('oas3_1');
    this.quickContext = {
      component: (id) => this.convertedById.get(id),
      formats: loadFormats(),
      dialect2020: this.dialect2020,
    };
  }

  private readonly oas2: boolean;
  private readonly dialect2020: boolean;

  /** Loaded and set up by the first example the quick check cannot answer for: most documents never need it. */
  private get ajv(): Ajv {
    if (this.ajvInstance) return this.ajvInstance;
    const ajv = createExampleAjv(this.dialect2020);
    for (const [id, converted] of this.convertedById) ajv.addSchema(converted, id);
    this.ajvInstance = ajv;
    return ajv;
  }

  validatorOf(schema: object, relax: Relax): Validator | null {
    const roots = this.roots[relax];
    const known = roots.get(schema);
    if (known !== undefined) return known;
    let validator: Validator | null;
    // Known to be too deep without converting (and failing) again for each nested example.
    if (inlineHeight(schema, this.heights) > MAX_INLINE_DEPTH) {
      roots.set(schema, null);
      return null;
    }
    try {
      this.nodes = 0;
      this.deepest = 0;
      this.sensitivity = 0;
      const converted = isReferenceObject(schema)
        ? { $ref: this.componentId(schema, relax) }
        : this.convert(schema, relax, false);
      validator = isObject(converted)
        ? this.lazilyCompiled(converted)
        : typeof converted === 'boolean'
          ? this.compile(converted)
          : null;
    } catch (error) {
      // A schema nested deeper than the stack allows cannot be compiled: like a circular one, it is not checked.
      validator =
        error instanceof Unresolvable || error instanceof RangeError
          ? null
          : { compileError: (error as Error).message };
    }
    roots.set(schema, validator);
    return validator;
  }

  /**
   * A validator that takes the quick check's answer (ajv's, without compiling) and compiles the schema only for
   * the examples it cannot answer for. Schemas the quick check does not fully understand are compiled at once,
   * so that a schema ajv cannot compile is still reported (the one compilation failure common in real specs is
   * told without ajv).
   */
  private lazilyCompiled(converted: object): ValidateFunction {
    if (!isQuickCheckable(converted, this.quickContext)) {
      const compileError = compileErrorOf(converted, this.quickContext);
      if (compileError !== undefined) throw new CompileFailure(compileError);
      this.refuseExpansion(converted);
      return this.compile(converted);
    }
    let compiled: ValidateFunction | undefined;
    const validate = ((value: unknown) => {
      const answer = quickValidate(converted, value, this.quickContext);
      if (answer === true) return true;
      if (answer !== undefined) {
        validate.errors = [answer as ExampleError as ErrorObject];
        return false;
      }
      this.refuseExpansion(converted);
      try {
        compiled ??= this.compile(converted);
      } catch (error) {
        // Reported at the example, as a schema that fails to compile up front is.
        throw new CompileFailure((error as Error).message);
      }
      const valid = compiled(value);
      validate.errors = compiled.errors;
      return valid;
    }) as ValidateFunction;
    return validate;
  }

  /** Throws the message an example is reported with when ajv would validate with a schema too large expanded. */
  private refuseExpansion(converted: object): void {
    if (expandedSize(converted, this.expansion, MAX_EXPANDED_NODES) <= MAX_EXPANDED_NODES) return;
    const id = largestReference(converted, this.expansion, MAX_EXPANDED_NODES);
    const reference = id === undefined ? undefined : this.referenceById.get(id);
    const through = reference === undefined ? '' : ` (through "${reference}")`;
    throw new CompileFailure(
      `Not checked: with its $refs expanded, its schema${through} applies more than ` +
        `${MAX_EXPANDED_NODES.toLocaleString('en-US')} subschemas to one place of the example, which could take hours. ` +
        'Reference a schema once where allOf, anyOf or oneOf lists it again and again.',
    );
  }

  /**
   * Inline schemas repeat (every list operation wraps its items the same way): equal converted schemas share one
   * compiled validator, which saves most compilations on specs like Twilio's.
   */
  private compile(converted: object | boolean): ValidateFunction {
    const key = JSON.stringify(converted);
    let validate = this.byText.get(key);
    if (!validate) {
      validate = this.ajv.compile(converted);
      this.byText.set(key, validate);
    }
    return validate;
  }

  /** The id under which the target of `reference` is added, converting it the first time. */
  private componentId(reference: object, wanted: Relax): string {
    const target = this.context.resolve(reference);
    if (!isObject(target) || isReferenceObject(target)) throw new Unresolvable('broken $ref');
    let perRelax = this.components.get(target);
    if (!perRelax) {
      perRelax = new Map();
      this.components.set(target, perRelax);
    }
    const sensitivity = this.targetSensitivity.get(target);
    // A component that relaxing would not change is the same schema relaxed or not: converted and planned once.
    const relax = sensitivity !== undefined && (sensitivity & RELAX_BITS[wanted]) === 0 ? 'none' : wanted;
    const known = perRelax.get(relax);
    if (known instanceof Unresolvable) throw known;
    if (known !== undefined) {
      this.sensitivity |= sensitivity ?? 0;
      return known;
    }
    // A target being converted above us: the `$ref`s go round in a circle.
    if (this.converting.has(target)) throw new Unresolvable('circular $ref');
    this.converting.add(target);
    const nodesBefore = this.nodes;
    const componentNodesBefore = this.componentNodes;
    const deepest = this.deepest;
    const outerSensitivity = this.sensitivity;
    this.sensitivity = 0;
    try {
      const id = `${COMPONENT_BASE}${this.nextId++}`;
      const converted = this.convert(target, relax, false) as Record<string, unknown>;
      this.convertedById.set(id, converted);
      const text = (reference as { $ref?: unknown }).$ref;
      if (typeof text === 'string') this.referenceById.set(id, text);
      this.ajvInstance?.addSchema(converted, id);
      perRelax.set(relax, id);
      const targetSensitivity = this.sensitivity;
      this.targetSensitivity.set(target, targetSensitivity);
      if ((targetSensitivity & RELAX_BITS[relax]) === 0 && !perRelax.has('none')) perRelax.set('none', id);
      this.sensitivity = outerSensitivity | targetSensitivity;
      return id;
    } catch (error) {
      if (error instanceof Unresolvable) perRelax.set(relax, error);
      throw error;
    } finally {
      this.converting.delete(target);
      // Set, not added: components converted inside this one are part of its count already.
      this.componentNodes = componentNodesBefore + (this.nodes - nodesBefore);
      this.deepest = deepest;
    }
  }

  /**
   * `convertOnce`, or its earlier result for the same object and relaxation, counted against the limits as a new
   * conversion would be: the same nodes, less the components it converted then, which are done now. Reused only
   * where no limit is reached, so that whether a schema is checked does not depend on what was converted before.
   */
  private convert(schema: unknown, relax: Relax, inNot: boolean, depth = 0): unknown {
    if (!isObject(schema)) return this.convertOnce(schema, relax, inNot, depth);
    // Inside `not` nothing is relaxed: the copy is the unrelaxed one, but its sensitivity is not known.
    const key = inNot ? 'not' : relax;
    const known = this.convertedSubschemas[key];
    let earlier = known.get(schema);
    if (!earlier && key !== 'none') {
      const unrelaxed = this.convertedSubschemas.none.get(schema);
      if (unrelaxed && (key === 'not' || (unrelaxed.sensitivity & RELAX_BITS[relax]) === 0))
        earlier = unrelaxed;
    }
    if (
      earlier &&
      this.nodes + earlier.nodes <= MAX_CONVERTED_NODES &&
      this.documentNodes + earlier.nodes <= MAX_DOCUMENT_NODES &&
      depth + earlier.height <= MAX_INLINE_DEPTH
    ) {
      this.nodes += earlier.nodes;
      this.documentNodes += earlier.nodes;
      this.deepest = Math.max(this.deepest, depth + earlier.height);
      if (!inNot) this.sensitivity |= earlier.sensitivity;
      return earlier.converted;
    }
    const nodesBefore = this.nodes;
    const componentNodesBefore = this.componentNodes;
    const deepest = this.deepest;
    const outerSensitivity = this.sensitivity;
    this.deepest = depth;
    this.sensitivity = 0;
    const converted = this.convertOnce(schema, relax, inNot, depth);
    const height = this.deepest - depth;
    const sensitivity = this.sensitivity;
    this.deepest = Math.max(deepest, this.deepest);
    this.sensitivity = outerSensitivity | sensitivity;
    const nodes = this.nodes - nodesBefore - (this.componentNodes - componentNodesBefore);
    const entry = { converted, nodes, height, sensitivity };
    known.set(schema, entry);
    // Relaxing changed nothing below: the copy is the unrelaxed one too.
    if (key !== 'none' && key !== 'not' && (sensitivity & RELAX_BITS[relax]) === 0) {
      const unrelaxed = this.convertedSubschemas.none;
      if (!unrelaxed.has(schema)) unrelaxed.set(schema, entry);
    }
    return converted;
  }

  /**
   * A self-contained copy of a Schema object: `$ref`s become references to converted components, and only what
   * validates is kept. Annotations (`description`, `example`, extensions, ...) are dropped, so that schemas that
   * differ only in them compile once; data keywords (`enum`, `const`, ...) are copied as they are.
   */
  private convertOnce(schema: unknown, relax: Relax, inNot: boolean, depth: number): unknown {
    if (++this.nodes > MAX_CONVERTED_NODES) throw new Unresolvable('schema too large');
    if (++this.documentNodes > MAX_DOCUMENT_NODES) throw new Unresolvable('conversion budget spent');
    if (depth > MAX_INLINE_DEPTH) throw new Unresolvable('schema nested too deeply');
    if (depth > this.deepest) this.deepest = depth;
    // Not a Schema object: left for ajv to reject, which Spectral reports too.
    if (!isObject(schema)) return schema;
    // Inside `not`, nothing is relaxed (a relaxed `not` would forbid more, not less).
    if (isReferenceObject(schema)) {
      if (!inNot) return { $ref: this.componentId(schema, relax) };
      const outerSensitivity = this.sensitivity;
      const id = this.componentId(schema, 'none');
      this.sensitivity = outerSensitivity;
      return { $ref: id };
    }
    const copy: Record<string, unknown> = {};
    const nested = (child: unknown, key: string) =>
      this.convert(child, relax, inNot || key === 'not', depth + 1);
    for (const key in schema) {
      // Annotations (most keys) are dropped after one lookup.
      const kind = KEYWORD_KINDS.get(key);
      if (kind === undefined) continue;
      const child = schema[key];
      if (kind === SCHEMA_MAP && isObject(child)) {
        const map: Record<string, unknown> = {};
        for (const name in child) map[name] = this.convert(child[name], relax, inNot, depth + 2);
        copy[key] = map;
      } else if (kind === SCHEMA_OR_LIST) {
        copy[key] = Array.isArray(child) ? child.map((item) => nested(item, key)) : nested(child, key);
      } else if (kind === DEPENDENCIES && isObject(child)) {
        // Draft 4: a list of property names (data) or a schema, per property.
        const map: Record<string, unknown> = {};
        for (const [name, member] of Object.entries(child))
          map[name] = Array.isArray(member) ? member : nested(member, key);
        copy[key] = map;
      } else if (kind === DATA) {
        // Swagger 2.0's boolean `required` (on parameters) is not JSON Schema's list.
        if (this.oas2 && key === 'required' && typeof child === 'boolean') continue;
        copy[key] = child;
      }
    }
    if (!inNot) this.relaxRequired(schema, copy, relax);
    return copy;
  }

  /** Relaxes `required` (unless `relax` is none), and notes which relaxations would change it. */
  private relaxRequired(
    original: Record<string, unknown>,
    copy: Record<string, unknown>,
    relax: Relax,
  ): void {
    const { properties } = original;
    const required = copy.required;
    if (!isObject(properties) || !Array.isArray(required)) return;
    const kept: unknown[] = [];
    for (const name of required) {
      const property = this.context.resolve(properties[String(name)]);
      let sensitivity = 0;
      if (isObject(property)) {
        if (property.readOnly === true) sensitivity |= RELAX_BITS.readOnly;
        if (property.writeOnly === true) sensitivity |= RELAX_BITS.writeOnly;
      }
      this.sensitivity |= sensitivity;
      if ((sensitivity & RELAX_BITS[relax]) === 0) kept.push(name);
    }
    if (relax === 'none') return;
    if (kept.length === 0) delete copy.required;
    else copy.required = kept;
  }
}

type Heights = Map<object, number>;

/**
 * How many levels of objects and arrays a value nests, `$ref`s not followed; each node is measured once
 * (memoized), so asking for every nested schema of a deep tree stays linear.
 */
function inlineHeight(root: object, heights: Heights): number {
  try {
    return measuredHeight(root, 0, heights);
  } catch (error) {
    if (error !== NESTED_DEEPLY) throw error;
    return measuredHeightIteratively(root, heights);
  }
}

/** Thrown by the recursive measure past this depth, which the iterative one then takes over: hostile input. */
const MAX_RECURSIVE_DEPTH = 1000;
const NESTED_DEEPLY = new Error('nested too deeply to measure recursively');

function measuredHeight(node: object, depth: number, heights: Heights): number {
  const known = heights.get(node);
  if (known !== undefined) return known;
  if (depth > MAX_RECURSIVE_DEPTH) throw NESTED_DEEPLY;
  let height = 0;
  for (const key in node) {
    const child = (node as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null) {
      const childHeight = measuredHeight(child, depth + 1, heights) + 1;
      if (childHeight > height) height = childHeight;
    }
  }
  heights.set(node, height);
  return height;
}

function measuredHeightIteratively(root: object, heights: Heights): number {
  const stack: { node: object; expanded: boolean }[] = [{ node: root, expanded: false }];
  while (stack.length > 0) {
    const entry = stack[stack.length - 1] as { node: object; expanded: boolean };
    if (heights.has(entry.node)) {
      stack.pop();
      continue;
    }
    const children = Object.values(entry.node).filter(
      (child): child is object => typeof child === 'object' && child !== null,
    );
    if (!entry.expanded) {
      entry.expanded = true;
      for (const child of children) if (!heights.has(child)) stack.push({ node: child, expanded: false });
      continue;
    }
    stack.pop();
    let height = 0;
    for (const child of children) height = Math.max(height, (heights.get(child) ?? 0) + 1);
    heights.set(entry.node, height);
  }
  return heights.get(root) ?? 0;
}

const documents = new WeakMap<object, DocumentSchemas>();

/**
 * The validator of `schema` (an object of the document, compared by identity), or null when its `$ref`s cannot
 * all be followed or go round in a circle: then the example is not checked, as in Spectral.
 */
export function validatorOf(schema: object, relax: Relax, context: RuleContext<unknown>): Validator | null {
  const root = context.document.data;
  if (typeof root !== 'object' || root === null) return null;
  let schemas = documents.get(root);
  if (!schemas) {
    schemas = new DocumentSchemas(context.document.formats, context);
    documents.set(root, schemas);
  }
  return schemas.validatorOf(schema, relax);
}

/**
 * Validates `value`; undefined (an Example object without `value`) "must exist", as Spectral says. `name` is the
 * key the example is under (`example`, `value`, a media type), which messages use for the example itself;
 * `nullableTypes` (OpenAPI 2.0 and 3.0) words type errors of `nullable` schemas as Spectral does.
 */
export function validateExample(
  value: unknown,
  validate: Validator,
  name: string,
  nullableTypes: boolean,
): ExampleProblem | undefined {
  if (value === undefined) return { message: `"${name}" property must exist`, path: [] };
  if ('compileError' in validate) return { message: validate.compileError, path: [] };
  try {
    if (validate(value)) return undefined;
  } catch (error) {
    if (error instanceof CompileFailure) return { message: error.message, path: [] };
    // An example nested deeper than the stack allows: not checkable, not a problem of the example.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  const error = validate.errors?.[0];
  return error ? describe(error, value, name, nullableTypes) : undefined;
}

/**
 * Spectral's wording (its `better-ajv-errors`): `"status" property must be equal to one of the allowed values:
 * "open", "closed"`, `"id" property type must be integer`, `Property "x" is not expected to be here`.
 */
function describe(error: ErrorObject, value: unknown, name: string, nullableTypes: boolean): ExampleProblem {
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
  const property = String(path[path.length - 1] ?? name);
  const message = (error.message ?? 'is invalid').replace(/'/g, '"').replace(/NOT/g, 'not');
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      return { message: `Property "${extra}" is not expected to be here`, path };
    }
    case 'type': {
      // As Spectral words it for OpenAPI 2.0/3.0: a nullable schema's type list includes null.
      const nullable =
        nullableTypes && (error.parentSchema as { nullable?: unknown } | undefined)?.nullable === true;
      return { message: `"${property}" property type ${message}${nullable ? ',null' : ''}`, path };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      const printed = allowed.map((item) => JSON.stringify(item)).join(', ');
      return {
        message: `"${property}" property ${message}: ${printed}${didYouMean(current, allowed)}`,
        path,
      };
    }
    default:
      return { message: `"${property}" property ${message}`, path };
  }
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

/**
 * How much of a converted schema ajv's generated code can run for one place of a value, `$ref`s expanded. Converted
 * schemas keep `$ref`s as references, so they convert and compile in linear time, but ajv validates through a
 * reference every time it is reached: sixteen levels of `allOf` with nine `$ref`s each to the level below is a few
 * hundred bytes of document and 9^15 validations of one string. Measured before ajv runs, each component once.
 */
import { isObject } from './values.js';

/** What the measure needs: the converted component a `$ref` names (by its id in the ajv instance). */
export interface ExpansionContext {
  component(id: string): object | undefined;
  /** Each converted schema's measure, saturated at `limit + 1`. */
  sizes: Map<object, number>;
}

/** Keywords whose subschemas apply to the same place of the value: each one reached adds its cost. */
const IN_PLACE = new Set([
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependencies',
]);
/**
 * Keywords whose subschemas apply to members of the value: a value large enough to reach them all costs in
 * proportion to its own size, so only the costliest one counts (nine properties naming the level below, sixteen
 * levels deep, are checked along the example, not 9^15 times).
 */
const MEMBERS = new Set([
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'contains',
]);

/**
 * The subschemas ajv can run at one place of a value and along one path into it, with every `$ref` expanded, or
 * `limit + 1` when there are more: the sums saturate, so that a bomb's 9^15 is never computed. Converted schemas
 * have no `$ref` cycles (conversion refuses them), and shared objects are measured once.
 */
export function expandedSize(schema: unknown, context: ExpansionContext, limit: number): number {
  if (!isObject(schema)) return 1;
  const known = context.sizes.get(schema);
  if (known !== undefined) return known;
  let inPlace = 1;
  let members = 0;
  for (const key in schema) {
    const value = schema[key];
    if (key === '$ref' && typeof value === 'string') {
      const target = context.component(value);
      if (target) inPlace += expandedSize(target, context, limit);
    } else if (IN_PLACE.has(key)) {
      for (const part of subschemas(value, key)) inPlace += expandedSize(part, context, limit);
    } else if (MEMBERS.has(key)) {
      for (const part of subschemas(value, key))
        members = Math.max(members, expandedSize(part, context, limit));
    }
    if (inPlace + members > limit) break;
  }
  const size = Math.min(inPlace + members, limit + 1);
  context.sizes.set(schema, size);
  return size;
}

/** The schemas a keyword holds: one, a list, or a map of them (`properties`, draft 4 `dependencies`). */
function subschemas(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return key === 'dependencies' ? [] : value;
  if (!isObject(value)) return [];
  const isMap =
    key === 'properties' ||
    key === 'patternProperties' ||
    key === 'dependentSchemas' ||
    key === 'dependencies';
  // A dependency written as a list of names is data, not a schema.
  return isMap ? Object.values(value).filter((member) => !Array.isArray(member)) : [value];
}

/**
 * The outermost `$ref` of `converted` (not entering the components it names) whose target alone is past `limit`:
 * what a message names as the schema that expands too far. Undefined when no single one is.
 */
export function largestReference(
  converted: unknown,
  context: ExpansionContext,
  limit: number,
): string | undefined {
  const pending: unknown[] = [converted];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const node = pending.shift();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    for (const key in node) {
      const child = (node as Record<string, unknown>)[key];
      if (key === '$ref' && typeof child === 'string') {
        const target = context.component(child);
        if (target && expandedSize(target, context, limit) > limit) return child;
      } else {
        pending.push(child);
      }
    }
  }
  return undefined;
}

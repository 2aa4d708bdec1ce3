/**
 * Small helpers shared by the `oas` rules: type guards over parsed documents, Spectral's printing of values,
 * and linear-time duplicate detection.
 */
export type JsonObject = Record<string, unknown>;

/** A plain object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object that is a `$ref` (left as written because it could not be followed, or in an unresolved rule). */
export function isReferenceObject(value: unknown): value is { $ref: unknown } {
  return isObject(value) && '$ref' in value;
}

/** The HTTP methods Spectral's `oas` functions treat as operations, in Spectral's order. */
export const OPERATION_KEYS: readonly string[] = [
  'get',
  'head',
  'post',
  'put',
  'patch',
  'delete',
  'options',
  'trace',
];

/** Spectral's rendering of a value in messages: strings quoted, other values as JSON. */
export function printValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    // Nested deeper than JSON.stringify's recursion allows (hostile input).
    return Array.isArray(value) ? '[…]' : '{…}';
  }
}

/** Text written as it is, as opposed to a value still to be written. */
class Literal {
  constructor(readonly text: string) {}
}

/**
 * A key equal for values JSON Schema's `uniqueItems` considers equal: JSON with object keys sorted. Iterative, so
 * that a hostile value nested thousands of levels deep cannot exhaust the stack.
 */
export function canonicalJson(root: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Literal) {
      out.push(item.text);
    } else if (Array.isArray(item)) {
      stack.push(new Literal(']'));
      for (let index = item.length - 1; index >= 0; index--) {
        stack.push(item[index]);
        if (index > 0) stack.push(new Literal(','));
      }
      stack.push(new Literal('['));
    } else if (typeof item === 'object' && item !== null) {
      const keys = Object.keys(item).sort();
      stack.push(new Literal('}'));
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index] as string;
        stack.push((item as Record<string, unknown>)[key]);
        stack.push(new Literal(`${index > 0 ? ',' : ''}${JSON.stringify(key)}:`));
      }
      stack.push(new Literal('{'));
    } else {
      out.push(JSON.stringify(item) ?? 'null');
    }
  }
  return out.join('');
}

/**
 * The pair of equal items ajv's `uniqueItems` reports, `[earlier, later]`: the last item that repeats an earlier one,
 * and the closest earlier one it repeats. Linear, through canonical JSON keys (ajv compares every pair).
 */
export function lastDuplicatePair(items: readonly unknown[]): [number, number] | undefined {
  if (items.length < 2) return undefined;
  let strings = true;
  for (let index = 0; index < items.length && strings; index++) strings = typeof items[index] === 'string';
  if (strings) return lastDuplicateKey(items as readonly string[]);
  // Equal items have equal shallow keys, and in most arrays (parameters, tags) no two items share one: only items
  // that do are written out whole, which spares serialising every schema below every parameter.
  const keys = items.map(shallowKey);
  if (!lastDuplicateKey(keys)) return undefined;
  const shallowSeen = new Map<string, number>();
  let candidates: boolean[] | undefined;
  for (let index = 0; index < items.length; index++) {
    const key = keys[index] as string;
    const earlier = shallowSeen.get(key);
    if (earlier !== undefined) {
      candidates ??= [];
      candidates[earlier] = true;
      candidates[index] = true;
    }
    shallowSeen.set(key, index);
  }
  if (!candidates) return undefined;
  const lastSeen = new Map<string, number>();
  let pair: [number, number] | undefined;
  for (let index = 0; index < items.length; index++) {
    if (!candidates[index]) continue;
    const key = canonicalJson(items[index]);
    const earlier = lastSeen.get(key);
    if (earlier !== undefined) pair = [earlier, index];
    lastSeen.set(key, index);
  }
  return pair;
}

/** The highest index whose string repeats an earlier one, and the closest earlier one; Maps only for long lists. */
function lastDuplicateKey(items: readonly string[]): [number, number] | undefined {
  let pair: [number, number] | undefined;
  if (items.length <= SHORT_LIST) {
    for (let later = 1; later < items.length; later++) {
      for (let earlier = later - 1; earlier >= 0; earlier--) {
        if (items[earlier] === items[later]) {
          pair = [earlier, later];
          break;
        }
      }
    }
    return pair;
  }
  const lastSeen = new Map<string, number>();
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as string;
    const earlier = lastSeen.get(item);
    if (earlier !== undefined) pair = [earlier, index];
    lastSeen.set(item, index);
  }
  return pair;
}

/** Lists up to this long compare their items pairwise: cheaper than a Map (most are parameters, `required`). */
const SHORT_LIST = 12;

/**
 * A key that values equal under `canonicalJson` share, cheap to build: for an object its size, the length of its
 * property names and its `name`, `in` and `$ref` (parameters, tags, references to parameters). Values that share
 * it are compared whole.
 */
function shallowKey(value: unknown): string {
  if (typeof value === 'string') return `s${value}`;
  if (Array.isArray(value)) return `[${value.length}`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  let size = 0;
  let namesLength = 0;
  for (const name in value) {
    if (!Object.hasOwn(value, name)) continue;
    size++;
    namesLength += name.length;
  }
  const { name, in: location, $ref: reference } = value as { name?: unknown; in?: unknown; $ref?: unknown };
  return `{${size}:${namesLength}:${member(name)}:${member(location)}:${member(reference)}`;
}

/** A member of a shallow key: a string as it is, anything else by its type. */
function member(value: unknown): string {
  return typeof value === 'string' ? value : typeof value;
}

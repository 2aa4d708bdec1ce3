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
  if (items.every((item) => typeof item === 'string')) return lastDuplicateString(items as readonly string[]);
  // Equal items have equal shallow keys, and in most arrays (parameters, tags) no two items share one: only items
  // that do are written out whole, which spares serialising every schema below every parameter.
  const shallowSeen = new Map<string, number>();
  let candidates: boolean[] | undefined;
  for (let index = 0; index < items.length; index++) {
    const key = shallowKey(items[index]);
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

/** `lastDuplicatePair` of strings, which are their own keys (`required`, `tags`, media types). */
function lastDuplicateString(items: readonly string[]): [number, number] | undefined {
  const lastSeen = new Map<string, number>();
  let pair: [number, number] | undefined;
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as string;
    const earlier = lastSeen.get(item);
    if (earlier !== undefined) pair = [earlier, index];
    lastSeen.set(item, index);
  }
  return pair;
}

/** A key that values equal under `canonicalJson` share: the first level of it, nested values only by kind. */
function shallowKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length}`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  const keys = Object.keys(value).sort();
  let key = '{';
  for (const name of keys) {
    const member = (value as Record<string, unknown>)[name];
    const written =
      typeof member !== 'object' || member === null
        ? (JSON.stringify(member) ?? 'null')
        : Array.isArray(member)
          ? '['
          : '{';
    key += `${JSON.stringify(name)}:${written},`;
  }
  return key;
}

/**
 * `uniqueItems` in linear time, reporting the pair ajv would report. Used by the ajv keyword that replaces
 * `uniqueItems` in the compiled OpenAPI schemas and by the collecting validators generated from them.
 */
import { canonicalJson, isObject, lastDuplicatePair } from './values.js';

/** What ajv reports for `uniqueItems`, or undefined when `items` has no repeated item (or `unique` is not true). */
export function uniqueItemsErrors(
  unique: unknown,
  items: unknown,
  scalarItems: boolean,
): { keyword: string; message: string; params: { i: number; j: number } }[] | undefined {
  if (unique !== true || !Array.isArray(items)) return undefined;
  const pair = scalarItems ? firstDuplicateFromEnd(items) : lastDuplicatePair(items);
  if (!pair) return undefined;
  const [j, i] = pair;
  return [
    {
      keyword: 'uniqueItems',
      message: `must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
      params: { i, j },
    },
  ];
}

/** Whether the array's `items` declare only scalar types: ajv then uses a different search, and reports another pair. */
export function hasScalarItems(parentSchema: unknown): boolean {
  const items = isObject(parentSchema) ? parentSchema.items : undefined;
  const type = isObject(items) ? items.type : undefined;
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  return types.length > 0 && !types.some((item) => item === 'object' || item === 'array');
}

/** ajv's pair for scalar items, `[j, i]`: scanning from the end, the first item seen again later, and where. */
function firstDuplicateFromEnd(items: readonly unknown[]): [number, number] | undefined {
  // Strings (most scalar arrays: `required`, `enum`) are their own keys; other values go through canonical JSON,
  // in a map of their own, as a string never equals another value.
  const seenStrings = new Map<string, number>();
  const seen = new Map<string, number>();
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index];
    const map = typeof item === 'string' ? seenStrings : seen;
    const key = typeof item === 'string' ? item : canonicalJson(item);
    const later = map.get(key);
    if (later !== undefined) return [later, index];
    map.set(key, index);
  }
  return undefined;
}

import type { JsonPath } from '../types.js';

/** Encodes a path as an RFC 6901 JSON pointer (`/paths/~1orders/get`). */
export function toJsonPointer(path: JsonPath): string {
  let pointer = '';
  for (const segment of path) {
    pointer += `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  }
  return pointer;
}

/**
 * Decodes the fragment of a `$ref` (`#/components/schemas/Pet`) into path segments.
 * Fragments are URI fragments, so percent-escapes are decoded before `~1` and `~0`.
 * Returns undefined for fragments that are not JSON pointers (plain-name anchors).
 */
export function parseJsonPointer(fragment: string): string[] | undefined {
  if (fragment === '') return [];
  if (!fragment.startsWith('/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    decoded = fragment;
  }
  return decoded
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

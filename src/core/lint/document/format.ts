import type { SpecFormat } from '../types.js';

/** The formats a parsed root document is, by its `swagger`/`openapi` version field; empty when neither. */
export function detectFormats(data: unknown): Set<SpecFormat> {
  const formats = new Set<SpecFormat>();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return formats;
  const record = data as Record<string, unknown>;
  if (typeof record.swagger === 'string' || typeof record.swagger === 'number') {
    if (String(record.swagger) === '2.0' || String(record.swagger) === '2') formats.add('oas2');
    return formats;
  }
  if (typeof record.openapi === 'string') {
    const version = /^3\.(\d+)(?:\.\d+)?(?:-[\w.]+)?$/.exec(record.openapi);
    if (version) {
      formats.add('oas3');
      if (version[1] === '0') formats.add('oas3_0');
      // 3.2 keeps 3.1's schema dialect, so 3.1 rules apply to it too.
      else formats.add('oas3_1');
    }
  }
  return formats;
}

import { type CoreFunction, describeProperty, isPlainObject } from './types.js';

const cache = new Map<string, RegExp>();

/** A regular expression as rulesets write it: `/^x-/i` with flags, or a bare pattern. */
export function toRegExp(pattern: string): RegExp {
  let regExp = cache.get(pattern);
  if (!regExp) {
    const literal = /^\/(.+)\/([a-z]*)$/s.exec(pattern);
    regExp = literal ? new RegExp(literal[1] as string, literal[2]) : new RegExp(pattern);
    cache.set(pattern, regExp);
  }
  regExp.lastIndex = 0;
  return regExp;
}

/** `pattern`: a string matches `match` and does not match `notMatch`. */
export const pattern: CoreFunction = {
  validateOptions(options) {
    if (!isPlainObject(options) || (options.match === undefined && options.notMatch === undefined)) {
      throw new Error('"pattern" needs "match" or "notMatch"');
    }
    for (const key of ['match', 'notMatch'] as const) {
      if (options[key] !== undefined) toRegExp(String(options[key]));
    }
  },
  run(value, options, context) {
    if (typeof value !== 'string') return undefined;
    const { match, notMatch } = options as { match?: string; notMatch?: string };
    const results = [];
    if (match !== undefined && !toRegExp(match).test(value)) {
      results.push({ message: `${describeProperty(context)} must match the pattern "${match}"` });
    }
    if (notMatch !== undefined && toRegExp(notMatch).test(value)) {
      results.push({ message: `${describeProperty(context)} must not match the pattern "${notMatch}"` });
    }
    return results;
  },
};

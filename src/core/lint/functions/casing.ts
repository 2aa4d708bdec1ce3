import { type CoreFunction, describeProperty, isPlainObject } from './types.js';

const CASES: Readonly<Record<string, { word: string }>> = {
  flat: { word: '[a-z][a-z{__DIGITS__}]*' },
  camel: { word: '[a-z][a-z{__DIGITS__}]*(?:[A-Z{__DIGITS__}](?:[a-z{__DIGITS__}]+|$))*' },
  pascal: { word: '[A-Z][a-z{__DIGITS__}]*(?:[A-Z{__DIGITS__}](?:[a-z{__DIGITS__}]+|$))*' },
  kebab: { word: '[a-z][a-z{__DIGITS__}]*(?:-[a-z{__DIGITS__}]+)*' },
  cobol: { word: '[A-Z][A-Z{__DIGITS__}]*(?:-[A-Z{__DIGITS__}]+)*' },
  snake: { word: '[a-z][a-z{__DIGITS__}]*(?:_[a-z{__DIGITS__}]+)*' },
  macro: { word: '[A-Z][A-Z{__DIGITS__}]*(?:_[A-Z{__DIGITS__}]+)*' },
};

interface CasingOptions {
  type: string;
  disallowDigits?: boolean;
  separator?: { char: string; allowLeading?: boolean };
}

const cache = new Map<string, RegExp>();

function casingRegExp(options: CasingOptions): RegExp {
  const key = JSON.stringify(options);
  let regExp = cache.get(key);
  if (regExp) return regExp;
  const definition = CASES[options.type];
  if (!definition) throw new Error(`unknown casing "${options.type}"`);
  const word = definition.word.replaceAll('{__DIGITS__}', options.disallowDigits ? '' : '0-9');
  let source = `(?:${word})`;
  if (options.separator) {
    const separator = options.separator.char.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
    const leading = options.separator.allowLeading ? `(?:${separator})?` : '';
    source = `${leading}${source}(?:${separator}${source})*`;
  }
  regExp = new RegExp(`^${source}$`);
  cache.set(key, regExp);
  return regExp;
}

/** `casing`: a string is written in one case (camel, pascal, kebab, cobol, snake, macro, flat). */
export const casing: CoreFunction = {
  validateOptions(options) {
    if (!isPlainObject(options) || typeof options.type !== 'string' || !CASES[options.type]) {
      throw new Error(`"casing" needs "type", one of ${Object.keys(CASES).join(', ')}`);
    }
  },
  run(value, options, context) {
    if (typeof value !== 'string' || value.length === 0) return undefined;
    const casingOptions = options as CasingOptions;
    if (casingRegExp(casingOptions).test(value)) return undefined;
    return [{ message: `${describeProperty(context)} must be ${casingOptions.type} case` }];
  },
};

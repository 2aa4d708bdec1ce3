import { type CoreFunction, describeProperty, isPlainObject } from './types.js';

/** `enumeration`: the value is one of `values`. */
export const enumeration: CoreFunction = {
  validateOptions(options) {
    if (!isPlainObject(options) || !Array.isArray(options.values))
      throw new Error('"enumeration" needs "values"');
  },
  run(value, options, context) {
    if (value === undefined) return undefined;
    const { values } = options as { values: unknown[] };
    if (values.includes(value)) return undefined;
    return [
      {
        message: `${describeProperty(context)} must be equal to one of the allowed values: ${values.map((allowed) => `"${String(allowed)}"`).join(', ')}`,
      },
    ];
  },
};

/** `length`: strings by characters, arrays by items, objects by keys, numbers by value, within `min`/`max`. */
export const length: CoreFunction = {
  validateOptions(options) {
    if (!isPlainObject(options) || (options.min === undefined && options.max === undefined)) {
      throw new Error('"length" needs "min" or "max"');
    }
  },
  run(value, options, context) {
    let size: number;
    if (typeof value === 'string' || Array.isArray(value)) size = value.length;
    else if (isPlainObject(value)) size = Object.keys(value).length;
    else if (typeof value === 'number') size = value;
    else return undefined;
    const { min, max } = options as { min?: number; max?: number };
    if (min !== undefined && size < min)
      return [{ message: `${describeProperty(context)} must be longer than ${min}` }];
    if (max !== undefined && size > max)
      return [{ message: `${describeProperty(context)} must be shorter than ${max}` }];
    return undefined;
  },
};

/** `alphabetical`: object keys, or array items (by `keyedBy` for objects), in ascending order. */
export const alphabetical: CoreFunction = {
  run(value, options, context) {
    const keyedBy =
      isPlainObject(options) && typeof options.keyedBy === 'string' ? options.keyedBy : undefined;
    let items: unknown[];
    if (Array.isArray(value)) {
      items = keyedBy ? value.map((item) => (isPlainObject(item) ? item[keyedBy] : undefined)) : value;
    } else if (isPlainObject(value)) {
      items = Object.keys(value);
    } else {
      return undefined;
    }
    for (let index = 1; index < items.length; index++) {
      if (compare(items[index - 1], items[index]) > 0) {
        const at = Array.isArray(value) ? index : String(items[index]);
        return [
          {
            message: `${describeProperty(context)} must be sorted alphabetically${keyedBy ? ` by "${keyedBy}"` : ''}`,
            path: [at],
          },
        ];
      }
    }
    return undefined;
  },
};

function compare(left: unknown, right: unknown): number {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return String(left ?? '').localeCompare(String(right ?? ''));
}

/** `xor`: exactly one of `properties` is present. */
export const xor: CoreFunction = {
  validateOptions(options) {
    if (!isPlainObject(options) || !Array.isArray(options.properties) || options.properties.length < 2) {
      throw new Error('"xor" needs "properties" with at least two names');
    }
  },
  run(value, options) {
    if (!isPlainObject(value)) return undefined;
    const { properties } = options as { properties: string[] };
    const present = properties.filter((property) => value[property] !== undefined);
    if (present.length === 1) return undefined;
    const names = properties.map((property) => `"${property}"`).join(', ');
    return [{ message: `${present.length === 0 ? 'One' : 'Only one'} of ${names} must be defined` }];
  },
};

/** `or`: at least one of `properties` is present. */
export const or: CoreFunction = {
  validateOptions(options) {
    if (!isPlainObject(options) || !Array.isArray(options.properties) || options.properties.length < 1) {
      throw new Error('"or" needs "properties"');
    }
  },
  run(value, options) {
    if (!isPlainObject(value)) return undefined;
    const { properties } = options as { properties: string[] };
    if (properties.some((property) => value[property] !== undefined)) return undefined;
    return [
      {
        message: `At least one of ${properties.map((property) => `"${property}"`).join(', ')} must be defined`,
      },
    ];
  },
};

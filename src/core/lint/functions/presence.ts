import { type CoreFunction, describeProperty } from './types.js';

/** `truthy`: the value is set and not false, 0, '' or null. */
export const truthy: CoreFunction = {
  run: (value, _options, context) =>
    value ? undefined : [{ message: `${describeProperty(context)} must be truthy` }],
};

/** `falsy`: the value is absent, false, 0, '' or null. */
export const falsy: CoreFunction = {
  run: (value, _options, context) =>
    value ? [{ message: `${describeProperty(context)} must be falsy` }] : undefined,
};

/** `defined`: the value is present (even if null). */
export const defined: CoreFunction = {
  run: (value, _options, context) =>
    value === undefined ? [{ message: `${describeProperty(context)} must be defined` }] : undefined,
};

/** `undefined`: the value is absent. */
export const notDefined: CoreFunction = {
  run: (value, _options, context) =>
    value === undefined ? undefined : [{ message: `${describeProperty(context)} must be undefined` }],
};

import { casing } from './casing.js';
import { alphabetical, enumeration, length, or, xor } from './collections.js';
import { pattern } from './pattern.js';
import { defined, falsy, notDefined, truthy } from './presence.js';
import { schema } from './schema.js';
import type { CoreFunction } from './types.js';

export type { CoreFunction, FunctionContext, FunctionResult } from './types.js';

/** Spectral's core functions by the names rulesets use. */
export const CORE_FUNCTIONS: Readonly<Record<string, CoreFunction>> = {
  truthy,
  falsy,
  defined,
  undefined: notDefined,
  pattern,
  casing,
  enumeration,
  length,
  alphabetical,
  schema,
  xor,
  or,
};

import type { JsonPath } from '../types.js';

/** A problem a core function found, at a path relative to the value it was given. */
export interface FunctionResult {
  message: string;
  path?: JsonPath;
}

export interface FunctionContext {
  /** Logical path of the value, for messages. */
  path: JsonPath;
  /** The name under which the value was reached (Spectral's `{{property}}`). */
  property: string | number | undefined;
}

/** A Spectral core function: checks one value against options, returns what is wrong (nothing when fine). */
export interface CoreFunction {
  /** Checks options once, when the ruleset is loaded; throws a message for a bad ruleset. */
  validateOptions?: (options: unknown) => void;
  run(value: unknown, options: unknown, context: FunctionContext): FunctionResult[] | undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `"contact" property` / `The document`: how Spectral names the value in messages. */
export function describeProperty(context: FunctionContext): string {
  return context.property === undefined ? 'The document' : `"${String(context.property)}" property`;
}

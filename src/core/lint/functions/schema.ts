import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { type CoreFunction, isPlainObject } from './types.js';

// ajv and its formats cost ~100 ms to load: only rulesets that use the `schema` function pay for them.
const require = createRequire(import.meta.url);

type Dialect = 'draft7' | 'draft2019-09' | 'draft2020-12';

const validators = new WeakMap<object, ValidateFunction>();
const engines = new Map<Dialect, Ajv>();

function engineFor(dialect: Dialect): Ajv {
  let engine = engines.get(dialect);
  if (!engine) {
    const options = { strict: false, allErrors: true, validateFormats: true, logger: false as const };
    const module =
      dialect === 'draft2020-12'
        ? 'ajv/dist/2020.js'
        : dialect === 'draft2019-09'
          ? 'ajv/dist/2019.js'
          : 'ajv';
    const AjvClass = (require(module) as { default: new (options: object) => Ajv }).default;
    engine = new AjvClass(options);
    (require('ajv-formats') as { default: (ajv: Ajv) => void }).default(engine);
    engines.set(dialect, engine);
  }
  return engine;
}

function dialectOf(schema: Record<string, unknown>, requested: unknown): Dialect {
  const declared =
    typeof requested === 'string' && requested !== 'auto' ? requested : String(schema.$schema ?? '');
  if (declared.includes('2020-12')) return 'draft2020-12';
  if (declared.includes('2019-09')) return 'draft2019-09';
  return 'draft7';
}

function validatorFor(schema: Record<string, unknown>, dialect: unknown): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = engineFor(dialectOf(schema, dialect)).compile(schema);
    validators.set(schema, validate);
  }
  return validate;
}

/** `schema`: the value is valid against a JSON Schema (draft 7, 2019-09 or 2020-12), validated by ajv. */
export const schema: CoreFunction = {
  validateOptions(options) {
    if (!isPlainObject(options) || !isPlainObject(options.schema)) throw new Error('"schema" needs "schema"');
    try {
      validatorFor(options.schema, options.dialect);
    } catch (error) {
      throw new Error(`its JSON Schema does not compile: ${(error as Error).message}`);
    }
  },
  run(value, options) {
    if (value === undefined) return undefined;
    const {
      schema: jsonSchema,
      dialect,
      allErrors,
    } = options as {
      schema: Record<string, unknown>;
      dialect?: string;
      allErrors?: boolean;
    };
    const validate = validatorFor(jsonSchema, dialect);
    if (validate(value)) return undefined;
    const errors = validate.errors ?? [];
    return (allErrors ? errors : errors.slice(0, 1)).map(describeError);
  },
};

function describeError(error: ErrorObject): { message: string; path: string[] } {
  const path = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map(unescapePointer);
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') {
    message = `Property "${String(error.params.additionalProperty)}" is not expected to be here`;
  } else if (error.keyword === 'enum') {
    message = `${message}: ${(error.params.allowedValues as unknown[]).map((allowed) => JSON.stringify(allowed)).join(', ')}`;
  }
  const last = path.at(-1);
  return {
    message:
      last === undefined || error.keyword === 'additionalProperties'
        ? capitalize(message)
        : `"${last}" property ${message}`,
    path,
  };
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

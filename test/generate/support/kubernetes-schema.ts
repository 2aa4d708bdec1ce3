import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Schema = Record<string, unknown>;

const vendored = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../../fixtures/schemas/k8s-1.32-definitions.json'), 'utf8'),
) as { kinds: Record<string, string>; definitions: Record<string, Schema> };

/**
 * Swagger 2 lets unknown fields through; the API server prunes them silently, which hides typos. Every
 * object with declared properties is closed here, so an unknown field is an error. IntOrString and
 * Quantity accept what the API server accepts.
 */
function strictDefinitions(): Record<string, Schema> {
  const close = (schema: unknown): unknown => {
    if (Array.isArray(schema)) return schema.map(close);
    if (schema === null || typeof schema !== 'object') return schema;
    const result: Schema = {};
    for (const [key, value] of Object.entries(schema))
      result[key] = key === 'properties' ? mapValues(value as Schema, close) : close(value);
    if ('properties' in result && !('additionalProperties' in result)) result.additionalProperties = false;
    return result;
  };
  const definitions = mapValues(vendored.definitions, close) as Record<string, Schema>;
  definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = {
    anyOf: [{ type: 'string' }, { type: 'integer' }],
  };
  definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = {
    anyOf: [
      {
        type: 'string',
        pattern: '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[KMGTPE]i|[mkMGTPE])?$',
      },
      { type: 'number' },
    ],
  };
  return definitions;
}

const mapValues = (object: Schema, transform: (value: unknown) => unknown): Schema =>
  Object.fromEntries(Object.entries(object).map(([key, value]) => [key, transform(value)]));

const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is CommonJS with a default export that TypeScript's nodenext view does not see as callable.
(addFormats as unknown as (instance: Ajv) => void)(ajv);
ajv.addSchema({ $id: 'k8s', definitions: strictDefinitions() });
const validators = new Map<string, ValidateFunction>();

/** Validates one manifest against the strict Kubernetes 1.32 schema; returns readable errors, none when valid. */
export function validateKubernetesObject(object: unknown): string[] {
  const { apiVersion, kind } = (object ?? {}) as { apiVersion?: string; kind?: string };
  const definition = vendored.kinds[`${apiVersion}/${kind}`];
  if (!definition) return [`unknown apiVersion/kind ${apiVersion}/${kind}`];
  let validate = validators.get(definition);
  if (!validate) {
    validate = ajv.getSchema(`k8s#/definitions/${definition}`) as ValidateFunction;
    validators.set(definition, validate);
  }
  if (validate(object)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${kind} ${error.instancePath || '/'} ${error.message}${error.params && 'additionalProperty' in error.params ? `: ${error.params.additionalProperty}` : ''}`,
  );
}

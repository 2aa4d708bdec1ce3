/**
 * What the governance rules (family `governance`) share: reading operations, responses and schemas of
 * OpenAPI 2 and 3 alike.
 */
import { HTTP_METHODS, type RuleContext, type RuleTarget } from '../../types.js';
import { isObject, type JsonObject } from './values.js';

export { isObject, type JsonObject };

const METHOD_UNION = HTTP_METHODS.join(',');

/** JSONPath of every Response object of every operation. */
export const RESPONSES_PATH = `$.paths[*][${METHOD_UNION}].responses[*]`;

/** JSONPath of every Media Type object of every OpenAPI 3 request body. */
const REQUEST_BODY_MEDIA_PATH = `$.paths[*][${METHOD_UNION}].requestBody.content[*]`;

/**
 * The roots of what a client sends: parameters (a Swagger 2 parameter is its own schema) and request body schemas.
 * Rules about input limits select these and everything below them.
 */
const INPUT_SCHEMA_ROOTS: readonly string[] = [
  `$.paths[*][${METHOD_UNION}].parameters[*]`,
  '$.paths[*].parameters[*]',
  `${REQUEST_BODY_MEDIA_PATH}.schema`,
];

/** The input roots and every node below them: a rule filters the schemas it cares about in `check`. */
export const INPUT_SCHEMA_NODES: readonly string[] = INPUT_SCHEMA_ROOTS.flatMap((root) => [
  root,
  `${root}..*`,
]);

/** The value of the node `levels` steps above a target (1: the path item of an operation, 2: the operation of a response). */
export function ancestorValueOf(target: RuleTarget, levels = 1): unknown {
  let node: RuleTarget | undefined = target;
  for (let level = 0; level < levels && node; level++) node = node.parent;
  return node?.value;
}

/** The operation of a target selected by `OPERATIONS_PATH`, with its path item. */
export function operationOf(
  target: RuleTarget,
): { operation: JsonObject; pathItem: JsonObject | undefined; method: string } | undefined {
  if (!isObject(target.value) || typeof target.key !== 'string') return undefined;
  const pathItem = ancestorValueOf(target);
  return { operation: target.value, pathItem: isObject(pathItem) ? pathItem : undefined, method: target.key };
}

/** Parameters of an operation and of its path item (the operation's win by name and location), resolved. */
export function parametersOf(
  operation: JsonObject,
  pathItem: JsonObject | undefined,
  context: RuleContext<unknown>,
): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const list of [pathItem?.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const parameter = context.resolve(item);
      if (!isObject(parameter)) continue;
      byKey.set(`${String(parameter.in)}\u0000${String(parameter.name)}`, parameter);
    }
  }
  return [...byKey.values()];
}

/** The security requirements that apply to an operation: its own, else the document's. */
export function effectiveSecurity(operation: JsonObject, document: unknown): unknown[] | undefined {
  if (Array.isArray(operation.security)) return operation.security;
  const global = isObject(document) ? document.security : undefined;
  return Array.isArray(global) ? global : undefined;
}

export const isSuccessStatus = (status: string): boolean => /^2(\d\d|XX)$/i.test(status);
export const isClientErrorStatus = (status: string): boolean => /^4(\d\d|XX)$/i.test(status);
export const isServerErrorStatus = (status: string): boolean => /^5(\d\d|XX)$/i.test(status);

/** 4xx, 5xx and `default`: the responses a client handles as failures. */
export const isErrorStatus = (status: string): boolean =>
  status === 'default' || isClientErrorStatus(status) || isServerErrorStatus(status);

/** The value of a header map entry, matched case-insensitively as HTTP does. */
export function hasHeader(headers: unknown, names: readonly string[]): boolean {
  if (!isObject(headers)) return false;
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  return Object.keys(headers).some((name) => wanted.has(name.toLowerCase()));
}

/** Whether a schema's `type` is or includes `type` (OpenAPI 3.1 allows a list). */
export function hasType(schema: JsonObject, type: string): boolean {
  return schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));
}

/** Whether a media type carries JSON (`application/json`, `application/problem+json`, `text/json; charset=utf-8`). */
function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z]+\/([a-z0-9.!#$&^_-]+\+)?json$/.test(essence) || essence === '*/*';
}

/**
 * The JSON body schema of a response or request body: OpenAPI 3 `content` (a JSON media type first),
 * or the Swagger 2 `schema`. Resolved.
 */
export function bodySchemaOf(container: JsonObject, context: RuleContext<unknown>): JsonObject | undefined {
  if (isObject(container.content)) {
    const entries = Object.entries(container.content);
    const media = entries.find(([type]) => isJsonMediaType(type)) ?? entries[0];
    const mediaObject = context.resolve(media?.[1]);
    const schema = isObject(mediaObject) ? context.resolve(mediaObject.schema) : undefined;
    return isObject(schema) ? schema : undefined;
  }
  const schema = context.resolve(container.schema);
  return isObject(schema) ? schema : undefined;
}

/** The properties of a schema, including those its `allOf` members bring, resolved one level. */
export function propertiesOf(schema: JsonObject, context: RuleContext<unknown>): Map<string, JsonObject> {
  const properties = new Map<string, JsonObject>();
  const parts = [
    schema,
    ...(Array.isArray(schema.allOf) ? schema.allOf.map((part) => context.resolve(part)) : []),
  ];
  for (const part of parts) {
    if (!isObject(part) || !isObject(part.properties)) continue;
    for (const [name, property] of Object.entries(part.properties)) {
      const resolved = context.resolve(property);
      if (isObject(resolved)) properties.set(name, resolved);
    }
  }
  return properties;
}

/** The segments of a path template, without the empty one before the leading slash. */
export function pathSegments(path: string): string[] {
  return path.split('/').slice(1);
}

/** A path segment with its template expressions (`{orderId}`) replaced by a placeholder word. */
export function literalPartOf(segment: string): string {
  return segment.replace(/\{[^}]*\}/g, 'x');
}

/** Whether a media type object or a schema gives an example: `example`, or a non-empty `examples`. */
export function hasExample(node: JsonObject): boolean {
  if (node.example !== undefined) return true;
  if (Array.isArray(node.examples)) return node.examples.length > 0;
  return isObject(node.examples) && Object.keys(node.examples).length > 0;
}

/** Whether a body schema is a file (`format: binary`), for which an example is no help. */
function isBinarySchema(schema: JsonObject | undefined): boolean {
  return schema?.format === 'binary' || schema?.type === 'file';
}

/** Whether a body schema shows an example: its own, or examples written on its properties (which tools compose). */
function schemaShowsExample(schema: unknown, context: RuleContext<unknown>): boolean {
  if (!isObject(schema)) return false;
  if (hasExample(schema) || isBinarySchema(schema)) return true;
  for (const property of propertiesOf(schema, context).values()) {
    if (hasExample(property)) return true;
  }
  return false;
}

/**
 * Whether a request body or response shows an example: one of its media types (OpenAPI 3) has one, on itself or
 * its schema; or, in Swagger 2, the response `examples` or the schema has one. Undefined when there is no body.
 */
export function bodyShowsExample(container: JsonObject, context: RuleContext<unknown>): boolean | undefined {
  if (isObject(container.content)) {
    const media = Object.values(container.content).map((value) => context.resolve(value));
    if (media.length === 0) return undefined;
    return media.some(
      (item) =>
        isObject(item) && (hasExample(item) || schemaShowsExample(context.resolve(item.schema), context)),
    );
  }
  if (container.schema === undefined) return undefined;
  return hasExample(container) || schemaShowsExample(context.resolve(container.schema), context);
}

/** The schema nodes of request bodies (OpenAPI 3 media types, the Swagger 2 `body` parameter) and everything below. */
export const REQUEST_BODY_SCHEMA_NODES: readonly string[] = [
  `${REQUEST_BODY_MEDIA_PATH}.schema`,
  `$.paths[*][${METHOD_UNION}].parameters[?(@.in == 'body')].schema`,
].flatMap((root) => [root, `${root}..*`]);

/** Every `properties` map of every schema: components, Swagger 2 definitions, and inline under paths. */
export const PROPERTIES_MAPS: readonly string[] = [
  '$.components.schemas..properties',
  '$.definitions..properties',
  '$.paths..properties',
];

/** Whether a node is a schema of the given type: its `type` says so, or (objects) it declares `properties`. */
export function isSchemaOfType(node: unknown, type: 'string' | 'array' | 'object'): node is JsonObject {
  if (!isObject(node)) return false;
  if (node.type === undefined) return type === 'object' && isObject(node.properties);
  return hasType(node, type);
}

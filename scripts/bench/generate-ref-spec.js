// A synthetic OpenAPI 3.1 description with about N `$ref`s, shaped like large real ones: component schemas that
// reference each other (with cycles, as expandable objects make them), operations that reference parameters,
// responses, request bodies and schemas. It is clean under `spectral:oas` except for the planted problems below,
// which sit where only a `$ref` cycle reaches them, so that a linter must walk through the cycles to find them.
//
//   node scripts/bench/generate-ref-spec.js --refs 105000 --out big.json
//
// The same N always gives the same bytes.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** What a complete `spectral:oas` lint of every generated spec reports: rule, and path of the finding. */
export const PLANTED_FINDINGS = [
  // In a schema reached only through the cycle CycleStart -> CycleMiddle -> CycleEnd -> CycleStart.
  ['duplicated-entry-in-enum', ['components', 'schemas', 'CycleEnd', 'properties', 'state', 'enum']],
  ['oas3-valid-schema-example', ['components', 'schemas', 'CycleEnd', 'properties', 'rank', 'example']],
  // Below a schema that contains itself (a tree of nodes).
  ['duplicated-entry-in-enum', ['components', 'schemas', 'TreeNode', 'properties', 'kind', 'enum']],
  // A component that nothing references.
  ['oas3-unused-component', ['components', 'schemas', 'Orphan']],
  // One operation without an operationId.
  ['operation-operationId', ['paths', '/resources0/{id}', 'delete']],
];

const SCHEMA_SHARE = 0.1; // schemas per $ref; each holds 3 $refs
const SHARED_SHARE = 0.02; // parameters and responses per $ref
const REFS_PER_PATH = 9;
// Real operations carry prose; this much makes the bytes per `$ref` those of large real descriptions (~450).
const PROSE =
  'The response follows the conventions of the whole API: timestamps are RFC 3339 in UTC, identifiers are opaque ' +
  'strings, and fields that are absent were never set. Related resources are returned as references unless they ' +
  'are expanded with the `expand` query parameter, which accepts dotted paths up to four levels deep. Requests ' +
  'are rate limited per API key; a client that exceeds its quota receives 429 with a Retry-After header and ' +
  'should back off exponentially.';

/** Builds the description as plain data; `refs` is the number of `$ref`s wanted (the result is within a few). */
export function generateRefSpec(refs) {
  const schemaCount = Math.max(10, Math.round(refs * SCHEMA_SHARE));
  const sharedCount = Math.max(2, Math.round(refs * SHARED_SHARE));
  const schemas = {};
  const parameters = {};
  const responses = {};
  const ref = (kind, name) => ({ $ref: `#/components/${kind}/${name}` });
  const schemaName = (index) => `Resource${index}`;

  for (let index = 0; index < schemaCount; index++) {
    schemas[schemaName(index)] = {
      type: 'object',
      description: `A resource of kind ${index}, with an owner, related resources and a parent, as real APIs nest them.`,
      required: ['id', 'name'],
      properties: {
        id: { type: 'string', format: 'uuid', description: 'Unique identifier of the resource.' },
        name: { type: 'string', maxLength: 200, description: 'Human-readable name shown in listings.' },
        createdAt: { type: 'string', format: 'date-time', description: 'When the resource was created.' },
        status: {
          type: 'string',
          enum: ['active', 'archived', 'deleted'],
          description: 'Lifecycle state of the resource.',
        },
        // A multiplicative step through all schemas: every schema is referenced, and the graph has long cycles.
        owner: ref('schemas', schemaName((index * 7 + 3) % schemaCount)),
        related: {
          type: 'array',
          description: 'Resources this one links to.',
          items: ref('schemas', schemaName((index + 1) % schemaCount)),
        },
        parent: {
          description: 'The resource this one belongs to, if any.',
          anyOf: [ref('schemas', schemaName(index === 0 ? schemaCount - 1 : index - 1)), { type: 'null' }],
        },
      },
    };
  }
  Object.assign(schemas, plantedSchemas(ref));

  for (let index = 0; index < sharedCount; index++) {
    parameters[`Filter${index}`] = {
      name: `filter${index}`,
      in: 'query',
      required: false,
      description: `Restricts the listing by attribute ${index}.`,
      schema: index % 2 === 0 ? ref('schemas', schemaName(index % schemaCount)) : { type: 'string' },
    };
    responses[`Resource${index}Response`] = {
      description: `One resource of kind ${index}.`,
      content: { 'application/json': { schema: ref('schemas', schemaName(index % schemaCount)) } },
    };
  }
  parameters.Id = {
    name: 'id',
    in: 'path',
    required: true,
    description: 'Identifier of the resource.',
    schema: { type: 'string' },
  };
  responses.NotFound = {
    description: 'No resource has this identifier.',
    content: { 'application/json': { schema: ref('schemas', 'Problem') } },
  };

  const counted = countRefs({ schemas, parameters, responses });
  const pathCount = Math.max(1, Math.round((refs - counted) / REFS_PER_PATH));
  const paths = {};
  for (let index = 0; index < pathCount; index++) {
    const schema = ref('schemas', schemaName((index * 13) % schemaCount));
    const shared = index % sharedCount;
    const tags = [`group${index % 10}`];
    paths[`/resources${index}/{id}`] = {
      parameters: [ref('parameters', 'Id')],
      get: {
        operationId: `getResource${index}`,
        summary: `Read resource ${index}`,
        description: `Returns resource ${index} with its owner and related resources expanded on request. ${PROSE}`,
        tags,
        parameters: [
          ref('parameters', `Filter${shared}`),
          ref('parameters', `Filter${(shared + 1) % sharedCount}`),
        ],
        responses: { 200: ref('responses', `Resource${shared}Response`), 404: ref('responses', 'NotFound') },
      },
      put: {
        operationId: `replaceResource${index}`,
        summary: `Replace resource ${index}`,
        description: `Replaces resource ${index} as a whole. ${PROSE}`,
        tags,
        requestBody: { required: true, content: { 'application/json': { schema } } },
        responses: {
          200: { description: 'The resource as stored.', content: { 'application/json': { schema } } },
          404: ref('responses', 'NotFound'),
        },
      },
      // The first path's delete is the planted operation without an operationId.
      delete: {
        ...(index === 0 ? {} : { operationId: `deleteResource${index}` }),
        summary: `Delete resource ${index}`,
        description: `Deletes resource ${index}; its related resources stay. ${PROSE}`,
        tags,
        responses: { 204: { description: 'Deleted.' }, 404: ref('responses', 'NotFound') },
      },
    };
  }
  paths['/trees/{id}'] = {
    parameters: [ref('parameters', 'Id')],
    get: {
      operationId: 'getTree',
      summary: 'Read a tree',
      description: 'Returns a tree of nodes and the start of the cycle of schemas.',
      tags: ['group0'],
      responses: {
        200: {
          description: 'The tree.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { tree: ref('schemas', 'TreeNode'), cycle: ref('schemas', 'CycleStart') },
              },
            },
          },
        },
      },
    },
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Synthetic resources API',
      version: '1.0.0',
      description: `A generated description with ${refs} references, for benchmarks.`,
      contact: { name: 'API team', url: 'https://example.org/team', email: 'api@example.org' },
      license: { name: 'Apache 2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: 'https://api.example.org/v1', description: 'Production' }],
    tags: Array.from({ length: 10 }, (_, index) => ({
      name: `group${index}`,
      description: `Resources of group ${index}.`,
    })),
    paths,
    components: { schemas, parameters, responses },
  };
}

function plantedSchemas(ref) {
  return {
    Problem: {
      type: 'object',
      description: 'An RFC 9457 problem.',
      properties: { title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
    },
    TreeNode: {
      type: 'object',
      description: 'A node of a tree: its children are nodes.',
      properties: {
        kind: { type: 'string', enum: ['leaf', 'branch', 'leaf'] },
        children: { type: 'array', items: ref('schemas', 'TreeNode') },
      },
    },
    CycleStart: {
      type: 'object',
      description: 'Start of a cycle of three schemas.',
      properties: { next: ref('schemas', 'CycleMiddle') },
    },
    CycleMiddle: {
      type: 'object',
      description: 'Middle of the cycle.',
      properties: { next: ref('schemas', 'CycleEnd') },
    },
    CycleEnd: {
      type: 'object',
      description: 'End of the cycle, leading back to its start.',
      properties: {
        state: { type: 'string', enum: ['open', 'closed', 'open'] },
        rank: { type: 'integer', example: 'first' },
        next: ref('schemas', 'CycleStart'),
      },
    },
    Orphan: {
      type: 'object',
      description: 'Referenced by nothing.',
      properties: { name: { type: 'string' } },
    },
  };
}

/** The number of `$ref`s in a value. */
export function countRefs(value) {
  if (Array.isArray(value)) return value.reduce((total, item) => total + countRefs(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  let total = typeof value.$ref === 'string' ? 1 : 0;
  for (const child of Object.values(value)) total += countRefs(child);
  return total;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { refs: { type: 'string' }, out: { type: 'string' } } });
  const refs = Number(values.refs);
  if (!Number.isInteger(refs) || refs < 100 || !values.out) {
    process.stderr.write('usage: generate-ref-spec.js --refs N (at least 100) --out FILE\n');
    process.exit(2);
  }
  const spec = generateRefSpec(refs);
  const text = `${JSON.stringify(spec, null, 2)}\n`;
  writeFileSync(values.out, text);
  process.stdout.write(`${JSON.stringify({ refs: countRefs(spec), bytes: Buffer.byteLength(text) })}\n`);
}

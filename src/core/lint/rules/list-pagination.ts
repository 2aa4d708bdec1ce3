import type { Rule } from '../types.js';
import {
  bodySchemaOf,
  hasType,
  isObject,
  type JsonObject,
  operationOf,
  parametersOf,
  propertiesOf,
} from './support/governance.js';

/** Property names under which list responses commonly wrap their page of items. */
export const LIST_WRAPPERS: readonly string[] = ['items', 'data', 'results'];

/** Query parameters that page through a list: offset, page number, cursor and token styles. */
const PAGINATION_PARAMETER =
  /^(limit|offset|cursor|after|before|continue|marker|page|page[-_]?(size|number|token|cursor)|per[-_]?page|size|skip|top|\$top|\$skip|max[-_]?results|starting[-_]?after|ending[-_]?before|next[-_]?token|continuation[-_]?token|page\[[a-z_-]+\])$/i;

function isUnboundedArray(schema: JsonObject): boolean {
  return hasType(schema, 'array') && typeof schema.maxItems !== 'number';
}

/** Whether a 200 body is a list: an array, or an object wrapping one under a usual name. */
function isListBody(schema: JsonObject, context: Parameters<Rule['check']>[1]): boolean {
  if (isUnboundedArray(schema)) return true;
  const properties = propertiesOf(schema, context);
  return LIST_WRAPPERS.some((name) => {
    const property = properties.get(name);
    return property !== undefined && isUnboundedArray(property);
  });
}

/** Lists are paged: a GET returning a collection takes limit/cursor/page-style query parameters. */
export const listPagination: Rule = {
  id: 'list-pagination',
  description: 'GET operations that return a list must take pagination query parameters.',
  severity: 'warn',
  family: 'governance',
  preset: 'recommended',
  given: '$.paths[*].get',
  documentation: {
    rationale: [
      'A list that is returned whole grows with the data: the response that took 20 ms with 50 orders times out',
      'with 500 000, and adding paging later breaks every client. Paging from the first version costs nothing.',
      '',
      'A `get` is a list operation when its `200` JSON body is an array, or an object with an array under',
      `${LIST_WRAPPERS.map((name) => `\`${name}\``).join(', ')} (directly or through \`allOf\`). Arrays with \`maxItems\` are bounded and`,
      "not reported. A list operation must take, in the query (its own parameters or its path item's), one of:",
      '`limit`, `offset`, `cursor`, `after`, `before`, `page`, `pageSize`/`page_size`, `pageNumber`, `pageToken`,',
      '`perPage`/`per_page`, `size`, `skip`, `top`, `$top`, `$skip`, `maxResults`, `startingAfter`, `endingBefore`,',
      '`nextToken`, `continuationToken`, `continue` (Kubernetes), `marker` (OpenStack), or a JSON:API `page[...]`',
      'parameter.',
    ].join('\n'),
    good: [
      'paths:',
      '  /orders:',
      '    get:',
      '      parameters:',
      '        - { name: limit, in: query, schema: { type: integer, maximum: 100 } }',
      '        - { name: cursor, in: query, schema: { type: string } }',
      '      responses:',
      "        '200':",
      '          description: A page of orders.',
      '          content:',
      '            application/json:',
      '              schema:',
      '                type: object',
      '                properties:',
      "                  items: { type: array, items: { $ref: '#/components/schemas/Order' } }",
    ].join('\n'),
    bad: [
      'paths:',
      '  /orders:',
      '    get:',
      '      responses:',
      "        '200':",
      '          description: All orders.',
      '          content:',
      '            application/json:',
      '              schema:',
      '                type: array',
      "                items: { $ref: '#/components/schemas/Order' }",
    ].join('\n'),
  },
  check(target, context) {
    const found = operationOf(target);
    if (!found) return;
    const { operation, pathItem } = found;
    const responses = context.resolve(operation.responses);
    const ok = isObject(responses) ? context.resolve(responses['200']) : undefined;
    if (!isObject(ok)) return;
    const schema = bodySchemaOf(ok, context);
    if (!schema || !isListBody(schema, context)) return;
    const paged = parametersOf(operation, pathItem, context).some(
      (parameter) =>
        parameter.in === 'query' &&
        typeof parameter.name === 'string' &&
        PAGINATION_PARAMETER.test(parameter.name),
    );
    if (paged) return;
    context.report({
      message:
        'List operation must take pagination query parameters (such as `limit` and `cursor`, or `page`).',
      path: operation.parameters === undefined ? [] : ['parameters'],
    });
  },
};

// JSON Schemas that Fastify validates requests with and serialises responses through; openapi.yaml describes the
// same shapes, and test/openapi.test.ts keeps the two route sets equal.

export const itemSchema = {
  type: 'object',
  required: ['id', 'name', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 2000 },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const createItemSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 2000 },
  },
} as const;

export const itemIdParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

export const MAX_PAGE_SIZE = 100;

export const listItemsQuerySchema = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
} as const;

export const itemPageSchema = {
  type: 'object',
  required: ['items', 'total', 'limit', 'offset'],
  additionalProperties: false,
  properties: {
    items: { type: 'array', items: itemSchema },
    total: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1 },
    offset: { type: 'integer', minimum: 0 },
  },
} as const;

export interface CreateItemBody {
  name: string;
  description?: string;
}

export interface ListItemsQuery {
  limit: number;
  offset: number;
}

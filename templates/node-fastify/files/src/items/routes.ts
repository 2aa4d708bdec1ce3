import type { FastifyPluginAsync } from 'fastify';
import { problem, sendProblem } from '../problem.js';
import {
  type CreateItemBody,
  createItemSchema,
  itemIdParamsSchema,
  itemPageSchema,
  itemSchema,
  type ListItemsQuery,
  listItemsQuerySchema,
} from './schemas.js';
import type { ItemStore } from './store.js';

export const itemRoutes: FastifyPluginAsync<{ store: ItemStore }> = async (app, { store }) => {
  app.get<{ Querystring: ListItemsQuery }>(
    '/items',
    { schema: { querystring: listItemsQuerySchema, response: { 200: itemPageSchema } } },
    async (request) => {
      const { limit, offset } = request.query;
      const page = await store.list({ limit, offset });
      return { ...page, limit, offset };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/items/:id',
    { schema: { params: itemIdParamsSchema, response: { 200: itemSchema } } },
    async (request, reply) => {
      const item = await store.get(request.params.id);
      if (!item) return sendProblem(reply, problem(404, `There is no item with id ${request.params.id}.`));
      return item;
    },
  );

  app.post<{ Body: CreateItemBody }>(
    '/items',
    { schema: { body: createItemSchema, response: { 201: itemSchema } } },
    async (request, reply) => {
      const item = await store.create(request.body);
      return reply.code(201).header('location', `/items/${item.id}`).send(item);
    },
  );
};

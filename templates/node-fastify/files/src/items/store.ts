import { randomUUID } from 'node:crypto';
import type { CreateItemBody } from './schemas.js';

export interface Item {
  id: string;
  name: string;
  description?: string;
  createdAt: string;
}

/** Where items live. The in-memory store lets the service run with nothing else; swap in a database here. */
export interface ItemStore {
  list(page: { limit: number; offset: number }): Promise<{ items: Item[]; total: number }>;
  get(id: string): Promise<Item | undefined>;
  create(input: CreateItemBody): Promise<Item>;
}

export function createInMemoryItemStore(now: () => Date = () => new Date()): ItemStore {
  // A Map keeps insertion order, which makes pages stable while items are only added.
  const items = new Map<string, Item>();
  return {
    async list({ limit, offset }) {
      return { items: [...items.values()].slice(offset, offset + limit), total: items.size };
    },
    async get(id) {
      return items.get(id);
    },
    async create(input) {
      const item: Item = {
        id: randomUUID(),
        name: input.name,
        ...(input.description === undefined ? {} : { description: input.description }),
        createdAt: now().toISOString(),
      };
      items.set(item.id, item);
      return item;
    },
  };
}

import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { ItemStore } from '../src/items/store.js';

const apps: ReturnType<typeof buildApp>[] = [];
function app(options: Parameters<typeof buildApp>[0] = {}) {
  const instance = buildApp(options);
  apps.push(instance);
  return instance;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((instance) => instance.close()));
});

describe('items', () => {
  it('creates an item and reads it back', async () => {
    const service = app();
    const created = await service.inject({ method: 'POST', url: '/items', payload: { name: 'first' } });
    expect(created.statusCode).toBe(201);
    const item = created.json();
    expect(item).toMatchObject({ name: 'first' });
    expect(item.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(item.createdAt).toISOString()).toBe(item.createdAt);
    expect(created.headers.location).toBe(`/items/${item.id}`);

    const read = await service.inject({ method: 'GET', url: `/items/${item.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(item);
  });

  it('lists items a page at a time', async () => {
    const service = app();
    for (const name of ['a', 'b', 'c']) {
      await service.inject({ method: 'POST', url: '/items', payload: { name } });
    }
    const first = await service.inject({ method: 'GET', url: '/items?limit=2' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(first.json().items.map((item: { name: string }) => item.name)).toEqual(['a', 'b']);

    const second = await service.inject({ method: 'GET', url: '/items?limit=2&offset=2' });
    expect(second.json().items.map((item: { name: string }) => item.name)).toEqual(['c']);
  });

  it('answers 404 with problem details for an unknown item', async () => {
    const id = '2f1c8f5e-8d4b-4c36-9d2b-6a1f0c3e7b11';
    const response = await app().inject({ method: 'GET', url: `/items/${id}` });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: `There is no item with id ${id}.`,
    });
  });

  it.each([
    ['a missing name', { description: 'no name' }, 'body'],
    ['an empty name', { name: '' }, 'body.name'],
    ['an unknown property', { name: 'x', colour: 'red' }, 'body'],
  ])('answers 400 with the invalid fields for %s', async (_case, payload, location) => {
    const response = await app().inject({ method: 'POST', url: '/items', payload });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 });
    expect(body.errors).toContainEqual(expect.objectContaining({ location }));
  });

  it('refuses a page size above the maximum', async () => {
    const response = await app().inject({ method: 'GET', url: '/items?limit=1000' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ location: 'querystring.limit' }));
  });

  it('refuses malformed JSON with problem details', async () => {
    const response = await app().inject({
      method: 'POST',
      url: '/items',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 500 without internal details when the store fails', async () => {
    const failing: ItemStore = {
      list: () => Promise.reject(new Error('connection string postgres://secret@db')),
      get: () => Promise.reject(new Error('unused')),
      create: () => Promise.reject(new Error('unused')),
    };
    const response = await app({ store: failing }).inject({ method: 'GET', url: '/items' });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
    });
    expect(response.body).not.toContain('secret');
    expect(response.json().detail).toContain(response.headers['x-request-id']);
  });

  it('answers 404 with problem details for an unknown route', async () => {
    const response = await app().inject({ method: 'GET', url: '/nowhere?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().detail).toBe('There is no route GET /nowhere.');
  });
});

describe('request ids', () => {
  it('returns a generated id when the caller sends none', async () => {
    const response = await app().inject({ method: 'GET', url: '/items' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the id the caller sends, so one request can be followed across services', async () => {
    const response = await app().inject({
      method: 'GET',
      url: '/items',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(response.headers['x-request-id']).toBe('abc-123');
  });

  it('replaces an id that could forge log lines', async () => {
    const hostile = 'x\n{"level":60,"msg":"forged"}';
    const response = await app().inject({
      method: 'GET',
      url: '/items',
      headers: { 'x-request-id': encodeURIComponent(hostile) + ' "quoted"' },
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

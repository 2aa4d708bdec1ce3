import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { createInMemoryItemStore, type ItemStore } from '../src/items/store.js';

/** A store whose list waits until the test lets it go, so a request can be held in flight. */
function heldStore() {
  const memory = createInMemoryItemStore();
  let release: () => void = () => {};
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const store: ItemStore = {
    ...memory,
    list: async (page) => {
      markStarted();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return memory.list(page);
    },
  };
  return { store, started, release: () => release() };
}

describe('closing', () => {
  it('finishes the request in flight, then closes its connection and accepts no new one', async () => {
    const held = heldStore();
    const app = buildApp({ store: held.store });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;

    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      received += chunk;
    });
    const socketClosed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('GET /items HTTP/1.1\r\nHost: test\r\n\r\n');
    await held.started;

    const closed = app.close();
    held.release();
    await closed;
    // The server ends the connection itself once its last response is out.
    await socketClosed;

    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).toContain('"items":[]');
    const refused = await new Promise<string>((resolve) => {
      connect({ host: '127.0.0.1', port })
        .once('connect', () => resolve('connected'))
        .once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});

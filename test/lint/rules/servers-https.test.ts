import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'servers-https';

describe(RULE, () => {
  it('accepts https, relative URLs and plain http to loopback hosts', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
servers:
  - url: https://api.example.com/v1
  - url: /v1
  - url: http://localhost:3000
  - url: http://127.0.0.1:8080/api
  - url: http://orders.localhost
  - url: http://[::1]:3000
  - url: '{scheme}://api.example.com'
    variables:
      scheme: { default: https, enum: [https] }
paths: {}
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports plain http at root, path and operation servers, with variables expanded', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
servers:
  - url: http://api.example.com
  - url: '{scheme}://{host}'
    variables:
      scheme: { default: http }
      host: { default: api.example.com }
paths:
  /orders:
    servers: [{ url: 'HTTP://orders.example.com' }]
    get:
      servers: [{ url: 'ws://user@stream.example.com/events' }]
`,
      [RULE],
    );
    expect(findings.map(({ path }) => path)).toEqual([
      ['servers', 0, 'url'],
      ['servers', 1, 'url'],
      ['paths', '/orders', 'servers', 0, 'url'],
      ['paths', '/orders', 'get', 'servers', 0, 'url'],
    ]);
    expect(findings[0]?.severity).toBe(0);
  });

  it('reports Swagger 2 `schemes` with http unless the host is a loopback address', async () => {
    const remote = await lintText(
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'A', version: '1' },
        host: 'api.example.com',
        schemes: ['https', 'http'],
        paths: {},
      }),
      [RULE],
      'swagger.json',
    );
    expect(remote.map(({ path }) => path)).toEqual([['schemes', 1]]);
    const local = await lintText(
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'A', version: '1' },
        host: 'localhost:8080',
        schemes: ['http'],
        paths: {},
      }),
      [RULE],
      'swagger.json',
    );
    expect(local).toEqual([]);
  });
});

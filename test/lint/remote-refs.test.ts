import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintDocument } from '../../src/core/lint/lint.js';
import type { Rule } from '../../src/core/lint/types.js';
import { writeFiles } from './helpers.js';

const FILES: Record<string, string> = {
  '/shared/errors.yaml':
    "Problem:\n  description: a problem\n  content:\n    application/problem+json:\n      schema: { $ref: 'schemas.yaml#/Problem' }\n",
  '/shared/schemas.yaml': 'Problem:\n  type: object\n  description: ""\n',
};

let server: Server;
let base: string;
let requests: string[];

beforeAll(async () => {
  requests = [];
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const body = FILES[request.url ?? ''];
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/yaml' });
    response.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const emptyDescription: Rule = {
  id: 'schema-description',
  description: 'schemas have a description',
  severity: 'warn',
  family: 'governance',
  preset: 'all',
  given: '$..schema',
  documentation: { rationale: 'test' },
  check(target, context) {
    if (!(target.value as { description?: string }).description)
      context.report({ message: 'no description', path: ['description'] });
  },
};

async function lintRemote(allowRemote: boolean) {
  const folder = await writeFiles({
    'openapi.yaml': `openapi: 3.0.0
info: { title: a, version: "1" }
paths:
  /a:
    get:
      responses:
        '400': { $ref: '${base}/shared/errors.yaml#/Problem' }
`,
  });
  return lintDocument(join(folder, 'openapi.yaml'), {
    ruleset: { rules: [{ rule: emptyDescription, severity: 'warn' }] },
    cwd: folder,
    allowRemote,
  });
}

describe('remote $refs', () => {
  it('are not fetched without --allow-remote: no request is made, the $ref is reported', async () => {
    requests.length = 0;
    const result = await lintRemote(false);
    expect(requests).toEqual([]);
    expect(result.findings.map((finding) => finding.code)).toEqual(['invalid-ref']);
    expect(result.findings[0]?.message).toContain('--allow-remote');
  });

  it('are fetched with --allow-remote, relative references resolve against the URL, findings name the URL', async () => {
    requests.length = 0;
    const result = await lintRemote(true);
    expect(requests.sort()).toEqual(['/shared/errors.yaml', '/shared/schemas.yaml']);
    expect(result.findings.map(({ code, source, path }) => ({ code, source, path }))).toEqual([
      { code: 'schema-description', source: `${base}/shared/schemas.yaml`, path: ['Problem', 'description'] },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas3-server-variables';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\nservers:\n  - url: 'https://{region}.orders.io'\n    variables: { region: { default: eu, enum: [eu, us] } }\npaths: {}\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      "openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\nservers:\n  - url: 'https://{region}.orders.io/{version}'\n    variables: { region: { default: ap, enum: [eu, us] }, zone: { default: a } }\npaths: {}\n",
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['servers', 0, 'variables'] },
      { code: RULE, path: ['servers', 0, 'variables', 'region', 'default'] },
      { code: RULE, path: ['servers', 0, 'variables', 'zone'] },
    ]);
  });

  it('stops substituting a huge product of enum values (hostile input) and still answers', async () => {
    const variables = ['a', 'b', 'c', 'd', 'e', 'f']
      .map(
        (name) =>
          `      ${name}: { default: v0, enum: [${Array.from({ length: 30 }, (_, index) => `v${index}`).join(', ')}] }`,
      )
      .join('\n');
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
servers:
  - url: 'https://{a}.{b}.{c}.{d}.{e}.{f}.orders.io'
    variables:
${variables}
paths: {}
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('does not recurse once per variable of a URL with thousands of them (hostile input)', async () => {
    const names = Array.from({ length: 20_000 }, (_, index) => `v${index}`);
    const server = {
      url: `https://example.com/${names.map((name) => `{${name}}`).join('/')}`,
      variables: Object.fromEntries(names.map((name) => [name, { default: 'x', enum: ['x'] }])),
    };
    const document = { openapi: '3.0.3', info: { title: 't', version: '1' }, servers: [server], paths: {} };
    expect(await lintText(JSON.stringify(document), [RULE], 'openapi.json')).toEqual([]);
  });

  it('finds variables in linear time in a URL of many "{" and no "}" (hostile input)', async () => {
    const document = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      servers: [
        { url: `https://orders.io/${'{'.repeat(300_000)}` },
        { url: 'https://{region}.orders.io/{}}' },
      ],
      paths: {},
    };
    const findings = await lintText(JSON.stringify(document), [RULE], 'openapi.json');
    // As Spectral's `/{(.+?)}/g` reads the second URL: `{region}` and `{}}` (a variable named "}").
    expect(findings.map(({ path, message }) => ({ path, message }))).toEqual([
      {
        path: ['servers', 1],
        message: 'Not all server\'s variables are described with "variables" object. Missed: region, }.',
      },
    ]);
  });
});

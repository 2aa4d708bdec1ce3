import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument, lintFiles } from '../../src/core/lint/lint.js';
import type { Rule, RuleTarget } from '../../src/core/lint/types.js';
import { lintText, writeFiles } from './helpers.js';

/** A rule that records the path of every target it is handed and reports nothing. */
function recorder(given: string, resolved: boolean, seen: string[]): Rule {
  return {
    id: `recorder ${given}`,
    description: 'records targets',
    severity: 'warn',
    family: 'governance',
    preset: 'all',
    given,
    resolved,
    documentation: { rationale: 'test' },
    check(target: RuleTarget) {
      seen.push(target.path.join('.') || '$');
    },
  };
}

const PETSTORE = `openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
            example: 3
      responses:
        '200':
          description: ok
`;

describe('the walk', () => {
  it('hands a `$` rule the root only, also when it is the only path of its kind (raw or resolved)', async () => {
    const folder = await writeFiles({ 'openapi.yaml': PETSTORE });
    const rawRoot: string[] = [];
    const resolvedExamples: string[] = [];
    await lintDocument(join(folder, 'openapi.yaml'), {
      ruleset: {
        rules: [
          { rule: recorder('$', false, rawRoot), severity: 'warn' },
          { rule: recorder('$..example', true, resolvedExamples), severity: 'warn' },
        ],
      },
      cwd: folder,
    });
    expect(rawRoot).toEqual(['$']);
    expect(resolvedExamples).toEqual(['paths./pets.get.parameters.0.schema.example']);

    const resolvedRoot: string[] = [];
    const rawInfo: string[] = [];
    await lintDocument(join(folder, 'openapi.yaml'), {
      ruleset: {
        rules: [
          { rule: recorder('$', true, resolvedRoot), severity: 'warn' },
          { rule: recorder('$..title', false, rawInfo), severity: 'warn' },
        ],
      },
      cwd: folder,
    });
    expect(resolvedRoot).toEqual(['$']);
    expect(rawInfo).toEqual(['info.title']);
  });
});

describe('what a rule is given', () => {
  it('gives every target its parent, through `$ref`s, up to the root', async () => {
    const folder = await writeFiles({
      'openapi.yaml': `openapi: 3.0.3
info: { title: Pets, version: 1.0.0 }
paths:
  /pets:
    get:
      responses:
        '200': { $ref: '#/components/responses/Pets' }
components:
  responses:
    Pets:
      description: ok
      content:
        application/json:
          schema: { type: string, enum: [a, b] }
`,
    });
    const chains: string[] = [];
    const rule: Rule = {
      ...recorder('$.paths[*][*].responses[*]..enum', true, []),
      check(target) {
        const keys: string[] = [];
        for (let node: RuleTarget | undefined = target; node; node = node.parent) {
          keys.push(String(node.key ?? '$'));
        }
        chains.push(keys.join(' < '));
      },
    };
    await lintDocument(join(folder, 'openapi.yaml'), {
      ruleset: { rules: [{ rule, severity: 'warn' }] },
      cwd: folder,
    });
    expect(chains).toEqual([
      'enum < schema < application/json < content < 200 < responses < get < /pets < paths < $',
    ]);
  });

  it('places reports of a rule that sees `$ref`s as written at the path as written', async () => {
    const folder = await writeFiles({
      'openapi.yaml': `openapi: 3.0.3
info: { title: Pets, version: 1.0.0 }
paths: {}
components:
  schemas:
    Pet:
      $ref: './pet.yaml'
      description: dropped by every tool
`,
      'pet.yaml': 'type: object\ndescription: the real one\n',
    });
    const rule: Rule = {
      ...recorder('$..$ref', false, []),
      check(target, context) {
        context.report({ message: 'beside a $ref', target: target.parent, path: ['description'] });
      },
    };
    const { findings } = await lintDocument(join(folder, 'openapi.yaml'), {
      ruleset: { rules: [{ rule, severity: 'warn' }] },
      cwd: folder,
    });
    expect(
      findings.map(({ source, path, range }) => [source.split('/').pop(), path, range.start.line]),
    ).toEqual([['openapi.yaml', ['components', 'schemas', 'Pet', 'description'], 7]]);
  });

  it('resolves a `$ref` against the file it is written in, also below a value resolved from another folder', async () => {
    const folder = await writeFiles({
      'openapi.yaml': `openapi: 3.0.3
info: { title: Users, version: 1.0.0 }
paths:
  /users/{id}:
    get:
      $ref: './operations/get-user.yaml'
`,
    });
    await mkdir(join(folder, 'operations', 'parameters'), { recursive: true });
    await writeFile(
      join(folder, 'operations', 'get-user.yaml'),
      "parameters:\n  - $ref: './parameters/id.yaml'\nresponses:\n  '200': { description: ok }\n",
    );
    await writeFile(
      join(folder, 'operations', 'parameters', 'id.yaml'),
      'name: id\nin: path\nrequired: true\nschema: { type: string }\n',
    );
    const names: unknown[] = [];
    const rule: Rule = {
      ...recorder('$.paths[*]', true, []),
      check(target, context) {
        const operation = context.resolve((target.value as { get: unknown }).get) as {
          parameters: unknown[];
        };
        const parameter = context.resolve(operation.parameters[0]) as { name?: unknown };
        names.push(parameter.name);
      },
    };
    const { findings } = await lintDocument(join(folder, 'openapi.yaml'), {
      ruleset: { rules: [{ rule, severity: 'warn' }] },
      cwd: folder,
    });
    expect(findings).toEqual([]);
    expect(names).toEqual(['id']);
  });
});

describe('x-lint-ignore written with escapes', () => {
  const document = (key: string) =>
    `{"openapi": "3.0.3", "info": {"title": "t", "version": "1", ${key}: "info-contact"}, "paths": {}}`;

  for (const [spelling, key] of [
    ['plainly', '"x-lint-ignore"'],
    ['with a JSON escape', '"x-lint-\\u0069gnore"'],
    ['with an upper-case JSON escape', '"x\\u002Dlint-ignore"'],
  ] as const) {
    it(`is honoured when written ${spelling}`, async () => {
      expect(await lintText(document(key), ['info-contact'], 'openapi.json')).toEqual([]);
    });
  }

  it('does not hide findings of documents without it', async () => {
    const findings = await lintText(document('"x-other"'), ['info-contact'], 'openapi.json');
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'info-contact', path: ['info'] },
    ]);
  });
});

describe('invalid-ref', () => {
  it('reports the $ref objects that lead nowhere at their paths, not $ref text in prose', async () => {
    const text = `openapi: 3.0.3
info:
  title: t
  version: "1"
  description: "Write $ref: '#/nowhere' to point somewhere."
paths:
  /a:
    get:
      parameters:
        - $ref: '#/components/parameters/limit'
        - $ref: '#/components/parameters/missing'
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Gone' } } } }
components:
  parameters:
    limit: { name: limit, in: query, schema: { type: integer } }
`;
    const findings = await lintText(text, [], 'openapi.yaml');
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'invalid-ref', path: ['paths', '/a', 'get', 'parameters', 1, '$ref'] },
      {
        code: 'invalid-ref',
        path: ['paths', '/a', 'get', 'responses', '200', 'content', 'application/json', 'schema', '$ref'],
      },
    ]);
  });

  it('reports a message once per path, in reading order, and a file shared by two services once', async () => {
    const folder = await writeFiles({ 'openapi.yaml': PETSTORE });
    const rule: Rule = {
      ...recorder('$', true, []),
      check(_target, context) {
        // Twice the same message at one path (`0` and `'0'` are one pointer), and a second message there.
        context.report({ message: 'late', path: ['paths', '/pets'] });
        context.report({ message: 'same', path: ['info', 'title'] });
        context.report({ message: 'other', path: ['info', 'title'] });
        context.report({ message: 'same', path: ['info', 'title'] });
        context.report({ message: 'limit', path: ['paths', '/pets', 'get', 'parameters', 0] });
        context.report({ message: 'limit', path: ['paths', '/pets', 'get', 'parameters', '0'] });
      },
    };
    const file = join(folder, 'openapi.yaml');
    const result = await lintFiles(
      [
        { file, service: 'first' },
        { file, service: 'second' },
      ],
      { ruleset: { rules: [{ rule, severity: 'warn' }] }, cwd: folder },
    );
    expect(result.findings.map(({ message, path, service }) => [message, path.join('.'), service])).toEqual([
      ['same', 'info.title', 'first'],
      ['other', 'info.title', 'first'],
      ['late', 'paths./pets', 'first'],
      ['limit', 'paths./pets.get.parameters.0', 'first'],
    ]);
  });
});

import { realpath, symlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument, recommendedRuleset } from '../../src/core/lint/lint.js';
import type { Finding, Rule } from '../../src/core/lint/types.js';
import { writeFiles } from './helpers.js';

/** A rule that reports every node `given` selects, optionally at a path below it. */
function probe(given: string, path: string[] = []): Rule {
  return {
    id: 'probe',
    description: 'probe',
    severity: 'warn',
    family: 'governance',
    preset: 'all',
    given,
    documentation: { rationale: 'test' },
    check(_target, context) {
      context.report({ message: 'seen', path });
    },
  };
}

async function lintWith(folder: string, file: string, rule: Rule, options = {}): Promise<Finding[]> {
  const result = await lintDocument(join(folder, file), {
    ruleset: { rules: [{ rule, severity: 'warn' }] },
    cwd: folder,
    ...options,
  });
  return result.findings;
}

const brief = (findings: Finding[]) =>
  findings.map(({ code, source, path, range }) => ({
    code,
    file: source.split('/').pop(),
    path: path.join('.'),
    at: `${range.start.line}:${range.start.character}`,
  }));

describe('documents and $ref', () => {
  it('places findings in the referenced file, at its own path, line and column', async () => {
    const folder = await writeFiles({
      'openapi.yaml': `openapi: 3.1.0
info: { title: Shop, version: "1" }
paths:
  /orders:
    get:
      responses:
        '200':
          $ref: 'responses.yaml#/Ok'
        '404':
          $ref: '#/components/responses/Missing'
components:
  responses:
    Missing:
      description: not here
`,
      'responses.yaml': '# shared responses\nOk:\n  description: fine\n',
    });
    const findings = await lintWith(
      folder,
      'openapi.yaml',
      probe('$.paths[*][*].responses[*]', ['description']),
    );
    expect(brief(findings)).toEqual([
      { code: 'probe', file: 'openapi.yaml', path: 'components.responses.Missing.description', at: '13:19' },
      { code: 'probe', file: 'responses.yaml', path: 'Ok.description', at: '2:15' },
    ]);
  });

  it('decodes ~0, ~1 and percent-escapes in JSON pointers, and escapes in JSON keys', async () => {
    const folder = await writeFiles({
      'openapi.json': JSON.stringify(
        {
          openapi: '3.0.0',
          info: { title: 'a', version: '1' },
          paths: {
            '/a': { get: { responses: { '200': { $ref: '#/x-defs/a~1b~0c%20d' } } } },
          },
          'x-defs': { 'a/b~c d': { description: 'quo"ted\\' } },
        },
        null,
        2,
      ),
    });
    const findings = await lintWith(
      folder,
      'openapi.json',
      probe('$.paths[*][*].responses[*]', ['description']),
    );
    expect(brief(findings)).toEqual([
      { code: 'probe', file: 'openapi.json', path: 'x-defs.a/b~c d.description', at: '19:21' },
    ]);
  });

  it('reports a $ref to a missing file, a missing pointer and a remote URL as invalid-ref, and keeps going', async () => {
    const folder = await writeFiles({
      'openapi.yaml': `openapi: 3.0.0
info: { title: Shop, version: "1" }
paths:
  /a:
    get:
      responses:
        '200': { $ref: 'gone.yaml#/Ok' }
        '400': { $ref: '#/components/responses/Nope' }
        '500': { $ref: 'https://example.com/errors.yaml#/Oops' }
`,
    });
    const result = await lintDocument(join(folder, 'openapi.yaml'), { ruleset: { rules: [] }, cwd: folder });
    expect(
      result.findings.map(({ code, path, severity }) => ({ code, path: path.join('.'), severity })),
    ).toEqual([
      { code: 'invalid-ref', path: 'paths./a.get.responses.200.$ref', severity: 0 },
      { code: 'invalid-ref', path: 'paths./a.get.responses.400.$ref', severity: 0 },
      { code: 'invalid-ref', path: 'paths./a.get.responses.500.$ref', severity: 0 },
    ]);
    expect(result.findings[0]?.message).toMatch(/no such file/);
    expect(result.findings[2]?.message).toMatch(/--allow-remote/);
  });

  it('does not take a $ref written in prose for a reference', async () => {
    const folder = await writeFiles({
      'openapi.yaml': `openapi: 3.0.0
info:
  title: a
  version: "1"
  description: "Use $ref: 'missing.yaml' to share schemas; see $ref: other.yaml too."
paths:
  /a:
    get:
      responses:
        '200': { $ref: '#/components/responses/Ok' }
components:
  responses:
    Ok: { description: ok }
`,
    });
    const result = await lintDocument(join(folder, 'openapi.yaml'), { ruleset: { rules: [] }, cwd: folder });
    expect(result.findings).toEqual([]);
    expect(result.sources).toEqual([join(folder, 'openapi.yaml')]);
  });

  it('walks circular references once: a $ref back into its own ancestors is seen as written', async () => {
    const folder = await writeFiles({
      'openapi.yaml': `openapi: 3.0.0
info: { title: Shop, version: "1" }
paths: {}
components:
  schemas:
    Node:
      type: object
      properties:
        next: { $ref: '#/components/schemas/Node' }
        other: { $ref: 'other.yaml#/Other' }
`,
      'other.yaml':
        'Other:\n  type: object\n  properties:\n    back: { $ref: "openapi.yaml#/components/schemas/Node" }\n',
    });
    const findings = await lintWith(folder, 'openapi.yaml', probe('$..properties[*]'));
    expect(brief(findings).map((finding) => `${finding.file}#${finding.path}`)).toEqual([
      'openapi.yaml#components.schemas.Node.properties.next',
      'other.yaml#Other',
      'other.yaml#Other.properties.back',
    ]);
  });

  it('follows a chain of 2000 $refs and reports a loop of $refs as invalid-ref', async () => {
    const schemas: Record<string, unknown> = {};
    for (let index = 0; index < 2000; index++)
      schemas[`S${index}`] = { $ref: `#/components/schemas/S${index + 1}` };
    schemas.S2000 = { type: 'string', description: 'end' };
    schemas.LoopA = { $ref: '#/components/schemas/LoopB' };
    schemas.LoopB = { $ref: '#/components/schemas/LoopA' };
    const folder = await writeFiles({
      'openapi.json': JSON.stringify({
        openapi: '3.0.0',
        info: { title: 'a', version: '1' },
        paths: {},
        components: { schemas },
      }),
    });
    const result = await lintDocument(join(folder, 'openapi.json'), {
      ruleset: { rules: [{ rule: probe('$.components.schemas.S0', ['description']), severity: 'warn' }] },
      cwd: folder,
    });
    expect(result.findings.map(({ code, path }) => `${code} ${path.join('.')}`)).toEqual([
      'probe components.schemas.S2000.description',
      'invalid-ref components.schemas.LoopA.$ref',
      'invalid-ref components.schemas.LoopB.$ref',
    ]);
  });

  it('does not read files outside the document folder and the working directory', async () => {
    const outside = await writeFiles({ 'secret.yaml': 'token: hunter2\n' });
    const folder = await writeFiles({
      'openapi.yaml': `openapi: 3.0.0\ninfo: { title: a, version: "1" }\npaths: {}\nx-leak: { $ref: '${join(outside, 'secret.yaml')}' }\n`,
    });
    const result = await lintDocument(join(folder, 'openapi.yaml'), { ruleset: { rules: [] }, cwd: folder });
    expect(result.findings.map((finding) => finding.code)).toEqual(['invalid-ref']);
    expect(result.findings[0]?.message).toMatch(/leaves the folders/);
    expect(result.sources).toEqual([join(folder, 'openapi.yaml')]);
  });

  it('confined to a folder, reads no $ref target that resolves outside it, through a symlink either', async () => {
    const outside = await writeFiles({ 'secret.yaml': 'token: hunter2\n' });
    const folder = await realpath(
      await writeFiles({
        'openapi.yaml': `openapi: 3.0.0\ninfo: { title: a, version: "1" }\npaths: {}\nx-a: { $ref: 'link.yaml' }\nx-b: { $ref: 'inside.yaml' }\nx-c: { $ref: '../${basename(outside)}/secret.yaml' }\n`,
        'inside.yaml': 'fine: true\n',
      }),
    );
    await symlink(join(outside, 'secret.yaml'), join(folder, 'link.yaml'));
    // The working directory (a default allowed folder) contains everything: only the confinement refuses.
    const result = await lintDocument(join(folder, 'openapi.yaml'), {
      ruleset: { rules: [] },
      cwd: folder,
      allowedFolders: ['/'],
      confineReadsTo: folder,
    });
    expect(result.findings.map(({ code, path }) => `${code} ${path.join('.')}`)).toEqual([
      'invalid-ref x-a.$ref',
      'invalid-ref x-c.$ref',
    ]);
    for (const finding of result.findings) {
      expect(finding.message).toContain(`is outside ${folder}, the only folder this lint may read`);
    }
    expect(result.sources).toEqual([join(folder, 'openapi.yaml'), join(folder, 'inside.yaml')]);
  });

  it('reports a document of no known format, and does not run format-bound rules on it', async () => {
    const folder = await writeFiles({ 'notes.yaml': 'title: not an API\n' });
    const rule: Rule = { ...probe('$'), formats: ['oas3'] };
    const findings = await lintWith(folder, 'notes.yaml', rule);
    expect(findings.map((finding) => finding.code)).toEqual(['unrecognized-format']);
  });

  it("reports only unrecognized-format under msctl's own rules, while a ruleset's own rules still run", async () => {
    const folder = await writeFiles({ 'notes.yaml': 'title: not an API\ninfo: {}\n' });
    const recommended = recommendedRuleset();
    const alone = await lintDocument(join(folder, 'notes.yaml'), { ruleset: recommended, cwd: folder });
    expect(alone.findings.map((finding) => finding.code)).toEqual(['unrecognized-format']);
    const own = await lintDocument(join(folder, 'notes.yaml'), {
      ruleset: { rules: [...recommended.rules, { rule: probe('$.title'), severity: 'warn' }] },
      cwd: folder,
    });
    expect(own.findings.map((finding) => finding.code).sort()).toEqual(['probe', 'unrecognized-format']);
  });

  it('honours x-lint-ignore on the node and its ancestors, by rule id', async () => {
    const folder = await writeFiles({
      'openapi.yaml': `openapi: 3.0.0
info: { title: a, version: "1" }
paths:
  /a:
    x-lint-ignore: probe
    get: { responses: {} }
  /b:
    get: { x-lint-ignore: [other-rule], responses: {} }
`,
    });
    const findings = await lintWith(folder, 'openapi.yaml', probe('$.paths[*].get'));
    expect(findings.map((finding) => finding.path.join('.'))).toEqual(['paths./b.get']);
  });
});

describe('a rule that throws', () => {
  it('fails the run with the rule and the node named, as a bug', async () => {
    const folder = await writeFiles({
      'openapi.yaml': 'openapi: 3.0.0\ninfo: { title: a, version: "1" }\npaths: {}\n',
    });
    const broken: Rule = {
      ...probe('$.info'),
      id: 'broken-rule',
      check() {
        throw new TypeError('cannot read properties of undefined');
      },
    };
    await expect(lintWith(folder, 'openapi.yaml', broken)).rejects.toThrow(
      'Lint rule broken-rule failed at info: cannot read properties of undefined',
    );
  });
});

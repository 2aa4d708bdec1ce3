import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DocumentError, RefusedDocumentError } from '../../src/core/lint/document/read-source.js';
import { MAX_ALIAS_EXPANSION } from '../../src/core/lint/document/yaml-aliases.js';
import { lintDocument, lintFiles, rulesetFromPreset } from '../../src/core/lint/lint.js';
import { loadRuleset, RulesetError } from '../../src/core/lint/ruleset/load-ruleset.js';
import type { Rule } from '../../src/core/lint/types.js';
import { writeFiles, yamlAliasBomb } from './helpers.js';

/** A rule that visits every node: the walk alone, which shares aliased values and so survives a bomb. */
const everything: Rule = {
  id: 'every-node',
  description: 'visits every node',
  severity: 'hint',
  family: 'governance',
  preset: 'all',
  given: '$..*',
  documentation: { rationale: 'test' },
  check() {},
};
const walkOnly = { rules: [{ rule: everything, severity: 'hint' as const }] };

const HEADER = 'openapi: 3.0.3\ninfo: { title: bomb, version: "1" }\npaths: {}\n';

/** `levels` anchors, each `width` aliases of the one before, written by `line(level, previous)`. */
function bomb(levels: number, line: (level: number, aliases: string[]) => string, width = 9): string {
  const lines: string[] = [];
  for (let level = 1; level < levels; level++) lines.push(line(level, Array(width).fill(`*a${level - 1}`)));
  return `${lines.join('\n')}\n`;
}

const FLOW_BOMB = yamlAliasBomb();

async function refusal(files: Record<string, string>, name: string, options = {}): Promise<DocumentError> {
  const folder = await writeFiles(files);
  const error = await lintDocument(join(folder, name), { cwd: folder, ...options }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RefusedDocumentError);
  return error as DocumentError;
}

describe('YAML alias bombs', () => {
  it('refuses the flow-style bomb at once, naming the file, the alias and where it is', async () => {
    const error = await refusal({ 'bomb.yaml': FLOW_BOMB }, 'bomb.yaml', { ruleset: walkOnly });
    expect(error.message).toMatch(
      /bomb\.yaml:7:8: The YAML alias \*f takes the document past 1,000,000 nodes/,
    );
    expect(error.position).toEqual({ line: 6, character: 7 });
    expect(error.hint).toMatch(/\$ref/);
  });

  it('refuses a block-style bomb in a schema before the schema rules walk it', async () => {
    const text = `${HEADER}components:\n  schemas:\n    a0:\n      allOf: [{ type: string }]\n${bomb(
      12,
      (level, aliases) =>
        `    a${level}: &a${level}\n      allOf:\n${aliases.map((alias) => `        - ${alias}`).join('\n')}`,
    )}`.replace('    a0:\n', '    a0: &a0\n');
    const error = await refusal({ 'openapi.yaml': text }, 'openapi.yaml');
    expect(error.message).toMatch(/openapi\.yaml:\d+:\d+: The YAML alias \*a\d+ takes the document past/);
  });

  it('refuses a bomb of flow and block mappings', async () => {
    const flow = `${HEADER}x-a0: &a0 { k: lol }\n${bomb(16, (level, aliases) => `x-a${level}: &a${level} { ${aliases.map((alias, key) => `k${key}: ${alias}`).join(', ')} }`)}`;
    expect((await refusal({ 'flow.yaml': flow }, 'flow.yaml')).message).toMatch(
      /flow\.yaml:\d+:\d+: The YAML alias \*a\d+/,
    );
    const block = `${HEADER}x-a0: &a0 { k: lol }\n${bomb(16, (level, aliases) => `x-a${level}: &a${level}\n${aliases.map((alias, key) => `  k${key}: ${alias}`).join('\n')}`)}`;
    expect((await refusal({ 'block.yaml': block }, 'block.yaml')).message).toMatch(/The YAML alias \*a\d+/);
  });

  it('refuses a bomb built of merge keys', async () => {
    const text = `${HEADER}x-a0: &a0 { k: lol }\n${bomb(16, (level, aliases) => `x-a${level}: &a${level}\n  <<: [${aliases.join(', ')}]\n  own: *a${level - 1}`)}`;
    const error = await refusal({ 'merge.yaml': text }, 'merge.yaml');
    expect(error.message).toMatch(/merge\.yaml:\d+:\d+: The YAML alias \*a\d+ takes the document past/);
  });

  it('refuses a bomb in an example before example validation walks it', async () => {
    const nested = '{ type: array, items: { type: array, items: { type: array, items: { type: string } } } }';
    const text = `openapi: 3.0.3\ninfo: { title: bomb, version: "1" }\n${FLOW_BOMB}`;
    const document = `${text}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: ${nested}\n              example: *p\n`;
    const folder = await writeFiles({ 'example.yaml': document });
    const error = await lintDocument(join(folder, 'example.yaml'), {
      cwd: folder,
      ruleset: rulesetFromPreset(new Map([['oas3-valid-media-example', 'error']])),
    }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(RefusedDocumentError);
    expect((error as Error).message).toMatch(/example\.yaml:9:8: The YAML alias \*f takes/);
  });

  it('refuses a bomb in a file reached through $ref: the whole document, not only the reference', async () => {
    const files = {
      'openapi.yaml': `openapi: 3.0.3\ninfo: { title: a, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Bomb: { $ref: 'bomb.yaml#/p' }\n`,
      'bomb.yaml': FLOW_BOMB,
    };
    const folder = await writeFiles(files);
    const result = await lintFiles([join(folder, 'openapi.yaml')], { cwd: folder });
    expect(result.findings).toEqual([]);
    expect(result.failures.map((failure) => failure.message)).toEqual([
      expect.stringMatching(/bomb\.yaml:7:8: The YAML alias \*f takes the document past/),
    ]);
  });

  it('refuses a bomb in a remote file reached through $ref with --allow-remote', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/yaml' });
      response.end(FLOW_BOMB);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bomb.yaml`;
      const root = `openapi: 3.0.3\ninfo: { title: a, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Bomb: { $ref: '${url}#/p' }\n`;
      const error = await refusal({ 'openapi.yaml': root }, 'openapi.yaml', { allowRemote: true });
      expect(error.message).toContain(`${url}:7:8: The YAML alias *f takes the document past`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses an alias inside the node it names, whose data would contain itself', async () => {
    const text = `${HEADER}components:\n  schemas:\n    Node: &node\n      type: object\n      properties:\n        children: { type: array, items: *node }\n`;
    const error = await refusal({ 'cycle.yaml': text }, 'cycle.yaml');
    expect(error.message).toMatch(/cycle\.yaml:9:41: The YAML alias \*node is inside the node it names/);
  });

  it('refuses a bomb in a YAML ruleset, naming the file and the alias', async () => {
    const folder = await writeFiles({
      '.spectral.yaml': `extends: spectral:oas\n${yamlAliasBomb('x-')}rules:\n  mine:\n    given: $.info\n    then: { function: enumeration, functionOptions: { values: *p } }\n`,
    });
    const error = await loadRuleset({ file: join(folder, '.spectral.yaml'), cwd: folder }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(RulesetError);
    expect((error as Error).message).toMatch(
      /\.spectral\.yaml does not parse: line 8, column 10: The YAML alias \*f takes the document past/,
    );
  });

  it('lints aliases that share values as honest descriptions do, below the limit', async () => {
    const operations = Array.from(
      { length: 200 },
      (_, index) => `  /r${index}:\n    get:\n      operationId: get${index}\n      responses: *standard\n`,
    ).join('');
    const text = `openapi: 3.0.3\ninfo: { title: a, version: "1" }\nx-standard: &standard\n  '200': { description: ok }\n  '404': { description: missing }\npaths:\n${operations}`;
    const folder = await writeFiles({ 'openapi.yaml': text });
    const result = await lintDocument(join(folder, 'openapi.yaml'), {
      cwd: folder,
      ruleset: rulesetFromPreset(new Map([['operation-operationId-unique', 'error']])),
    });
    expect(result.findings).toEqual([]);
    expect(MAX_ALIAS_EXPANSION).toBeGreaterThan(200 * 5);
  });
});

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { msctlBin } from '../support/cli.js';
import { temporaryFolder, yamlAliasBomb } from './helpers.js';

const BOMB = yamlAliasBomb();

/**
 * Runs `msctl lint` in `folder`. A run that does not end is killed after 60 s (the issue saw one run past that at
 * 78 MB), so that a hang fails the test instead of outliving it.
 */
async function lint(folder: string, args: string[]) {
  const result = await execa(process.execPath, [msctlBin, 'lint', ...args], {
    cwd: folder,
    env: { NO_COLOR: '1', MSCTL_DEBUG: undefined },
    reject: false,
    stdin: 'ignore',
    timeout: 60_000,
  });
  return {
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

async function folderWith(files: Record<string, string>): Promise<string> {
  const folder = await temporaryFolder();
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text);
  return folder;
}

describe('msctl lint on hostile YAML', () => {
  it('refuses an alias bomb with exit 2, naming the file, the alias and its line', async () => {
    const folder = await folderWith({ 'bomb.yaml': BOMB });
    const result = await lint(folder, ['bomb.yaml']);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(2);
    // The stylish report lists the documents it could not lint with the findings, on stdout, wrapped to a width.
    const printed = result.stdout.replace(/\s+/g, ' ');
    expect(printed).toMatch(/bomb\.yaml:7:8: The YAML alias \*f takes the document past 1,000,000 nodes/);
    expect(printed).toMatch(/use \$ref/);
    expect(printed).toContain('1 document could not be linted');
  });

  it('refuses a document whose $ref reaches a bomb in another file, with exit 2 naming that file', async () => {
    const folder = await folderWith({
      'openapi.yaml':
        'openapi: 3.0.3\ninfo: { title: a, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Bomb: { $ref: "bomb.yaml#/p" }\n',
      'bomb.yaml': BOMB,
    });
    const result = await lint(folder, ['openapi.yaml', '--format', 'json']);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/bomb\.yaml:7:8: The YAML alias \*f/);
  });

  it('refuses a --ruleset file holding a bomb with exit 2, naming the file and the alias', async () => {
    const folder = await folderWith({
      'openapi.yaml': 'openapi: 3.0.3\ninfo: { title: a, version: "1" }\npaths: {}\n',
      'rules.yaml': `extends: spectral:oas\n${yamlAliasBomb('x-')}rules:\n  mine:\n    given: $.info\n    then: { function: enumeration, functionOptions: { values: *p } }\n`,
    });
    const result = await lint(folder, ['openapi.yaml', '--ruleset', 'rules.yaml']);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/rules\.yaml does not parse: line 8, column 10: The YAML alias \*f/);
  });

  it('reports a key written twice as a parser error at the second, with the first in the message: exit 1', async () => {
    const folder = await folderWith({
      'openapi.json':
        '{\n  "openapi": "3.0.3",\n  "info": {"title": "a", "version": "1"},\n  "paths": {},\n  "openapi": "3.1.0"\n}\n',
    });
    const result = await lint(folder, ['openapi.json', '--format', 'json']);
    expect(result.exitCode).toBe(1);
    const findings = JSON.parse(result.stdout) as {
      code: string;
      message: string;
      path: string[];
      severity: number;
      range: unknown;
    }[];
    expect(findings.filter((finding) => finding.code === 'parser')).toEqual([
      {
        code: 'parser',
        message:
          'Duplicate key "openapi" (first at 2:3): only the last value is read; the earlier ones are ignored.',
        path: ['openapi'],
        severity: 0,
        range: { start: { line: 4, character: 2 }, end: { line: 4, character: 11 } },
        source: path.join(folder, 'openapi.json'),
      },
    ]);
  });

  it('lints a $ref bomb (16 schemas, each an allOf of nine $refs to the one below): checks its examples', async () => {
    const schemas: Record<string, unknown> = { L0: { type: 'string' } };
    for (let level = 1; level < 16; level++)
      schemas[`L${level}`] = { allOf: Array(9).fill({ $ref: `#/components/schemas/L${level - 1}` }) };
    // A valid example is checked through all 9^15 paths when each $ref is followed as a copy; a bad one stops early.
    const response = (example: unknown) => ({
      description: 'ok',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/L15' }, example } },
    });
    const document = {
      openapi: '3.0.3',
      info: { title: 'bomb', version: '1' },
      paths: { '/a': { get: { responses: { 200: response('fine'), 400: response(5) } } } },
      components: { schemas },
    };
    const folder = await folderWith({ 'bomb.json': JSON.stringify(document) });
    const result = await lint(folder, ['bomb.json', '--format', 'json']);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(1);
    const findings = JSON.parse(result.stdout) as { code: string; message: string; path: string[] }[];
    expect(findings.filter((finding) => finding.code.includes('example'))).toMatchObject([
      {
        code: 'oas3-valid-media-example',
        message: '"example" property type must be string',
        path: ['paths', '/a', 'get', 'responses', '400', 'content', 'application/json', 'example'],
      },
    ]);
  });
});

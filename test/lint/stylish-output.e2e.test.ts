import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import stringWidth from 'fast-string-width';
import { describe, expect, it } from 'vitest';
import { msctl, repositoryRoot } from '../support/cli.js';
import { temporaryFolder } from './helpers.js';

const SPECS_FOLDER = path.join(repositoryRoot, 'test/fixtures/specs');
const FIXTURE = path.join(repositoryRoot, 'test/fixtures/lint/formatters/openapi.yaml');
const SPECS = [
  'petstore.yaml',
  'train-travel/openapi.yaml',
  'k8s-swagger2.json',
  'twilio_api_v2010.json',
  'stripe-spec3-2023-09.yaml',
  'digitalocean/specification/DigitalOcean-public.v2.yaml',
].map((spec) => path.join(SPECS_FOLDER, spec));
const specs = [FIXTURE, ...SPECS];
// biome-ignore lint/suspicious/noControlCharactersInRegex: the tests are that none reaches the terminal
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('msctl lint stylish output fits the terminal', () => {
  for (const spec of specs) {
    it.each([80, 120])(
      `${path.basename(spec)} at COLUMNS=%i: no line longer than the width, no word cut`,
      async (columns) => {
        const [stylish, json] = await Promise.all([
          msctl(['lint', spec], { cwd: repositoryRoot, env: { COLUMNS: String(columns) } }),
          msctl(['lint', spec, '--format', 'json'], { cwd: repositoryRoot }),
        ]);
        expect(stylish.exitCode).toBe(json.exitCode);
        const lines = stylish.stdout.split('\n');
        const tooLong = lines.filter((line) => stringWidth(line) > columns);
        expect(tooLong).toEqual([]);
        // Every word of every message appears whole: wrapping happened between words. The message column is at
        // least 40 wide; only a longer word (a file name in DigitalOcean's) may be cut.
        const words = new Set(stylish.stdout.split(/\s+/));
        const messages = (JSON.parse(json.stdout) as { message: string }[]).map((finding) => finding.message);
        const cut = messages
          .flatMap((message) => message.split(/\s+/))
          .filter((word) => word.length > 0 && word.length <= 40 && !words.has(word));
        expect([...new Set(cut)]).toEqual([]);
      },
    );
  }
});

describe('msctl lint on files it cannot lint as OpenAPI', () => {
  it('says that a missing file could not be read, and exits 2', async () => {
    const root = await temporaryFolder();
    const result = await msctl(['lint', 'missing.yaml'], { cwd: root });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/Cannot read .*missing\.yaml: no such file/);
    expect(result.stdout).not.toContain('No findings');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 1 document could not be linted');
  });

  it('reports a file that is not OpenAPI with unrecognized-format alone', async () => {
    const root = await temporaryFolder();
    await writeFile(path.join(root, 'notes.yaml'), 'title: shopping list\nitems: [milk, eggs]\n');
    const result = await msctl(['lint', 'notes.yaml', '--format', 'json'], { cwd: root });
    expect((JSON.parse(result.stdout) as { code: string }[]).map((finding) => finding.code)).toEqual([
      'unrecognized-format',
    ]);
  });

  it('never sends control characters from a hostile spec to the terminal', async () => {
    const root = await temporaryFolder();
    const name = 'evil\u001b[2J.yaml';
    await writeFile(
      path.join(root, name),
      'openapi: 3.1.0\ninfo: { title: "x\\e[2J", version: "1" }\npaths:\n  "/a\\e[31m\\u009b2J":\n    get:\n      responses: { "200": { description: "\\e]0;owned\\u0007" } }\n',
    );
    for (const format of ['stylish', 'github']) {
      const result = await msctl(['lint', name, '--format', format, '--verbose'], { cwd: root });
      expect(result.exitCode, format).toBe(1);
      expect(result.stdout + result.stderr, format).not.toMatch(CONTROL);
    }
    for (const format of ['stylish', 'json']) {
      const missing = await msctl(['lint', 'gone\u001b[2J.yaml', '--format', format], { cwd: root });
      expect(missing.exitCode, format).toBe(2);
      expect(missing.stdout + missing.stderr, format).toContain('gone\\e[2J.yaml');
      expect(missing.stdout + missing.stderr, format).not.toMatch(CONTROL);
    }
    const result = await msctl(['lint', name], { cwd: root, env: { COLUMNS: '200' } });
    expect(result.stdout).toContain('evil\\e[2J.yaml');
    expect(result.stdout).toContain('paths./a\\e[31m\\x9b2J');
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../../src/core/lint/document/read-source.js';
import { FORMATTER_NAMES, type FormatInput, formatFindings } from '../../src/core/lint/formatters/index.js';
import { lintDocument } from '../../src/core/lint/lint.js';
import { findBuiltInRule } from '../../src/core/lint/rules/index.js';
import type { AnyRule, Finding, Rule } from '../../src/core/lint/types.js';

const folder = fileURLToPath(new URL('../fixtures/lint/formatters/', import.meta.url));

const descriptionPresent: Rule = {
  id: 'response-description',
  description: 'Responses have a description.',
  severity: 'info',
  family: 'governance',
  preset: 'all',
  given: '$.paths[*][*].responses[*]',
  documentation: { rationale: 'test' },
  check(target, context) {
    if (!(target.value as { description?: string }).description) {
      context.report({
        message: 'Response "description" must be a non-empty string.',
        path: ['description'],
      });
    }
  },
};

let input: FormatInput;

beforeAll(async () => {
  const builtIn = ['info-contact', 'operation-operationId-unique', 'path-keys-no-trailing-slash'].map(
    (id) => findBuiltInRule(id) as AnyRule,
  );
  const result = await lintDocument(`${folder}openapi.yaml`, {
    cwd: folder,
    ruleset: {
      rules: [
        ...builtIn.map((rule) => ({ rule, severity: rule.severity })),
        { rule: descriptionPresent, severity: 'hint' },
      ],
      documentationUrl: (id) => `https://docs.example/rules/${id}`,
    },
  });
  input = {
    findings: result.findings.map((finding, index) =>
      index === 0 ? { ...finding, service: 'orders' } : finding,
    ),
    failures: [
      new DocumentError(
        `${folder}broken.yaml`,
        'broken.yaml:3:1: YAML syntax: bad indentation',
        'Fix the syntax error.',
      ),
    ],
    cwd: folder,
    color: false,
    ruleDescriptions: new Map([['info-contact', 'Info object must have "contact" object.']]),
    toolVersion: '0.0.0-test',
  };
});

/** Output with the machine's folder replaced, so snapshots hold on any checkout. */
const normalized = (text: string) => text.replaceAll(folder, '<fixtures>/');

describe('formatters', () => {
  it('finds what the snapshots show: four rules, two files', () => {
    expect(input.findings.map((finding) => `${finding.code} ${finding.source.split('/').pop()}`)).toEqual([
      'info-contact openapi.yaml',
      'path-keys-no-trailing-slash openapi.yaml',
      'operation-operationId-unique openapi.yaml',
      'response-description responses.yaml',
    ]);
  });

  for (const name of FORMATTER_NAMES) {
    it(`renders ${name}`, () => {
      expect(normalized(formatFindings(name, input))).toMatchSnapshot();
    });
  }

  it('renders stylish with code frames and links when verbose', () => {
    const text = formatFindings('stylish', {
      ...input,
      verbose: true,
      sourceText: (source) => readFileSync(source, 'utf8'),
    });
    expect(normalized(text)).toMatchSnapshot();
  });

  it('renders a clean result', () => {
    expect(formatFindings('stylish', { ...input, findings: [], failures: [] })).toBe('✔ No findings');
    expect(formatFindings('json', { ...input, findings: [], failures: [] })).toBe('[]');
    expect(formatFindings('github', { ...input, findings: [], failures: [] })).toBe('');
  });

  it('fits stylish lines to the width: messages wrap between words, paths that do not fit get their own line', () => {
    const long = {
      ...(input.findings[0] as Finding),
      message: "Operation must be covered by a security requirement: its own `security` or the document's.",
      path: ['paths', '/orders/{orderId}/items/{itemId}', 'get', 'responses', '200'],
    };
    const text = formatFindings('stylish', { ...input, findings: [long], failures: [], width: 80 });
    expect(normalized(text)).toMatchInlineSnapshot(`
      "openapi.yaml (orders)
       2:6  warning  info-contact  Operation must be covered by a security
                                   requirement: its own \`security\` or the document's.
                                   paths./orders/{orderId}/items/{itemId}.get.
                                   responses.200

      ✖ 1 problem (0 errors, 1 warning, 0 infos, 0 hints)"
    `);
    const narrow = formatFindings('stylish', { ...input, width: 50 });
    expect(Math.max(...narrow.split('\n').map((line) => line.length))).toBeLessThanOrEqual(50);
    expect(normalized(narrow)).toMatchInlineSnapshot(`
      "openapi.yaml (orders)
       2:6    warning  info-contact
         Info object must have "contact" object.
         info
       6:12   warning  path-keys-no-trailing-slash
         Path must not end with slash.
         paths./orders/
       13:20  error    operation-operationId-unique
         Every operation must have unique "operationId".
         paths./orders/.post.operationId

      responses.yaml
       2:16  hint  response-description
         Response "description" must be a non-empty
         string.
         Ok.description

      error  broken.yaml:3:1: YAML syntax: bad
             indentation
             Fix the syntax error.

      ✖ 4 problems (1 error, 2 warnings, 0 infos, 1
      hint), 1 document not linted"
    `);
  });

  it('shows control characters from documents escaped, never raw', () => {
    const hostile = {
      ...(input.findings[0] as Finding),
      source: `${folder}evil\u001b[2J.yaml`,
      message: 'Path segment "a\u001b[31m" must be kebab-case.',
      path: ['paths', '/a\u001b]0;title\u0007', 'get'],
    };
    for (const format of ['stylish', 'github'] as const) {
      const text = formatFindings(format, { ...input, findings: [hostile], width: 80 });
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is that there are none
      expect(text, format).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    expect(formatFindings('stylish', { ...input, findings: [hostile], failures: [], width: 120 })).toContain(
      'Path segment "a\\e[31m" must be kebab-case.  paths./a\\e]0;title\\x07.get',
    );
  });

  it('says when documents could not be linted, rather than "No findings"', () => {
    const failed = formatFindings('stylish', { ...input, findings: [], documents: 1 });
    expect(failed.split('\n').at(-1)).toBe('✖ 1 document could not be linted');
    const some = formatFindings('stylish', { ...input, findings: [], documents: 3 });
    expect(some.split('\n').at(-1)).toBe('✖ 1 document could not be linted; no findings in the other 2');
  });

  it('writes SARIF that names every rule it uses, with help links', () => {
    const log = JSON.parse(formatFindings('sarif', input));
    expect(log.version).toBe('2.1.0');
    const rules = log.runs[0].tool.driver.rules as { id: string; helpUri: string }[];
    expect(rules.map((rule) => rule.id)).toEqual([
      'info-contact',
      'operation-operationId-unique',
      'path-keys-no-trailing-slash',
      'response-description',
    ]);
    for (const result of log.runs[0].results) expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(rules[0]?.helpUri).toBe('https://docs.example/rules/info-contact');
  });
});

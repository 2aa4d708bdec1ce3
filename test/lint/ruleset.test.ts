import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument } from '../../src/core/lint/lint.js';
import { loadRuleset, RulesetError } from '../../src/core/lint/ruleset/load-ruleset.js';
import { writeFiles } from './helpers.js';

const SPEC = `openapi: 3.0.3
info:
  title: Shop
  version: "1"
paths:
  /orders/:
    get:
      operationId: ListOrders
      parameters:
        - { name: Limit, in: query }
      responses: { '200': { description: ok } }
  /internal/items:
    get:
      operationId: list_items
      responses: { '200': { description: ok } }
`;

async function lintWithRuleset(ruleset: string, extraFiles: Record<string, string> = {}, spec = SPEC) {
  const folder = await writeFiles({ 'openapi.yaml': spec, '.spectral.yaml': ruleset, ...extraFiles });
  const loaded = await loadRuleset({ file: join(folder, '.spectral.yaml'), cwd: folder });
  const result = await lintDocument(join(folder, 'openapi.yaml'), { ruleset: loaded, cwd: folder });
  return result.findings.map(({ code, path, severity, message }) => ({
    code,
    path: path.join('.'),
    severity,
    message,
  }));
}

describe('Spectral rulesets', () => {
  it('extends spectral:oas as msctl:oas and changes severities or turns rules off by id', async () => {
    const findings = await lintWithRuleset(`extends: spectral:oas
rules:
  info-contact: error
  path-keys-no-trailing-slash: off
`);
    const codes = findings.map((finding) => finding.code);
    expect(codes).toContain('info-contact');
    expect(codes).not.toContain('path-keys-no-trailing-slash');
    expect(findings.find((finding) => finding.code === 'info-contact')?.severity).toBe(0);
  });

  it('runs custom rules with given, then.field, core functions and message templates', async () => {
    const findings = await lintWithRuleset(`rules:
  operation-id-camel:
    description: operationId is camelCase
    message: "{{property}} of {{path}}: {{error}}"
    severity: error
    given: $.paths[*][*]
    then:
      field: operationId
      function: casing
      functionOptions: { type: camel }
  query-params-lowercase:
    given: "$.paths[*][*].parameters[?(@.in == 'query')]"
    then:
      - field: name
        function: pattern
        functionOptions: { match: "^[a-z]+$" }
  paths-no-internal:
    severity: hint
    given: $.paths
    then:
      field: "@key"
      function: pattern
      functionOptions: { notMatch: "^/internal" }
`);
    expect(findings).toEqual([
      {
        code: 'operation-id-camel',
        path: 'paths./orders/.get.operationId',
        severity: 0,
        message: 'operationId of paths./orders/.get.operationId: "operationId" property must be camel case',
      },
      {
        code: 'query-params-lowercase',
        path: 'paths./orders/.get.parameters.0.name',
        severity: 1,
        message: '"name" property must match the pattern "^[a-z]+$"',
      },
      {
        code: 'paths-no-internal',
        path: 'paths./internal/items',
        severity: 3,
        message: '"/internal/items" property must not match the pattern "^/internal"',
      },
      {
        code: 'operation-id-camel',
        path: 'paths./internal/items.get.operationId',
        severity: 0,
        message:
          'operationId of paths./internal/items.get.operationId: "operationId" property must be camel case',
      },
    ]);
  });

  it('applies overrides by file glob and by JSON pointer, relative to the ruleset file', async () => {
    const findings = await lintWithRuleset(`rules:
  operation-id-camel:
    given: $.paths[*][*]
    then: { field: operationId, function: casing, functionOptions: { type: camel } }
overrides:
  - files: ["**/*.yaml"]
    rules: { operation-id-camel: info }
  - files: ["openapi.yaml#/paths/~1internal~1items"]
    rules: { operation-id-camel: off }
`);
    expect(findings.map(({ code, path, severity }) => ({ code, path, severity }))).toEqual([
      { code: 'operation-id-camel', path: 'paths./orders/.get.operationId', severity: 2 },
    ]);
    const untouched = await lintWithRuleset(`rules:
  operation-id-camel:
    given: $.paths[*][*]
    then: { field: operationId, function: casing, functionOptions: { type: camel } }
overrides:
  - files: ["other/*.yaml"]
    rules: { operation-id-camel: off }
`);
    expect(untouched).toHaveLength(2);
  });

  it('turns a rule on for some files only through overrides', async () => {
    const findings = await lintWithRuleset(`rules:
  info-contact-here:
    severity: off
    given: $.info
    then: { field: contact, function: truthy }
overrides:
  - files: ["*.yaml"]
    rules: { info-contact-here: error }
`);
    expect(findings.map(({ code, path, severity }) => ({ code, path, severity }))).toEqual([
      { code: 'info-contact-here', path: 'info', severity: 0 },
    ]);
  });

  it('extends local ruleset files, with recommended, all and off modes, and aliases', async () => {
    const findings = await lintWithRuleset(
      `extends: [[./base.yaml, all]]
aliases:
  Operation: ["$.paths[*][get,put,post,delete]"]
rules:
  operation-summary:
    given: "#Operation"
    then: { field: summary, function: truthy }
`,
      {
        'base.yaml': `rules:
  optional-rule:
    recommended: false
    given: $.info
    then: { field: description, function: defined }
`,
      },
    );
    expect(findings.map((finding) => `${finding.code} ${finding.path}`)).toEqual([
      'optional-rule info',
      'operation-summary paths./orders/.get',
      'operation-summary paths./internal/items.get',
    ]);
  });

  it('reads JSON rulesets and honours formats', async () => {
    const folder = await writeFiles({
      'openapi.yaml': SPEC,
      // Written out rather than built with JSON.stringify: a `then` key makes an object look like a promise.
      '.spectral.json': `{
  "rules": {
    "swagger-only": { "formats": ["oas2"], "given": "$.info", "then": { "field": "contact", "function": "truthy" } },
    "any": { "formats": ["oas3"], "given": "$.info", "then": { "field": "contact", "function": "truthy" } }
  }
}`,
    });
    const loaded = await loadRuleset({ file: join(folder, '.spectral.json'), cwd: folder });
    const result = await lintDocument(join(folder, 'openapi.yaml'), { ruleset: loaded, cwd: folder });
    expect(result.findings.map((finding) => finding.code)).toEqual(['any']);
  });

  it('takes a preset name where a ruleset file is expected (--ruleset spectral:oas)', async () => {
    const folder = await writeFiles({ 'openapi.yaml': SPEC });
    const lintWith = async (name: string) => {
      const ruleset = await loadRuleset({ file: name, cwd: folder });
      const result = await lintDocument(join(folder, 'openapi.yaml'), { ruleset, cwd: folder });
      return new Set(result.findings.map((finding) => finding.code));
    };
    const spectral = await lintWith('spectral:oas');
    expect(spectral).toContain('path-keys-no-trailing-slash');
    expect(spectral).not.toContain('paths-kebab-case');
    for (const preset of ['msctl:oas', 'msctl:recommended', 'msctl:strict', 'msctl:all']) {
      expect((await lintWith(preset)).size, preset).toBeGreaterThan(0);
    }
    expect(await lintWith('msctl:recommended')).toContain('operation-security');
    for (const unknown of ['acme:strict', 'spectral:asyncapi', 'msctl:recomended']) {
      const error = await loadRuleset({ file: unknown, cwd: folder }).catch((thrown: unknown) => thrown);
      expect(error, unknown).toBeInstanceOf(RulesetError);
      expect((error as Error).message, unknown).toContain(`"${unknown}" is not a preset msctl lint has`);
      expect((error as Error).message, unknown).toContain(
        'msctl:oas (= spectral:oas), msctl:recommended, msctl:strict, msctl:all',
      );
    }
    const typo = await loadRuleset({ file: 'msctl:recomended', cwd: folder }).catch(
      (thrown: unknown) => thrown,
    );
    expect((typo as RulesetError).hint).toContain('Did you mean "msctl:recommended"?');
  });

  it('refuses what it cannot run, saying what to do', async () => {
    const attempts: [string, RegExp][] = [
      [
        'rules:\n  x:\n    given: $\n    then: { function: myCustomFunction }\n',
        /custom JavaScript functions/,
      ],
      ['rules:\n  not-a-rule: error\n', /not defined by this ruleset/],
      ['extends: spectral:asyncapi\n', /not a ruleset msctl lint has/],
      ['extends: "@acme/ruleset"\n', /not packages or URLs/],
      ['rules:\n  x:\n    given: paths\n    then: { function: truthy }\n', /must start with/],
      [
        'rules:\n  x:\n    given: $\n    then: { function: casing, functionOptions: { type: wavy } }\n',
        /casing/,
      ],
      ['extends: ./.spectral.yaml\n', /extends itself/],
      ['rules: [1, 2]\n', /must be a mapping/],
    ];
    for (const [ruleset, message] of attempts) {
      const folder = await writeFiles({ '.spectral.yaml': ruleset });
      const error = await loadRuleset({ file: join(folder, '.spectral.yaml'), cwd: folder }).catch(
        (thrown: unknown) => thrown,
      );
      expect(error, ruleset).toBeInstanceOf(RulesetError);
      expect((error as Error).message, ruleset).toMatch(message);
    }
    const folder = await writeFiles({ '.spectral.js': 'export default {}' });
    await expect(loadRuleset({ file: join(folder, '.spectral.js'), cwd: folder })).rejects.toThrow(
      /JavaScript ruleset/,
    );
  });
});

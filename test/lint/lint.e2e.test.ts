import { existsSync } from 'node:fs';
import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { msctl } from '../support/cli.js';
import { temporaryFolder } from './helpers.js';

/** Three built-in rules only, so that the expectations here do not move as rules are added. */
const RULESET = `extends: [[msctl:oas, off]]
rules:
  info-contact: warn
  operation-operationId-unique: error
  path-keys-no-trailing-slash: warn
`;

const CLEAN = `openapi: 3.0.3
info: { title: Orders, version: "1", contact: { name: Orders team } }
paths:
  /orders:
    get: { operationId: listOrders, responses: { '200': { description: ok } } }
`;

const DIRTY = `openapi: 3.0.3
info: { title: Billing, version: "1" }
paths:
  /invoices/:
    get: { operationId: invoices, responses: { '200': { description: ok } } }
    post: { operationId: invoices, responses: { '201': { description: created } } }
`;

async function workspace(files: Record<string, string>): Promise<string> {
  const root = await temporaryFolder();
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return root;
}

const WORKSPACE = `version: 1
name: shop
services:
  orders: { path: services/orders, port: 3000, api: openapi.yaml }
  billing: { path: services/billing, port: 3001, api: openapi.yaml }
  worker: { path: services/worker, port: 3002 }
governance:
  ruleset: .spectral.yaml
`;

describe('msctl lint', () => {
  it("lints every service's api in msctl.yaml, naming the service of each finding; exit 1 on errors", async () => {
    const root = await workspace({
      'msctl.yaml': WORKSPACE,
      '.spectral.yaml': RULESET,
      'services/orders/openapi.yaml': CLEAN,
      'services/billing/openapi.yaml': DIRTY,
    });
    const result = await msctl(['lint'], { cwd: root });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('services/billing/openapi.yaml (billing)');
    expect(result.stdout).not.toContain('services/orders/openapi.yaml');
    expect(result.stdout).toMatch(/6:26 +error +operation-operationId-unique/);
    expect(result.stdout).toContain('✖ 3 problems (1 error, 2 warnings, 0 infos, 0 hints)');

    const json = await msctl(['lint', '--json'], { cwd: root });
    const report = JSON.parse(json.stdout) as { findings: { service: string; code: string; file: string }[] };
    expect(new Set(report.findings.map((finding) => finding.service))).toEqual(new Set(['billing']));
    expect(report.findings.map((finding) => finding.file)).toContain('services/billing/openapi.yaml');
  });

  it('prints Spectral JSON for --format json, and exits 0 when nothing reaches --fail-severity', async () => {
    const root = await workspace({
      'openapi.yaml': DIRTY.replace(
        "operationId: invoices, responses: { '201'",
        "operationId: createInvoice, responses: { '201'",
      ),
      '.spectral.yaml': RULESET,
    });
    const result = await msctl(['lint', 'openapi.yaml', '--format', 'json'], { cwd: root });
    expect(result.exitCode).toBe(0);
    const findings = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(findings.map((finding) => Object.keys(finding))).toEqual([
      ['code', 'path', 'message', 'severity', 'range', 'source'],
      ['code', 'path', 'message', 'severity', 'range', 'source'],
    ]);
    expect(findings[0]).toMatchObject({
      code: 'info-contact',
      path: ['info'],
      severity: 1,
      source: path.join(root, 'openapi.yaml'),
    });
    const strict = await msctl(['lint', 'openapi.yaml', '--fail-severity', 'warn', '--quiet'], { cwd: root });
    expect(strict.exitCode).toBe(1);
  });

  it('writes the report to --output, and each format is what it says', async () => {
    const root = await workspace({ 'api/openapi.yaml': DIRTY, '.spectral.yaml': RULESET });
    const result = await msctl(
      ['lint', 'api/openapi.yaml', '--format', 'sarif', '--output', 'reports/lint.sarif'],
      { cwd: root },
    );
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    const sarif = JSON.parse(await readFile(path.join(root, 'reports/lint.sarif'), 'utf8'));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'api/openapi.yaml',
    );
    const github = await msctl(['lint', 'api/openapi.yaml', '--format', 'github'], { cwd: root });
    expect(github.stdout.split('\n')[0]).toMatch(/^::warning file=api\/openapi\.yaml,line=2,col=6,/);
    const junit = await msctl(['lint', 'api/openapi.yaml', '--format', 'junit'], { cwd: root });
    expect(junit.stdout).toMatch(/^<\?xml/);
  });

  it('exits 2 when a document or the ruleset cannot be read, saying what to do', async () => {
    const root = await workspace({
      'good.yaml': CLEAN,
      'broken.yaml': 'openapi: 3.0.3\ninfo: [\n',
      'bad-ruleset.yaml': 'rules:\n  x:\n    given: $\n    then: { function: customThing }\n',
      '.spectral.yaml': RULESET,
    });
    const missing = await msctl(['lint', 'good.yaml', 'missing.yaml'], { cwd: root });
    expect(missing.exitCode).toBe(2);
    expect(missing.stdout).toMatch(/Cannot read .*missing\.yaml: no such file/);
    const broken = await msctl(['lint', 'broken.yaml', '--format', 'json'], { cwd: root });
    expect(broken.exitCode).toBe(2);
    expect(broken.stdout).toBe('[]');
    expect(broken.stderr).toMatch(/broken\.yaml:3:1: YAML syntax/);
    const ruleset = await msctl(['lint', 'good.yaml', '--ruleset', 'bad-ruleset.yaml'], { cwd: root });
    expect(ruleset.exitCode).toBe(2);
    expect(ruleset.stderr).toContain('function "customThing" is not one of Spectral\'s core functions');
  });

  it('takes a preset name for --ruleset, and names the presets when it knows no such name', async () => {
    const root = await workspace({ 'dirty.yaml': DIRTY });
    const preset = await msctl(['lint', 'dirty.yaml', '--ruleset', 'spectral:oas', '--format', 'json'], {
      cwd: root,
    });
    expect(preset.exitCode).toBe(1);
    expect(preset.stderr).toBe('');
    const codes = new Set(JSON.parse(preset.stdout).map((finding: { code: string }) => finding.code));
    expect(codes).toContain('operation-operationId-unique');
    expect(codes).not.toContain('operation-security');
    const unknown = await msctl(['lint', 'dirty.yaml', '--ruleset', 'acme:strict'], { cwd: root });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('"acme:strict" is not a preset msctl lint has');
    expect(unknown.stderr).toContain('msctl:recommended');
    expect(unknown.stderr).not.toContain('ENOENT');
  });

  it('reads governance.extends relative to msctl.yaml, from any folder below it', async () => {
    const root = await workspace({
      'msctl.yaml': `version: 1
name: shop
services:
  billing: { path: services/billing, port: 3001, api: openapi.yaml }
governance:
  extends: [governance/base.yaml]
`,
      'governance/base.yaml': RULESET,
      'services/billing/openapi.yaml': DIRTY,
    });
    const result = await msctl(['lint', '--format', 'json'], { cwd: path.join(root, 'services/billing') });
    expect(result.exitCode).toBe(1);
    expect((JSON.parse(result.stdout) as { code: string }[]).map((finding) => finding.code).sort()).toEqual([
      'info-contact',
      'operation-operationId-unique',
      'path-keys-no-trailing-slash',
    ]);
  });

  it('expands quoted globs, and refuses one that matches nothing', async () => {
    const root = await workspace({
      'specs/billing.yaml': DIRTY,
      'specs/nested/orders.yaml': CLEAN,
      '.spectral.yaml': RULESET,
    });
    const result = await msctl(['lint', 'specs/**/*.yaml', '--json'], { cwd: root });
    expect(result.exitCode).toBe(1);
    expect((JSON.parse(result.stdout) as { files: string[] }).files).toEqual([
      'specs/billing.yaml',
      'specs/nested/orders.yaml',
    ]);
    const none = await msctl(['lint', 'apis/**/*.yaml'], { cwd: root });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('No file matches apis/**/*.yaml');
  });

  it('refuses a 100 MB file and a binary file with exit 2 and what to do, and still lints the others', async () => {
    const root = await workspace({ 'good.yaml': DIRTY, '.spectral.yaml': RULESET });
    // Sparse: 100 MB on paper, nothing written.
    await writeFile(path.join(root, 'huge.json'), '');
    await truncate(path.join(root, 'huge.json'), 100 * 1024 * 1024);
    await writeFile(path.join(root, 'logo.yaml'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const result = await msctl(['lint', 'huge.json', 'logo.yaml', 'good.yaml', '--format', 'json'], {
      cwd: root,
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('is 100 MB, above the 50 MB limit of msctl lint');
    expect(result.stderr).toContain('MSCTL_LINT_MAX_FILE_SIZE');
    expect(result.stderr).toContain('is a binary file');
    expect((JSON.parse(result.stdout) as { code: string }[]).length).toBe(3);
  });

  it('exits 2 when no service has an api, with what to do', async () => {
    const root = await workspace({
      'msctl.yaml': 'version: 1\nname: shop\nservices:\n  worker: { path: services/worker, port: 3000 }\n',
    });
    const result = await msctl(['lint'], { cwd: root });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('has an `api` to lint');
    expect(result.stderr).toContain('msctl lint openapi.yaml');
  });

  it('ratchets with a baseline: known findings pass, new ones fail, --update-baseline prunes and merges', async () => {
    const root = await workspace({
      'billing.yaml': DIRTY,
      'orders.yaml': DIRTY.replace('Billing', 'Orders'),
      '.spectral.yaml': RULESET,
    });
    const baseline = 'lint-baseline.json';
    const record = await msctl(
      ['lint', 'billing.yaml', 'orders.yaml', '--baseline', baseline, '--update-baseline'],
      { cwd: root },
    );
    expect(record.exitCode).toBe(0);
    expect(existsSync(path.join(root, baseline))).toBe(true);
    const entries = () =>
      readFile(path.join(root, baseline), 'utf8').then(
        (text) => JSON.parse(text).entries as { file: string; code: string }[],
      );
    expect(await entries()).toHaveLength(6);

    expect((await msctl(['lint', 'billing.yaml', '--baseline', baseline], { cwd: root })).exitCode).toBe(0);

    await writeFile(
      path.join(root, 'billing.yaml'),
      `${DIRTY}    put: { operationId: invoices, responses: {} }\n`,
    );
    const fresh = await msctl(['lint', 'billing.yaml', '--baseline', baseline], { cwd: root });
    expect(fresh.exitCode).toBe(1);
    expect(fresh.stdout).toContain('paths./invoices/.put.operationId');
    expect(fresh.stdout).not.toContain('info-contact');
    expect(fresh.stderr).toContain('3 known findings hidden by the baseline');

    await writeFile(path.join(root, 'billing.yaml'), CLEAN);
    const fixed = await msctl(['lint', 'billing.yaml', '--baseline', baseline], { cwd: root });
    expect(fixed.exitCode).toBe(0);
    expect(fixed.stderr).toContain('3 baseline entries are fixed; run with --update-baseline to prune them');
    expect(
      (await msctl(['lint', 'billing.yaml', '--baseline', baseline, '--update-baseline'], { cwd: root }))
        .exitCode,
    ).toBe(0);
    // billing's entries are pruned; orders', not linted in that run, are kept.
    expect((await entries()).map((entry) => entry.file)).toEqual([
      'orders.yaml',
      'orders.yaml',
      'orders.yaml',
    ]);
  });
});

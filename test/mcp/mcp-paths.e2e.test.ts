import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirectories } from '../support/temp.js';
import { call, connect, snapshotTree, textOf, workspaceWithOrders } from './support.js';

const temporary = useTempDirectories();

/** A YAML file outside the workspace whose key names must never reach the agent. */
async function secretOutside(): Promise<string> {
  const folder = await temporary();
  const file = path.join(folder, 'secret.yaml');
  await writeFile(file, 'topSecretKeyName: 1\nanotherPrivateKey: { nested: true }\n');
  return file;
}

const OPENAPI_HEAD = 'openapi: 3.0.3\ninfo: { title: t, version: "1.0.0", description: d }\n';

describe('msctl mcp: paths stay inside the workspace', () => {
  it('refuses files outside the workspace: absolute, through .. and through a symlink', async () => {
    const cwd = await workspaceWithOrders(temporary);
    const secret = await secretOutside();
    await symlink(secret, path.join(cwd, 'link.yaml'));
    await symlink(path.dirname(secret), path.join(cwd, 'linked-folder'));
    const client = await connect(cwd);
    const relativeWay = path.relative(cwd, secret);
    for (const file of [secret, relativeWay, 'link.yaml', 'linked-folder/secret.yaml', '/etc/passwd']) {
      const answer = await call(client, 'lint_api', { files: [file] });
      expect(answer.isError, file).toBe(true);
      expect(textOf(answer), file).toMatch(/outside the workspace/);
      expect(textOf(answer), file).toContain(cwd);
      expect(JSON.stringify(answer), file).not.toMatch(/topSecretKeyName|anotherPrivateKey|root:/);
    }
    const ruleset = await call(client, 'lint_api', { ruleset: secret });
    expect(ruleset.isError).toBe(true);
    expect(textOf(ruleset)).toMatch(/"ruleset".*outside the workspace/);
  });

  it('does not read $ref targets outside the workspace, written directly or through a symlink', async () => {
    const cwd = await workspaceWithOrders(temporary);
    const secret = await secretOutside();
    await mkdir(path.join(cwd, 'api'));
    await symlink(secret, path.join(cwd, 'api', 'inside-looking.yaml'));
    const spec = path.join(cwd, 'api', 'spec.yaml');
    await writeFile(
      spec,
      `${OPENAPI_HEAD}paths: {}\ncomponents:\n  schemas:\n` +
        `    A: { $ref: '${secret}' }\n` +
        `    B: { $ref: '${path.relative(path.dirname(spec), secret)}' }\n` +
        `    C: { $ref: 'inside-looking.yaml' }\n`,
    );
    const before = await snapshotTree(cwd);
    const realCwd = await realpath(cwd);
    const client = await connect(cwd);
    const answer = await call(client, 'lint_api', { files: ['api/spec.yaml'] });
    expect(JSON.stringify(answer)).not.toMatch(/topSecretKeyName|anotherPrivateKey/);
    const findings = (answer.structuredContent?.findings ?? []) as { code: string; message: string }[];
    const refused = findings.filter((finding) =>
      finding.message.includes(`is outside ${realCwd}, the only folder this lint may read`),
    );
    expect(refused.length).toBe(3);
    expect(await snapshotTree(cwd)).toEqual(before);
  });

  it('does not read rulesets that a ruleset inside extends from outside; presets need no file', async () => {
    const cwd = await workspaceWithOrders(temporary);
    const outside = path.dirname(await secretOutside());
    await writeFile(path.join(outside, 'rules.yaml'), 'rules:\n  topSecretRuleName: off\n');
    await writeFile(
      path.join(cwd, 'team.spectral.yaml'),
      `extends: ['${path.relative(cwd, path.join(outside, 'rules.yaml'))}']\n`,
    );
    const client = await connect(cwd);
    const answer = await call(client, 'lint_api', { ruleset: 'team.spectral.yaml' });
    expect(answer.isError).toBe(true);
    expect(textOf(answer)).toContain(`The ruleset ${path.join(outside, 'rules.yaml')} is outside`);
    expect(JSON.stringify(answer)).not.toContain('topSecretRuleName');
    const preset = await call(client, 'lint_api', { ruleset: 'spectral:oas' });
    expect(preset.isError, textOf(preset)).toBeFalsy();
  });

  it('reports a document that cannot be read as a tool error with the message the CLI prints', async () => {
    const cwd = await workspaceWithOrders(temporary);
    await writeFile(path.join(cwd, 'broken.yaml'), 'openapi: 3.0.3\ninfo: [unclosed\n');
    const client = await connect(cwd);
    const missing = await call(client, 'lint_api', { files: ['missing.yaml'] });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain(`Cannot read ${path.join(cwd, 'missing.yaml')}: no such file.`);
    expect(textOf(missing)).toContain('Check the path and its permissions.');
    const broken = await call(client, 'lint_api', { files: ['broken.yaml'] });
    expect(broken.isError).toBe(true);
    expect(textOf(broken)).toContain(path.join(cwd, 'broken.yaml'));
    expect(broken.structuredContent).toMatchObject({
      summary: { documents: 0, failed: 1 },
      failures: [{ source: path.join(cwd, 'broken.yaml'), message: expect.any(String) }],
    });
  });
});

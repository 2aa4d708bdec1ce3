import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirectories } from '../support/temp.js';
import { call, connect, snapshotTree, textOf, workspaceWithOrders } from './support.js';

const temporary = useTempDirectories();

describe('msctl mcp: the workspace it works in', () => {
  it('started outside a workspace, refuses to write and says how to get one', async () => {
    const cwd = await temporary();
    const client = await connect(cwd);
    for (const [tool, args] of [
      ['create_service', { name: 'billing' }],
      ['generate_manifests', {}],
      ['plan_manifests', {}],
      ['plan_service', { name: 'billing' }],
      ['workspace_config', {}],
      ['lint_api', { files: ['/etc/passwd'] }],
    ] as const) {
      const answer = await call(client, tool, args);
      expect(answer.isError, tool).toBe(true);
      expect(textOf(answer), tool).toMatch(/No workspace[\s\S]*init_workspace/);
    }
    expect(await readdir(cwd)).toEqual([]);
  });

  it('init_workspace creates one in an explicit absolute folder, and the session works there', async () => {
    const cwd = await temporary();
    const folder = path.join(await temporary(), 'shop');
    const client = await connect(cwd);
    const relative = await call(client, 'init_workspace', { folder: 'shop', name: 'shop' });
    expect(relative.isError).toBe(true);
    expect(textOf(relative)).toMatch(/Argument "folder": must be an absolute path/);

    const aFile = path.join(await temporary(), 'a-file');
    await writeFile(aFile, 'not a folder\n');
    for (const notAFolder of [aFile, path.join(aFile, 'below')]) {
      const refused = await call(client, 'init_workspace', { folder: notAFolder, name: 'shop' });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).not.toContain('bug');
    }

    const badRegistry = await call(client, 'init_workspace', {
      folder,
      name: 'shop',
      registry: 'Not A Registry',
    });
    expect(badRegistry.isError).toBe(true);
    expect(textOf(badRegistry)).toMatch(/Cannot use that registry[\s\S]*`registry`/);
    expect(existsSync(path.join(folder, 'msctl.yaml'))).toBe(false);

    const created = await call(client, 'init_workspace', {
      folder,
      name: 'shop',
      registry: 'ghcr.io/acme/shop',
    });
    expect(created.isError, textOf(created)).toBeFalsy();
    expect(created.structuredContent).toMatchObject({ workspaceRoot: folder, created: true });
    const written = await readFile(path.join(folder, 'msctl.yaml'), 'utf8');
    expect(written).toContain('name: shop');
    expect(written).toContain('registry: ghcr.io/acme/shop');

    const service = await call(client, 'create_service', { name: 'billing' });
    expect(service.isError, textOf(service)).toBeFalsy();
    expect(service.structuredContent?.workspaceRoot).toBe(folder);
    expect(existsSync(path.join(folder, 'services/billing/package.json'))).toBe(true);
    expect(await readdir(cwd)).toEqual([]);

    const again = await call(client, 'init_workspace', { folder: await temporary(), name: 'other' });
    expect(again.isError).toBe(true);
    expect(textOf(again)).toContain(folder);
  });

  it('init_workspace opens a folder that is a workspace already, without changing it', async () => {
    const existing = await workspaceWithOrders(temporary);
    const before = await snapshotTree(existing);
    const client = await connect(await temporary());
    const opened = await call(client, 'init_workspace', { folder: existing, name: 'ignored' });
    expect(opened.structuredContent).toMatchObject({ workspaceRoot: existing, created: false });
    expect(await snapshotTree(existing)).toEqual(before);
    const config = await call(client, 'workspace_config');
    expect(config.structuredContent).toMatchObject({
      workspaceRoot: existing,
      config: { services: { orders: {} } },
    });
  });

  it('started outside a workspace, works in the workspace at the top of one of the client’s roots', async () => {
    const workspace = await workspaceWithOrders(temporary);
    const cwd = await temporary();
    const client = await connect(cwd, [], [await temporary(), workspace]);
    const config = await call(client, 'workspace_config');
    expect(config.structuredContent).toMatchObject({
      workspaceRoot: workspace,
      config: { name: expect.any(String) },
    });
    const created = await call(client, 'create_service', { name: 'billing' });
    expect(created.structuredContent?.workspaceRoot).toBe(workspace);
    expect(existsSync(path.join(workspace, 'services/billing'))).toBe(true);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('a workspace found from the server’s folder makes init_workspace a refusal', async () => {
    const cwd = await workspaceWithOrders(temporary);
    const client = await connect(path.join(cwd, 'services/orders'));
    const answer = await call(client, 'init_workspace', { folder: await temporary(), name: 'x' });
    expect(answer.isError).toBe(true);
    const config = await call(client, 'workspace_config');
    expect(config.structuredContent?.workspaceRoot).toBe(cwd);
  });
});

describe('msctl mcp: hints name the tool’s arguments', () => {
  it('never names a CLI flag', async () => {
    const cwd = await workspaceWithOrders(temporary);
    const client = await connect(cwd);
    const port = await call(client, 'create_service', { name: 'billing', port: 3000 });
    expect(textOf(port)).toMatch(/Port 3000 is already used[\s\S]*another `port`; 3001 is free/);
    const dependency = await call(client, 'plan_service', { name: 'billing', dependsOn: ['nosuch'] });
    expect(textOf(dependency)).toMatch(/`dependsOn` names "nosuch"/);
    const taken = await call(client, 'create_service', { name: 'orders' });
    expect(textOf(taken)).toMatch(/already has a service "orders"[\s\S]*another `name`/);
    const generated = await call(client, 'generate_manifests', { what: 'k8s' });
    const generatedFiles = generated.structuredContent?.files as { path: string; action: string }[];
    const manifest = generatedFiles.find((file) => file.action !== 'kept')?.path as string;
    await writeFile(path.join(cwd, manifest), '# edited by hand\n');
    const kept = await call(client, 'plan_manifests', { what: 'k8s' });
    const keptFiles = kept.structuredContent?.files as { path: string; action: string; reason: string }[];
    expect(keptFiles.find((file) => file.path === manifest)).toMatchObject({ action: 'edited' });
    expect(JSON.stringify(kept.structuredContent)).not.toMatch(/--[a-z]/);
    const write = await call(client, 'generate_manifests', { write: false });
    expect(textOf(write)).toContain(
      'Unknown argument "write". generate_manifests always writes; plan_manifests compares without writing.',
    );
    await writeFile(path.join(cwd, 'msctl.yaml'), 'version: 1\nname: shop\nbogus: 1\n');
    const invalid = await call(client, 'workspace_config');
    for (const answer of [port, dependency, taken, write, invalid]) {
      expect(answer.isError).toBe(true);
      expect(textOf(answer)).not.toMatch(/--[a-z]/);
    }
  });
});

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { useTempDirectories } from '../support/temp.js';
import { call, connect, workspaceWithOrders as workspaceIn } from './support.js';

const temporary = useTempDirectories();
const workspaceWithOrders = () => workspaceIn(temporary);

describe('msctl mcp', () => {
  it('lists its tools', async () => {
    const client = await connect(await workspaceWithOrders());
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'create_service',
      'dependency_graph',
      'generate_manifests',
      'init_workspace',
      'lint_api',
      'plan_manifests',
      'plan_service',
      'system_status',
      'workspace_config',
    ]);
    expect(client.getInstructions()).toMatch(/init_workspace[\s\S]*plan_service/);
  });

  it('answers with the resolved workspace, its graph and the lint findings of its APIs', async () => {
    const cwd = await workspaceWithOrders();
    const client = await connect(cwd);
    const config = await call(client, 'workspace_config');
    expect(config.structuredContent).toMatchObject({
      workspaceRoot: cwd,
      config: { services: { orders: { port: 3000, dependsOn: ['postgres'] } } },
    });

    const graph = await call(client, 'dependency_graph', { format: 'mermaid' });
    expect(graph.structuredContent).toMatchObject({ startOrder: [['postgres'], ['orders']] });
    expect(graph.structuredContent?.drawing).toContain('orders --> postgres');

    const clean = await call(client, 'lint_api');
    expect(clean.structuredContent).toMatchObject({ findings: [], summary: { documents: 1, errors: 0 } });
  });

  it('reports findings in Spectral’s shape for a file it is given', async () => {
    const cwd = await workspaceWithOrders();
    const spec = path.join(cwd, 'bad.yaml');
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(spec, 'openapi: 3.0.3\ninfo: { title: t, version: "1.0.0" }\npaths:\n  /things/: {}\n'),
    );
    const client = await connect(cwd);
    const result = await call(client, 'lint_api', { files: ['bad.yaml'] });
    const findings = result.structuredContent?.findings as { code: string; path: string[]; range: unknown }[];
    expect(findings.find((finding) => finding.code === 'path-keys-no-trailing-slash')).toMatchObject({
      path: ['paths', '/things/'],
      range: { start: { line: 3 } },
    });
  });

  it('generate_manifests reports a conflict it wrote with markers, and the files it deleted', async () => {
    const cwd = await workspaceWithOrders();
    const client = await connect(cwd);
    const deployment = path.join(cwd, 'services/orders/k8s/deployment.yaml');
    await writeFile(
      deployment,
      (await readFile(deployment, 'utf8')).replace('containerPort: 3000', 'containerPort: 4000'),
    );
    const config = parseDocument(await readFile(path.join(cwd, 'msctl.yaml'), 'utf8'));
    config.setIn(['services', 'orders', 'port'], 3005);
    config.setIn(['services', 'orders', 'replicas'], 2);
    await writeFile(path.join(cwd, 'msctl.yaml'), config.toString());

    const planned = await call(client, 'plan_manifests', { what: 'k8s' });
    expect(planned.structuredContent).toMatchObject({
      drift: true,
      written: [],
      deleted: ['services/orders/k8s/horizontal-pod-autoscaler.yaml'],
      conflicts: ['services/orders/k8s/deployment.yaml'],
    });
    expect(existsSync(path.join(cwd, 'services/orders/k8s/horizontal-pod-autoscaler.yaml'))).toBe(true);

    const generated = await call(client, 'generate_manifests', { what: 'k8s' });
    const files = generated.structuredContent?.files as {
      path: string;
      action: string;
      conflicts: string[];
    }[];
    expect(files.find((file) => file.path === 'services/orders/k8s/deployment.yaml')).toMatchObject({
      action: 'conflict',
      conflicts: ['spec.template.spec.containers[orders].ports[http].containerPort'],
    });
    expect(generated.structuredContent?.deleted).toEqual([
      'services/orders/k8s/horizontal-pod-autoscaler.yaml',
    ]);
    expect(existsSync(path.join(cwd, 'services/orders/k8s/horizontal-pod-autoscaler.yaml'))).toBe(false);
    expect(await readFile(deployment, 'utf8')).toMatch(/^<<<<<<< yours$/m);
  });

  it('plans a service (nothing written), then creates it', async () => {
    const cwd = await workspaceWithOrders();
    const client = await connect(cwd);
    const dryRun = await call(client, 'plan_service', { name: 'billing', dependsOn: ['orders'] });
    expect(dryRun.structuredContent?.files).toContain('services/billing/Dockerfile');
    expect(existsSync(path.join(cwd, 'services/billing'))).toBe(false);

    const created = await call(client, 'create_service', { name: 'billing', dependsOn: ['orders'] });
    expect(created.isError).toBeFalsy();
    expect(created.structuredContent).toMatchObject({ service: { name: 'billing', port: 3001 } });
    expect(await readFile(path.join(cwd, 'msctl.yaml'), 'utf8')).toContain('billing:');

    // The NetworkPolicy of orders now admits billing: create_service regenerated it, and said so.
    expect(created.structuredContent?.regenerated).toContainEqual(
      expect.objectContaining({ path: 'services/orders/k8s/network-policy.yaml', action: 'update' }),
    );
    const drift = await call(client, 'plan_manifests', { what: 'all' });
    expect(drift.structuredContent).toMatchObject({ drift: false, written: [], deleted: [], conflicts: [] });
  });

  it('turns a refusal into a tool error that says what to do', async () => {
    const cwd = await workspaceWithOrders();
    const client = await connect(cwd);
    const refused = await call(client, 'create_service', { name: 'billing', port: 3000 });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toMatch(
      /Port 3000 is already used by the service "orders"[\s\S]*another `port`/,
    );
    const traversal = await call(client, 'create_service', { name: '../evil' });
    expect(traversal.isError).toBe(true);
    expect(existsSync(path.join(cwd, '..', 'evil'))).toBe(false);
  });

  it('reports every problem of an invalid msctl.yaml as a tool error', async () => {
    const cwd = await temporary();
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(
        path.join(cwd, 'msctl.yaml'),
        'version: 1\nname: shop\nservices:\n  a: { path: a, port: 1, dependsOn: [a] }\n',
      ),
    );
    const client = await connect(cwd);
    const result = await call(client, 'workspace_config');
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toContain('msctl.yaml:4:38 "a" depends on itself');
  });
});

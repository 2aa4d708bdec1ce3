import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_NAME, STRING_LIMITS } from '../../src/core/config/schema.js';
import { repositoryRoot } from '../support/cli.js';
import { useTempDirectories } from '../support/temp.js';
import { call, connect, snapshotTree, textOf, workspaceWithOrders } from './support.js';

const temporary = useTempDirectories();

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: unknown;
  description?: string;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  enum?: unknown[];
};

describe('msctl mcp: tool arguments', () => {
  it('refuses an unknown argument, naming it, the known ones and the one meant, and writes nothing', async () => {
    const cwd = await workspaceWithOrders(temporary);
    const before = await snapshotTree(cwd);
    const client = await connect(cwd);
    const answer = await call(client, 'create_service', {
      name: 'billing',
      depends_on: ['orders'],
      dry_run: true,
    });
    expect(answer.isError).toBe(true);
    const text = textOf(answer);
    expect(text).toContain('Unknown argument "depends_on" (did you mean "dependsOn"?)');
    expect(text).toContain(
      'Unknown argument "dry_run". plan_service previews a service without writing anything.',
    );
    expect(text).toMatch(/create_service takes: name, template, port, dependsOn, description, ci\b/);
    // The agent reads our words, not the protocol library's.
    expect(text).not.toMatch(/MCP error|Input validation error/);
    expect(await snapshotTree(cwd)).toEqual(before);
    expect(existsSync(path.join(cwd, 'services/billing'))).toBe(false);
  });

  it('refuses oversized strings and invalid names before touching the workspace', async () => {
    const cwd = await workspaceWithOrders(temporary);
    const before = await snapshotTree(cwd);
    const client = await connect(cwd);
    const huge = await call(client, 'create_service', {
      name: 'billing',
      description: 'x'.repeat(2_000_000),
    });
    expect(huge.isError).toBe(true);
    expect(textOf(huge)).toMatch(/"description".*at most \d+ characters/);
    const manyKeys = Object.fromEntries(
      Array.from({ length: 1000 }, (_, index) => [`${'k'.repeat(1000)}${index}`, index]),
    );
    const keys = await call(client, 'plan_service', { name: 'billing', ...manyKeys });
    expect(keys.isError).toBe(true);
    expect(textOf(keys)).toContain('And 995 more unknown arguments.');
    expect(textOf(keys).length).toBeLessThan(2000);
    const long = await call(client, 'create_service', { name: 'a'.repeat(64) });
    expect(textOf(long)).toMatch(/"name".*at most 63 characters/);
    const upper = await call(client, 'plan_service', { name: 'Billing' });
    expect(textOf(upper)).toMatch(/"name".*DNS-1123/);
    const digit = await call(client, 'create_service', { name: '1orders', dependsOn: ['2cache'] });
    expect(textOf(digit)).toMatch(/"name".*starts with a letter/);
    expect(textOf(digit)).toMatch(/"dependsOn\[0\]".*starts with a letter/);
    const files = await call(client, 'lint_api', { files: ['x'.repeat(5000)] });
    expect(textOf(files)).toMatch(/"files\[0\]".*at most 4096 characters/);
    expect(await snapshotTree(cwd)).toEqual(before);
    // The server is alive and the workspace loads.
    expect((await call(client, 'workspace_config')).isError).toBeFalsy();
  });

  it('describes every argument, bounds every string and declares every result', async () => {
    const client = await connect(await workspaceWithOrders(temporary));
    const { tools } = await client.listTools();
    const installed = (await readdir(path.join(repositoryRoot, 'templates'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    for (const tool of tools) {
      const input = tool.inputSchema as JsonSchema;
      expect(input.additionalProperties, tool.name).toBe(false);
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(tool.description, tool.name).toBeTruthy();
      for (const [name, property] of Object.entries(input.properties ?? {})) {
        expect(property.description, `${tool.name}.${name}`).toBeTruthy();
        const strings = property.type === 'array' ? property.items : property;
        if (strings?.type === 'string' && strings.enum === undefined) {
          expect(strings.maxLength, `${tool.name}.${name}`).toBeGreaterThan(0);
        }
        if (property.type === 'array') expect(property.maxItems, `${tool.name}.${name}`).toBeGreaterThan(0);
      }
    }
    const create = tools.find((tool) => tool.name === 'create_service');
    const properties = (create?.inputSchema as JsonSchema | undefined)?.properties ?? {};
    // One rule for names: the schema's, so that a name create_service takes is one msctl.yaml accepts.
    expect(properties.name).toMatchObject({ maxLength: STRING_LIMITS.name, pattern: SERVICE_NAME.source });
    expect(properties.description).toMatchObject({ maxLength: STRING_LIMITS.description });
    expect(properties.template?.enum?.slice().sort()).toEqual(installed);
    expect(properties.dryRun).toBeUndefined();
    for (const preview of ['plan_service', 'plan_manifests']) {
      expect(tools.find((tool) => tool.name === preview)?.annotations).toMatchObject({ readOnlyHint: true });
    }
    expect(create?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    // It replaces and deletes files msctl generated: hosts must not take it for an additive tool.
    expect(tools.find((tool) => tool.name === 'generate_manifests')?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
  });

  it('gives structured results that conform to each tool’s output schema', async () => {
    const cwd = await workspaceWithOrders(temporary);
    const client = await connect(cwd);
    // The SDK client validates structuredContent against the listed outputSchema and throws when it does not conform.
    const answers = [
      await call(client, 'workspace_config'),
      await call(client, 'dependency_graph', { format: 'dot' }),
      await call(client, 'lint_api'),
      await call(client, 'plan_service', { name: 'billing', dependsOn: ['orders', 'redis'] }),
      await call(client, 'create_service', { name: 'billing', dependsOn: ['orders'] }),
      await call(client, 'plan_manifests', { what: 'ci' }),
      await call(client, 'generate_manifests', { what: 'k8s' }),
    ];
    for (const answer of answers) {
      expect(answer.isError, textOf(answer)).toBeFalsy();
      expect(answer.structuredContent?.workspaceRoot).toBe(cwd);
    }
    const status = await call(client, 'system_status');
    if (!status.isError) expect(status.structuredContent?.workspaceRoot).toBe(cwd);
  });
});

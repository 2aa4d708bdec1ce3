import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, expect } from 'vitest';
import { createServiceBin, msctlBin, runBin } from '../support/cli.js';

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

/**
 * A real client talking to the built `msctl mcp` over stdio, as an agent's host would start it, with `roots` when
 * given (as a host that shares its open folders does). Tools are listed
 * first: the client then validates every structured result against the tool's output schema.
 */
export async function connect(
  cwd: string,
  extraArguments: readonly string[] = [],
  roots?: readonly string[],
): Promise<Client> {
  const client = new Client(
    { name: 'msctl-test', version: '1.0.0' },
    roots ? { capabilities: { roots: { listChanged: false } } } : {},
  );
  if (roots) {
    client.setRequestHandler(ListRootsRequestSchema, () => ({
      roots: roots.map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) })),
    }));
  }
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [msctlBin, ...extraArguments, 'mcp'],
      cwd,
      stderr: 'pipe',
    }),
  );
  clients.push(client);
  await client.listTools();
  return client;
}

export type ToolAnswer = {
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  content: { type: string; text: string }[];
};

export const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args })) as ToolAnswer;

/** The text of a tool's answer, which is what an agent reads. */
export const textOf = (answer: ToolAnswer): string => answer.content.map((part) => part.text).join('\n');

/** A workspace made by the real `create-service`, with the service `orders` that depends on postgres. */
export async function workspaceWithOrders(temporary: () => Promise<string>): Promise<string> {
  const cwd = await temporary();
  // A registry, as `msctl init --registry` records it: the Kubernetes overlays need one.
  await writeFile(
    path.join(cwd, 'msctl.yaml'),
    'version: 1\nname: shop\nimages:\n  registry: ghcr.io/acme/shop\n',
  );
  const created = await runBin(createServiceBin, ['orders', '--yes', '--depends-on', 'postgres'], { cwd });
  expect(created.exitCode, created.stderr).toBe(0);
  return cwd;
}

/** Every file under a folder with its content, to show that a call changed nothing. */
export async function snapshotTree(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, file), await readFile(file, 'utf8'));
  }
  return files;
}

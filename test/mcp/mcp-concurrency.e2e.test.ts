import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { useTempDirectories } from '../support/temp.js';
import { call, connect, type ToolAnswer, textOf, workspaceWithOrders } from './support.js';

const temporary = useTempDirectories();

/**
 * Each call either registered its service (its folder on disk, its own port in msctl.yaml) or was refused as a
 * tool error with nothing of it on disk; never both answers OK with one service lost.
 */
async function expectEachLandedOrRefused(cwd: string, answers: Map<string, ToolAnswer>): Promise<void> {
  const config = parse(await readFile(path.join(cwd, 'msctl.yaml'), 'utf8')) as {
    services: Record<string, { port: number }>;
  };
  for (const [name, answer] of answers) {
    if (answer.isError) {
      expect(config.services[name], textOf(answer)).toBeUndefined();
      expect(existsSync(path.join(cwd, 'services', name))).toBe(false);
    } else {
      expect(config.services[name], name).toBeDefined();
      expect(existsSync(path.join(cwd, 'services', name, 'package.json'))).toBe(true);
      expect(answer.structuredContent).toMatchObject({ service: { port: config.services[name]?.port } });
    }
  }
  const ports = Object.values(config.services).map((service) => service.port);
  expect(new Set(ports).size).toBe(ports.length);
  expect([...answers.values()].some((answer) => !answer.isError)).toBe(true);
}

describe('msctl mcp: two create_service calls at once', () => {
  it('through one client, both land with distinct ports or one is refused', async () => {
    const cwd = await workspaceWithOrders(temporary);
    const client = await connect(cwd);
    const names = ['billing', 'payments', 'shipping'];
    const answers = await Promise.all(names.map((name) => call(client, 'create_service', { name })));
    await expectEachLandedOrRefused(
      cwd,
      new Map(names.map((name, index) => [name, answers[index] as ToolAnswer])),
    );
    // Through one server the calls queue: none is refused.
    expect(answers.filter((answer) => answer.isError).map(textOf)).toEqual([]);
  });

  it('through two server processes, both land with distinct ports or one is refused', async () => {
    const cwd = await workspaceWithOrders(temporary);
    const [first, second] = await Promise.all([connect(cwd), connect(cwd)]);
    const answers = await Promise.all([
      call(first, 'create_service', { name: 'billing' }),
      call(second, 'create_service', { name: 'payments' }),
    ]);
    await expectEachLandedOrRefused(
      cwd,
      new Map([
        ['billing', answers[0]],
        ['payments', answers[1]],
      ]),
    );
  });
});

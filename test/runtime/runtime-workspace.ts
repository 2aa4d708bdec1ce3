import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { msctl, repositoryRoot } from '../support/cli.js';
import { ensureNodeBaseImage } from '../support/node-image.js';
import { ensurePostgresImage } from '../support/postgres-image.js';

export const DOCKER = '/usr/bin/docker';
const FIXTURES = path.join(repositoryRoot, 'test/fixtures/runtime');

/** A copy of the fixture system under a unique project name, with its .env. */
export interface RuntimeWorkspace {
  root: string;
  project: string;
  msctl: (args: readonly string[], env?: Record<string, string | undefined>) => ReturnType<typeof msctl>;
  editYaml: (edit: (source: string) => string) => Promise<void>;
  cleanUp: () => Promise<void>;
}

export async function prepareImages(): Promise<void> {
  await Promise.all([ensureNodeBaseImage(), ensurePostgresImage()]);
}

/** A copy of a fixture under test/fixtures/runtime (`system` by default) with a unique project name. */
export async function createRuntimeWorkspace(label: string, fixture = 'system'): Promise<RuntimeWorkspace> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'msctl-runtime-'));
  await cp(path.join(FIXTURES, fixture), root, { recursive: true });
  const project = `rt-${label}-${randomBytes(3).toString('hex')}`;
  const yaml = path.join(root, 'msctl.yaml');
  await writeFile(yaml, (await readFile(yaml, 'utf8')).replace('name: runtime-fixture', `name: ${project}`));
  await writeFile(path.join(root, '.env'), 'ORDERS_TOKEN=token-that-must-stay-secret\n');
  return {
    root,
    project,
    msctl: (args, env) => msctl(args, { cwd: root, env: { ...env } }),
    editYaml: async (edit) => writeFile(yaml, edit(await readFile(yaml, 'utf8'))),
    cleanUp: async () => {
      await msctl(['down', '--volumes', '--project', project], { cwd: os.tmpdir() });
      // By name, not id: images of identical content share an id, and an id that another image builds on (the
      // legacy builder's cache, as docker-compose builds) cannot be removed, while its tags can.
      const images = await execa(DOCKER, [
        'images',
        '--format',
        '{{.Repository}}:{{.Tag}}',
        '--filter',
        `reference=${project}/*`,
      ]);
      const names = images.stdout.split('\n').filter(Boolean);
      if (names.length > 0) await execa(DOCKER, ['image', 'rm', ...names], { reject: false });
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Everything of a project that the engine still has, found by label. */
export async function leftovers(
  project: string,
): Promise<{ containers: string[]; networks: string[]; volumes: string[] }> {
  const filter = `label=dev.msctl.project=${project}`;
  const list = async (args: string[]) =>
    (await execa(DOCKER, args)).stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  return {
    containers: await list(['ps', '-a', '--filter', filter, '--format', '{{.Names}}']),
    networks: await list(['network', 'ls', '--filter', filter, '--format', '{{.Name}}']),
    volumes: await list(['volume', 'ls', '--filter', filter, '--format', '{{.Name}}']),
  };
}

export interface PsRow {
  service: string;
  id: string;
  state: string;
  health?: string;
  ports: string[];
}

export async function psRows(workspace: RuntimeWorkspace): Promise<Map<string, PsRow>> {
  const result = await workspace.msctl(['ps', '--json']);
  if (result.exitCode !== 0) throw new Error(`msctl ps failed: ${result.stderr}`);
  return new Map((JSON.parse(result.stdout) as PsRow[]).map((row) => [row.service, row]));
}

/** The host address of a service's published port, from `msctl ps`. */
export function publishedAddress(row: PsRow | undefined): string {
  const port = row?.ports[0];
  if (!port) throw new Error(`no published port in ${JSON.stringify(row)}`);
  return port.split('->')[0] as string;
}

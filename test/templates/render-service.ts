import { execFile as execFileCallback } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { workspaceSchema } from '../../src/core/config/schema.js';
import { type RenderedFiles, renderTemplate, type ServiceAnswers } from '../../src/core/scaffold/render.js';
import { findNpmDirectory } from '../support/node-image.js';

const execFile = promisify(execFileCallback);

/** A workspace with one other service and one infra, so that every kind of dependency can be named. */
export const workspace = workspaceSchema.parse({
  version: 1,
  name: 'shop',
  images: { registry: 'ghcr.io/acme/shop' },
  services: { inventory: { path: 'services/inventory', port: 3001 } },
  infra: { cache: { kind: 'redis' } },
});

export function renderService(answers: Partial<ServiceAnswers> = {}): Promise<RenderedFiles> {
  return renderTemplate(
    'node-fastify',
    { name: 'orders', port: 3000, description: 'Takes and tracks orders.', ...answers },
    workspace,
  );
}

export function textOf(files: RenderedFiles, name: string): string {
  const content = files.get(name);
  if (content === undefined) throw new Error(`the template rendered no ${name}`);
  return content.toString();
}

/** Writes rendered files into a new temporary folder and returns it. */
export async function writeService(files: RenderedFiles, prefix = 'msctl-node-fastify-'): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), prefix));
  for (const [file, content] of files) {
    const target = path.join(directory, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return directory;
}

/**
 * Runs npm with the Node that runs the tests (Node 24 here), its npm beside it on PATH, so the generated
 * service's scripts find the same node. Output is returned for failure messages.
 */
export async function npm(directory: string, args: readonly string[]): Promise<string> {
  const binDirectory = path.dirname(process.execPath);
  const npmCli = path.join(await findNpmDirectory(), 'bin', 'npm-cli.js');
  try {
    const { stdout, stderr } = await execFile(process.execPath, [npmCli, ...args], {
      cwd: directory,
      env: {
        ...inheritedEnvironment(),
        PATH: `${binDirectory}${path.delimiter}${process.env.PATH ?? ''}`,
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        npm_config_update_notifier: 'false',
        npm_config_fund: 'false',
        npm_config_audit: 'false',
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string };
    throw new Error(
      `npm ${args.join(' ')} failed in ${directory}:\n${failure.stdout ?? ''}${failure.stderr ?? ''}`,
    );
  }
}

/** The environment without what vitest sets for itself, so the service's own vitest starts clean. */
function inheritedEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('VITEST') && name !== 'NODE_ENV' && name !== 'TEST',
    ),
  );
}

/** Runs a command-line tool from msctl's own devDependencies with the test's node; resolves even on exit 1. */
export async function runPackageBin(
  packageName: string,
  binName: string,
  args: readonly string[],
  cwd: string,
): Promise<{ exitCode: number; stdout: string; output: string }> {
  const manifestPath = createRequire(import.meta.url).resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { bin: Record<string, string> };
  const entry = path.join(path.dirname(manifestPath), manifest.bin[binName] ?? '');
  try {
    const { stdout, stderr } = await execFile(process.execPath, [entry, ...args], {
      cwd,
      env: { ...inheritedEnvironment(), NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { exitCode: 0, stdout, output: `${stdout}${stderr}` };
  } catch (error) {
    const failure = error as Error & { code?: number; stdout?: string; stderr?: string };
    if (typeof failure.code !== 'number') throw error;
    return {
      exitCode: failure.code,
      stdout: failure.stdout ?? '',
      output: `${failure.stdout ?? ''}${failure.stderr ?? ''}`,
    };
  }
}

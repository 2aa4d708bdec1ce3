import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { findWorkspaceFile, loadWorkspace } from '../config/load.js';
import { dockerodeOptions, resolveEngineEndpoint } from '../docker/engine.js';
import { ConfigError } from '../errors.js';
import { plural } from '../plural.js';

export interface Check {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  /** What to do when it is not ok. */
  fix?: string;
}

export interface DiagnoseOptions {
  cwd: string;
  configFile?: string | undefined;
  /** How long the Docker engine may take to answer. */
  engineTimeoutMs?: number;
}

/** What works here: Node, git, the Docker engine, the workspace. Never throws for what it checks. */
export async function diagnose(options: DiagnoseOptions): Promise<Check[]> {
  return Promise.all([
    checkNode(),
    checkGit(),
    checkDocker(options.engineTimeoutMs ?? 3000),
    checkWorkspace(options),
  ]);
}

/** msctl's own package.json, found upward: this module runs from src/, dist/ and the bundle, at different depths. */
function ownManifest(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error("msctl's package.json was not found above its modules");
    directory = parent;
  }
  return path.join(directory, 'package.json');
}

async function checkNode(): Promise<Check> {
  const manifest = JSON.parse(readFileSync(ownManifest(), 'utf8')) as { engines: { node: string } };
  const supported = semver.satisfies(process.versions.node, manifest.engines.node);
  return {
    name: 'node',
    status: supported ? 'ok' : 'fail',
    detail: `${process.version} (needs ${manifest.engines.node})`,
    ...(!supported && { fix: 'Install a current Node.js LTS release.' }),
  };
}

async function checkGit(): Promise<Check> {
  const { execa } = await import('execa');
  try {
    const { stdout } = await execa('git', ['--version'], { timeout: 5000 });
    return { name: 'git', status: 'ok', detail: stdout.replace(/^git version /, '') };
  } catch {
    return {
      name: 'git',
      status: 'warn',
      detail: 'not found',
      fix: 'Install git: create-service and the generated CI pipelines expect a repository.',
    };
  }
}

async function checkDocker(timeoutMs: number): Promise<Check> {
  const endpoint = resolveEngineEndpoint();
  const where = `${endpoint.host} (${endpoint.source === 'context' ? `context ${endpoint.context}` : endpoint.source})`;
  try {
    const { default: Docker } = await import('dockerode');
    const docker = new Docker({ ...dockerodeOptions(endpoint), timeout: timeoutMs });
    const version = await docker.version();
    return {
      name: 'docker',
      status: 'ok',
      detail: `Docker Engine ${version.Version} (API ${version.ApiVersion}) at ${where}`,
    };
  } catch (error) {
    return {
      name: 'docker',
      status: 'fail',
      detail: `no engine answered at ${where}: ${(error as Error).message}`,
      fix: 'Start Docker (Docker Desktop, or `sudo systemctl start docker`), or point DOCKER_HOST or `docker context use` at a running engine. `msctl up` needs it.',
    };
  }
}

async function checkWorkspace(options: DiagnoseOptions): Promise<Check> {
  const file = options.configFile ?? findWorkspaceFile(options.cwd);
  if (!file) {
    return {
      name: 'workspace',
      status: 'warn',
      detail: 'no msctl.yaml here or above',
      fix: 'Run `msctl init`.',
    };
  }
  try {
    const workspace = await loadWorkspace({ configFile: file, cwd: options.cwd });
    const services = Object.keys(workspace.config.services).length;
    const infra = Object.keys(workspace.config.infra).length;
    return {
      name: 'workspace',
      status: 'ok',
      detail: `${workspace.file}: ${plural(services, 'service')}, ${infra} infra`,
    };
  } catch (error) {
    const detail = error instanceof ConfigError ? `${file}: ${error.message}` : (error as Error).message;
    return { name: 'workspace', status: 'fail', detail, fix: 'Run `msctl config` to see every problem.' };
  }
}

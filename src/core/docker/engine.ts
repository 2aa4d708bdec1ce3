import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the Docker engine is, and how we learned it (for `doctor` and error messages). */
export interface EngineEndpoint {
  host: string;
  source: 'DOCKER_HOST' | 'context' | 'default';
  context?: string;
  tls?: { verify: boolean; certPath?: string | undefined };
}

export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';

/**
 * Finds the engine the way the docker CLI does: `DOCKER_HOST`, then the context named by `DOCKER_CONTEXT` or
 * the config file's `currentContext`, then the default socket.
 */
export function resolveEngineEndpoint(environment: NodeJS.ProcessEnv = process.env): EngineEndpoint {
  const tls = environment.DOCKER_TLS_VERIFY
    ? { verify: environment.DOCKER_TLS_VERIFY !== '0', certPath: environment.DOCKER_CERT_PATH }
    : undefined;
  if (environment.DOCKER_HOST)
    return { host: environment.DOCKER_HOST, source: 'DOCKER_HOST', ...(tls && { tls }) };
  const configDirectory = environment.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker');
  const context = environment.DOCKER_CONTEXT ?? readCurrentContext(configDirectory);
  if (context && context !== 'default') {
    const metaFile = path.join(
      configDirectory,
      'contexts',
      'meta',
      createHash('sha256').update(context).digest('hex'),
      'meta.json',
    );
    const host = readContextHost(metaFile);
    if (host) {
      const tlsDirectory = path.join(
        configDirectory,
        'contexts',
        'tls',
        path.basename(path.dirname(metaFile)),
        'docker',
      );
      return {
        host,
        source: 'context',
        context,
        ...(existsSync(tlsDirectory) && { tls: { verify: true, certPath: tlsDirectory } }),
      };
    }
  }
  return { host: DEFAULT_DOCKER_HOST, source: 'default' };
}

function readCurrentContext(configDirectory: string): string | undefined {
  try {
    const config = JSON.parse(readFileSync(path.join(configDirectory, 'config.json'), 'utf8')) as {
      currentContext?: unknown;
    };
    return typeof config.currentContext === 'string' ? config.currentContext : undefined;
  } catch {
    return undefined;
  }
}

function readContextHost(metaFile: string): string | undefined {
  try {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as {
      Endpoints?: { docker?: { Host?: unknown } };
    };
    const host = meta.Endpoints?.docker?.Host;
    return typeof host === 'string' ? host : undefined;
  } catch {
    return undefined;
  }
}

/** dockerode/docker-modem connection options for an endpoint. */
export function dockerodeOptions(endpoint: EngineEndpoint): Record<string, unknown> {
  const url = new URL(endpoint.host);
  const tls = endpoint.tls?.certPath
    ? {
        ca: readFileSync(path.join(endpoint.tls.certPath, 'ca.pem')),
        cert: readFileSync(path.join(endpoint.tls.certPath, 'cert.pem')),
        key: readFileSync(path.join(endpoint.tls.certPath, 'key.pem')),
      }
    : {};
  switch (url.protocol) {
    case 'unix:':
      return { socketPath: url.pathname };
    case 'npipe:':
      return { socketPath: `//./pipe${url.pathname.replace(/^\/\/\.\/pipe/, '')}` };
    case 'tcp:':
    case 'http:':
    case 'https:':
      return {
        protocol: endpoint.tls || url.protocol === 'https:' ? 'https' : 'http',
        host: url.hostname,
        port: Number(url.port || (endpoint.tls ? 2376 : 2375)),
        ...tls,
      };
    case 'ssh:':
      return {
        protocol: 'ssh',
        host: url.hostname,
        port: Number(url.port || 22),
        username: url.username || undefined,
      };
    default:
      throw new Error(`unsupported Docker host "${endpoint.host}"`);
  }
}

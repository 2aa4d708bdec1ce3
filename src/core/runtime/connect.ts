import type Docker from 'dockerode';
import { dockerodeOptions, type EngineEndpoint, resolveEngineEndpoint } from '../docker/engine.js';
import { UserError } from '../errors.js';

/** A connected engine and where it was found. */
export interface Engine {
  docker: Docker;
  endpoint: EngineEndpoint;
}

const SOURCES: Record<EngineEndpoint['source'], string> = {
  DOCKER_HOST: 'from DOCKER_HOST',
  context: 'from the current docker context',
  default: 'the default socket',
};

/** Connects to the engine the docker CLI would use; no answer is a UserError (exit 2) saying how to start one. */
export async function connectEngine(environment: NodeJS.ProcessEnv = process.env): Promise<Engine> {
  const endpoint = resolveEngineEndpoint(environment);
  const where = `${endpoint.host} (${endpoint.context ? `context "${endpoint.context}"` : SOURCES[endpoint.source]})`;
  const { default: DockerClient } = await import('dockerode');
  let docker: Docker;
  try {
    docker = new DockerClient(dockerodeOptions(endpoint));
  } catch (error) {
    throw new UserError(`Cannot use the Docker engine at ${where}: ${(error as Error).message}.`, START_HINT);
  }
  try {
    await Promise.race([
      docker.ping(),
      new Promise((_resolve, reject) =>
        setTimeout(() => reject(new Error('no answer within 5 s')), 5000).unref(),
      ),
    ]);
  } catch (error) {
    throw new UserError(`No Docker engine answered at ${where}: ${(error as Error).message}.`, START_HINT);
  }
  return { docker, endpoint };
}

const START_HINT =
  'Start Docker (Docker Desktop, or `sudo systemctl start docker`), or point DOCKER_HOST or `docker context use` at a running engine.';

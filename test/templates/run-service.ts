import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface ServiceRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts a built service (`node dist/server.js`) on a free loopback port, waits until it logs that it listens,
 * runs `action` against it, then sends SIGTERM and waits for the process to exit on its own.
 */
export async function runBuiltService(
  folder: string,
  environment: NodeJS.ProcessEnv,
  action: (baseUrl: string) => Promise<void>,
  nodeOptions: readonly string[] = [],
): Promise<ServiceRun> {
  const child = spawn(process.execPath, [...nodeOptions, path.join('dist', 'server.js')], {
    cwd: folder,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', NODE_ENV: 'production', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (listening?.[1]) resolve(listening[1]);
    });
    void exited.then((code) =>
      reject(new Error(`the service exited (${code}) before listening:\n${stdout}${stderr}`)),
    );
  });
  try {
    await action(baseUrl);
  } finally {
    child.kill('SIGTERM');
  }
  return { exitCode: await exited, stdout, stderr };
}

/** An OTLP/HTTP receiver on a free loopback port that keeps the path of every export it is sent. */
export async function startOtlpReceiver(): Promise<{
  endpoint: string;
  paths: string[];
  close(): Promise<void>;
}> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    request.resume().once('end', () => {
      paths.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    paths,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A `--import` module that reports on stderr every OpenTelemetry module the process resolves, through Node's
 * in-thread module hooks: how a test sees that telemetry costs nothing when it is off.
 */
export const REPORT_OPENTELEMETRY_IMPORTS = `data:text/javascript,${encodeURIComponent(
  "import { registerHooks } from 'node:module';" +
    'registerHooks({ resolve(specifier, context, next) {' +
    " if (specifier.includes('@opentelemetry/')) process.stderr.write('resolved ' + specifier + '\\n');" +
    ' return next(specifier, context); } });',
)}`;

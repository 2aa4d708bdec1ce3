import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const msctlBin = path.join(repositoryRoot, 'bin/msctl.js');
export const createServiceBin = path.join(repositoryRoot, 'bin/create-service.js');

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a built binary the way a user would, without colour, with stdin closed (no TTY). */
export async function runBin(
  bin: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): Promise<RunResult> {
  const result = await execa(process.execPath, [bin, ...args], {
    cwd: options.cwd,
    env: { NO_COLOR: '1', MSCTL_DEBUG: undefined, ...options.env },
    reject: false,
    stdin: 'ignore',
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

export const msctl = (
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
) => runBin(msctlBin, args, options);

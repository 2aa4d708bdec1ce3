import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findWorkspaceFile, WORKSPACE_FILE } from '../core/config/find.js';
import { loadWorkspace, type Workspace } from '../core/config/load.js';
import { UserError } from '../core/errors.js';

/** Where the server was started: its folder, and the msctl.yaml given with `--config`. */
export interface SessionOptions {
  cwd: string;
  configFile?: string | undefined;
  /** The client's roots as absolute folders; empty when the client has none. */
  listRoots?: () => Promise<string[]>;
}

/**
 * The workspace one MCP connection works in, and the boundary of what its tools may read and write. It is found
 * once (`--config`, else msctl.yaml in the server's folder or above, else at the top of one of the client's roots,
 * else given by `init_workspace`) and then fixed for the session.
 */
export class Session {
  private file: string | undefined;

  constructor(private readonly options: SessionOptions) {}

  /** The msctl.yaml of the session, found now if it was not before; undefined when there is none. */
  async workspaceFile(): Promise<string | undefined> {
    if (this.file) return this.file;
    const { cwd, configFile } = this.options;
    const found = configFile
      ? path.resolve(cwd, configFile)
      : (findWorkspaceFile(cwd) ?? (await this.fromRoots()));
    this.file = found;
    return found;
  }

  /** The session's workspace, loaded and validated now; a tool error saying how to get one when there is none. */
  async workspace(): Promise<Workspace> {
    const file = await this.workspaceFile();
    if (!file) throw this.noWorkspace();
    return loadWorkspace({ configFile: file, cwd: path.dirname(file) });
  }

  /** Makes `file` the session's workspace (`init_workspace`); refused once the session has one. */
  async adopt(file: string): Promise<void> {
    const current = await this.workspaceFile();
    if (current) {
      throw new UserError(
        `This session already works in the workspace ${path.dirname(current)}; it cannot change.`,
        'Use the workspace it has, or start another msctl mcp server in the other folder.',
      );
    }
    this.file = file;
  }

  noWorkspace(): UserError {
    return new UserError(
      `No workspace: there is no ${WORKSPACE_FILE} in ${this.options.cwd} or any folder above it, nor at the top of the client's roots.`,
      'Call init_workspace with the absolute `folder` of the workspace (it creates msctl.yaml there, or opens the one there), or register the server with its working folder inside the workspace.',
    );
  }

  private async fromRoots(): Promise<string | undefined> {
    const roots = (await this.options.listRoots?.().catch(() => [])) ?? [];
    return roots.map((root) => path.join(root, WORKSPACE_FILE)).find((file) => existsSync(file));
  }
}

/** The client's `file://` roots as folders. */
export function rootFolders(roots: readonly { uri: string }[]): string[] {
  return roots.flatMap(({ uri }) => (uri.startsWith('file://') ? [fileURLToPath(uri)] : []));
}

/**
 * `given` (relative to the workspace, or absolute) as a path to read, if it stays inside the workspace once every
 * symlink is resolved; a tool error naming the argument otherwise. An existing file comes back resolved, so that
 * what is read is what was checked.
 */
export async function pathInsideWorkspace(root: string, given: string, argument: string): Promise<string> {
  const realRoot = await realpath(root);
  const absolute = path.resolve(root, given);
  const resolved = await resolveExisting(absolute);
  if (!isInside(realRoot, resolved.real)) {
    throw new UserError(
      `"${argument}" names ${given}, which is outside the workspace ${root} (symlinks resolved).`,
      'Tools read only files inside the workspace: pass a path relative to it.',
    );
  }
  return resolved.exists ? resolved.real : absolute;
}

/** The real path of `file`, or of its nearest existing folder joined with the rest when it does not exist. */
async function resolveExisting(file: string): Promise<{ real: string; exists: boolean }> {
  try {
    return { real: await realpath(file), exists: true };
  } catch {
    const parent = path.dirname(file);
    if (parent === file) return { real: file, exists: false };
    const { real } = await resolveExisting(parent);
    return { real: path.join(real, path.basename(file)), exists: false };
  }
}

/** Inside or equal; both absolute and free of symlinks. */
export function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return (
    relative === '' ||
    (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative))
  );
}

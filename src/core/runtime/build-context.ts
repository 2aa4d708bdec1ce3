import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import dockerignoreModule from '@balena/dockerignore';
import picomatch from 'picomatch';
import tar from 'tar-stream';
import { UserError } from '../errors.js';

/** One file of a build context, as it goes into the tar. */
interface ContextEntry {
  /** POSIX path relative to the context. */
  name: string;
  absolutePath?: string;
  content?: Buffer;
  mode: number;
  size: number;
  linkTarget?: string;
}

/** A build context: the files `.dockerignore` lets through, plus files we add (the extra CA). */
export interface BuildContext {
  directory: string;
  dockerfile: string;
  buildArgs: Record<string, string>;
  entries: ContextEntry[];
  /** sha256 of paths, modes and contents: equal hashes mean an equal context. */
  hash: string;
}

export interface ContextOptions {
  dockerfile: string;
  buildArgs: Record<string, string>;
  /** A PEM file to add as `.certs/extra-ca.pem`; the template copies it into its build stages only. */
  extraCaFile?: string | undefined;
  /** Absolute paths never sent, whatever .dockerignore says: the workspace's `.env` holds secrets. */
  neverSend?: readonly string[];
}

// The package is CommonJS whose types declare a default export: at runtime the import is the factory itself.
const dockerignore = dockerignoreModule as unknown as typeof dockerignoreModule.default;

export const EXTRA_CA_PATH = '.certs/extra-ca.pem';

/** Reads a service's build context the way the docker CLI would send it, and hashes it. */
export async function readBuildContext(directory: string, options: ContextOptions): Promise<BuildContext> {
  if (!existsSync(directory)) {
    throw new UserError(
      `Build context ${directory} does not exist.`,
      'Check the service path in msctl.yaml.',
    );
  }
  if (!existsSync(path.join(directory, options.dockerfile))) {
    throw new UserError(
      `No ${options.dockerfile} in ${directory}.`,
      'Every service needs a Dockerfile; set `dockerfile` in msctl.yaml if it has another name.',
    );
  }
  const patterns = await readIgnorePatterns(directory);
  const matcher = dockerignore({ ignorecase: false }).add(patterns);
  const exceptions = patterns
    .filter((pattern) => pattern.startsWith('!'))
    .map((pattern) => pattern.slice(1).replace(/^\/+/, '').split('/').filter(Boolean));
  const alwaysSent = new Set([options.dockerfile.split(path.sep).join('/'), '.dockerignore']);
  const entries: ContextEntry[] = [];
  const neverSend = new Set((options.neverSend ?? []).map((file) => path.resolve(file)));

  const walk = async (relative: string): Promise<void> => {
    const items = await readdir(path.join(directory, relative), { withFileTypes: true });
    for (const item of items.sort((left, right) => (left.name < right.name ? -1 : 1))) {
      const name = relative ? `${relative}/${item.name}` : item.name;
      const absolutePath = path.join(directory, name);
      const ignored = (matcher.ignores(name) && !alwaysSent.has(name)) || neverSend.has(absolutePath);
      if (item.isDirectory()) {
        if (ignored && !mayReinclude(exceptions, name)) continue;
        await walk(name);
      } else if (!ignored && (item.isFile() || item.isSymbolicLink())) {
        const stats = await lstat(absolutePath);
        entries.push({
          name,
          absolutePath,
          mode: stats.mode & 0o7777,
          size: stats.isSymbolicLink() ? 0 : stats.size,
          ...(stats.isSymbolicLink() && { linkTarget: await readlink(absolutePath) }),
        });
      }
    }
  };
  await walk('');

  if (options.extraCaFile) {
    const content = await readFile(options.extraCaFile).catch(() => {
      throw new UserError(
        `NODE_EXTRA_CA_CERTS names ${options.extraCaFile}, which cannot be read.`,
        'Point NODE_EXTRA_CA_CERTS at a readable PEM file, or unset it.',
      );
    });
    entries.push({ name: EXTRA_CA_PATH, content, mode: 0o644, size: content.length });
  }

  const hash = createHash('sha256');
  hash.update(JSON.stringify({ dockerfile: options.dockerfile, buildArgs: options.buildArgs }));
  for (const entry of entries) {
    hash.update(`\0${entry.name}\0${entry.mode}\0${entry.linkTarget ?? ''}\0`);
    if (entry.content) hash.update(entry.content);
    else if (entry.absolutePath && entry.linkTarget === undefined) {
      for await (const chunk of createReadStream(entry.absolutePath)) hash.update(chunk as Buffer);
    }
  }
  return {
    directory,
    dockerfile: options.dockerfile.split(path.sep).join('/'),
    buildArgs: options.buildArgs,
    entries,
    hash: hash.digest('hex').slice(0, 32),
  };
}

/**
 * Whether an exception (`!pattern`) could match something inside an ignored folder. Docker anchors patterns at
 * the context root, so an allow-list like `*` + `!src` never needs to walk `node_modules`.
 */
function mayReinclude(exceptions: readonly string[][], folder: string): boolean {
  const segments = folder.split('/');
  return exceptions.some(
    (pattern) =>
      segments.every((segment, index) => {
        const part = pattern[index];
        if (part === undefined) return false;
        return part.includes('**') || picomatch.isMatch(segment, part, { dot: true });
      }) || pattern.slice(0, segments.length).includes('**'),
  );
}

async function readIgnorePatterns(directory: string): Promise<string[]> {
  try {
    const text = await readFile(path.join(directory, '.dockerignore'), 'utf8');
    return text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
  } catch {
    return [];
  }
}

/** The context as a tar stream for the Engine API's build endpoint. */
export function packBuildContext(context: BuildContext): Readable {
  const pack = tar.pack();
  void (async () => {
    try {
      for (const entry of context.entries) {
        const header = { name: entry.name, mode: entry.mode, mtime: new Date(0), uid: 0, gid: 0 };
        if (entry.linkTarget !== undefined) {
          pack.entry({ ...header, type: 'symlink', linkname: entry.linkTarget });
        } else if (entry.content) {
          pack.entry({ ...header, size: entry.content.length }, entry.content);
        } else {
          const content = await readFile(entry.absolutePath as string);
          pack.entry({ ...header, size: content.length }, content);
        }
      }
      pack.finalize();
    } catch (error) {
      pack.destroy(error as Error);
    }
  })();
  // tar-stream's streams are streamx streams; the engine client pipes Node streams.
  return Readable.from(pack);
}

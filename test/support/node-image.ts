import { execFile as execFileCallback } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  chmod,
  copyFile,
  cp,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  realpath,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/*
 * No container registry is reachable from the test machines, so the Node base image that generated Dockerfiles
 * build on is made here: the host's own node and npm, Debian's busybox-static for /bin/sh and the usual
 * utilities, Debian's useradd/groupadd (what node:24-bookworm-slim has), and the shared libraries they need,
 * imported as a single-layer image.
 */

const execFile = promisify(execFileCallback);

/** The image the templates' Dockerfiles are built on in tests: `--build-arg NODE_IMAGE=<this>`. */
export const NODE_BASE_IMAGE = 'msctl-test/node:24';

/** Debian's docker client talks to the engine here; another one earlier on PATH may not. */
export const DOCKER = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';

/** Environment for docker commands: BuildKit unless a test asks for the legacy builder. */
export function dockerEnvironment(buildKit = true): NodeJS.ProcessEnv {
  return { ...process.env, DOCKER_BUILDKIT: buildKit ? '1' : '0' };
}

export async function docker(args: readonly string[], options: { buildKit?: boolean; cwd?: string } = {}) {
  return execFile(DOCKER, [...args], {
    env: dockerEnvironment(options.buildKit),
    cwd: options.cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
}

// Bump when the layout of the image changes, so a cached image of the old layout is not reused.
const LAYOUT_VERSION = 2;
const BUSYBOX = '/bin/busybox';
const USER_TOOLS = ['/usr/sbin/useradd', '/usr/sbin/groupadd'];
const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const LOGIN_DEFS = '/etc/login.defs';

interface ImageInputs {
  node: string;
  npmDirectory: string;
  libraries: string[];
}

let pending: Promise<string> | undefined;

/**
 * The npm package the host runs: the `npm` first on PATH, followed to its real file, else the one installed
 * beside the running node. Either way it runs under the test's node.
 */
export async function findNpmDirectory(): Promise<string> {
  const candidates = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((directory) => directory.length > 0)
    .map((directory) => path.join(directory, 'npm'));
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const cli = await realpath(candidate);
    if (path.basename(cli) === 'npm-cli.js') return path.dirname(path.dirname(cli));
  }
  const besideNode = path.join(path.dirname(path.dirname(process.execPath)), 'lib', 'node_modules', 'npm');
  if (existsSync(path.join(besideNode, 'bin', 'npm-cli.js'))) return besideNode;
  throw new Error('npm was not found on PATH nor beside node: install npm');
}

/**
 * Builds the stand-in Node base image once and returns its name. The image is tagged with a hash of its
 * inputs as well, so later runs reuse it until node, npm or the host tools change.
 */
export function ensureNodeBaseImage(): Promise<string> {
  pending ??= buildNodeBaseImage();
  return pending;
}

async function buildNodeBaseImage(): Promise<string> {
  const inputs = await findInputs();
  const contentTag = `${NODE_BASE_IMAGE}-${await hashInputs(inputs)}`;
  if (!(await imageExists(contentTag))) {
    const workDirectory = await mkdtemp(path.join(tmpdir(), 'msctl-node-image-'));
    try {
      const root = path.join(workDirectory, 'rootfs');
      await assembleRootFilesystem(root, inputs);
      const archive = path.join(workDirectory, 'rootfs.tar');
      await execFile('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', root, '-cf', archive, '.']);
      await docker([
        'import',
        '--change',
        'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        '--change',
        'CMD ["node"]',
        archive,
        contentTag,
      ]);
    } finally {
      await rm(workDirectory, { recursive: true, force: true });
    }
  }
  await docker(['tag', contentTag, NODE_BASE_IMAGE]);
  return NODE_BASE_IMAGE;
}

async function findInputs(): Promise<ImageInputs> {
  const node = await realpath(process.execPath);
  const npmDirectory = await findNpmDirectory();
  for (const required of [BUSYBOX, ...USER_TOOLS, CA_BUNDLE, path.join(npmDirectory, 'bin', 'npm-cli.js')]) {
    if (!existsSync(required)) {
      throw new Error(
        `${required} is missing: the stand-in Node image needs it (apt-get install -y busybox-static passwd ca-certificates)`,
      );
    }
  }
  const libraries = new Set<string>();
  for (const binary of [node, ...USER_TOOLS]) {
    for (const library of await sharedLibraries(binary)) libraries.add(library);
  }
  return { node, npmDirectory, libraries: [...libraries].sort() };
}

/** The absolute paths `ldd` resolves a binary's libraries to, the dynamic loader included. */
async function sharedLibraries(binary: string): Promise<string[]> {
  const { stdout } = await execFile('ldd', [binary]);
  return [...stdout.matchAll(/(\/\S+) \(0x[0-9a-f]+\)/g)].map((match) => match[1] as string);
}

async function hashInputs(inputs: ImageInputs): Promise<string> {
  const hash = createHash('sha256').update(`layout ${LAYOUT_VERSION}\n`);
  const files = [inputs.node, BUSYBOX, ...USER_TOOLS, CA_BUNDLE, ...inputs.libraries];
  for (const file of files) {
    const info = await stat(file);
    hash.update(`${file} ${info.size} ${info.mtimeMs}\n`);
  }
  hash.update(await readFile(path.join(inputs.npmDirectory, 'package.json')));
  return hash.digest('hex').slice(0, 16);
}

async function imageExists(reference: string): Promise<boolean> {
  try {
    await docker(['image', 'inspect', '--format', '{{.Id}}', reference]);
    return true;
  } catch {
    return false;
  }
}

async function assembleRootFilesystem(root: string, inputs: ImageInputs): Promise<void> {
  for (const directory of [
    'bin',
    'sbin',
    'usr/bin',
    'usr/sbin',
    'usr/local/bin',
    'usr/local/lib',
    'etc/ssl/certs',
    'root',
    'var/log',
  ]) {
    await mkdir(path.join(root, directory), { recursive: true });
  }
  await copyInto(root, inputs.node, '/usr/local/bin/node');
  await cp(inputs.npmDirectory, path.join(root, 'usr/local/lib/node_modules/npm'), {
    recursive: true,
    dereference: true,
  });
  await symlink('../lib/node_modules/npm/bin/npm-cli.js', path.join(root, 'usr/local/bin/npm'));
  await symlink('../lib/node_modules/npm/bin/npx-cli.js', path.join(root, 'usr/local/bin/npx'));

  await copyInto(root, BUSYBOX, '/bin/busybox');
  // Each applet where a Debian system has the real tool (`usr/bin/env` for `#!/usr/bin/env node` scripts).
  const { stdout } = await execFile(BUSYBOX, ['--list-full']);
  for (const applet of stdout.split('\n').filter((name) => /^[\w/.[-]+$/.test(name))) {
    const target = path.join(root, applet);
    if (path.basename(applet) === 'busybox' || (await exists(target))) continue;
    await mkdir(path.dirname(target), { recursive: true });
    await symlink('/bin/busybox', target);
  }
  for (const tool of USER_TOOLS) await copyInto(root, tool, tool);
  // Libraries go where ldd found them, as files: the loader looks them up by those names.
  for (const library of inputs.libraries) await copyInto(root, library, library);

  await writeFile(
    path.join(root, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
  );
  await writeFile(path.join(root, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
  await writeFile(path.join(root, 'etc/shadow'), 'root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n', {
    mode: 0o640,
  });
  await writeFile(path.join(root, 'etc/gshadow'), 'root:*::\nnogroup:*::\n', { mode: 0o640 });
  if (existsSync(LOGIN_DEFS)) await copyInto(root, LOGIN_DEFS, LOGIN_DEFS);
  await copyInto(root, CA_BUNDLE, CA_BUNDLE);
  await mkdir(path.join(root, 'tmp'), { recursive: true });
  await chmod(path.join(root, 'tmp'), 0o1777);
}

async function copyInto(root: string, source: string, target: string): Promise<void> {
  const destination = path.join(root, target);
  await mkdir(path.dirname(destination), { recursive: true });
  await copyFile(await realpath(source), destination);
  await chmod(destination, (await stat(source)).mode & 0o7777);
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

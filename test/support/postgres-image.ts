import { existsSync } from 'node:fs';
import { lstat, readdir, readFile, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { execa } from 'execa';
import tar from 'tar-stream';

/**
 * A stand-in for the official postgres image where no registry is reachable: Debian's real PostgreSQL 15
 * binaries, their shared libraries and busybox, imported as an image whose entrypoint behaves like the official
 * one (initdb into the volume, POSTGRES_USER/PASSWORD/DB, listens on all addresses, pg_isready inside).
 */
export const POSTGRES_TEST_IMAGE = 'msctl-test/postgres:15';
/** Bumped when the image's content changes, so that an old one is rebuilt. */
const IMAGE_REVISION = '2';
const REVISION_LABEL = 'dev.msctl.test-image-revision';
const DOCKER = '/usr/bin/docker';
const PG = '/usr/lib/postgresql/15';
const POSTGRES_UID = 999;

const ENTRYPOINT = `#!/bin/sh
set -e
: "\${POSTGRES_USER:=postgres}"
: "\${POSTGRES_DB:=$POSTGRES_USER}"
if [ -z "$POSTGRES_PASSWORD" ]; then
  echo "error: POSTGRES_PASSWORD is not set" >&2
  exit 1
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  umask 077
  printf '%s\\n' "$POSTGRES_PASSWORD" > /tmp/pwfile
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile=/tmp/pwfile --auth-local=trust --auth-host=scram-sha-256 \\
    --encoding=UTF8 --locale=C --no-instructions
  rm -f /tmp/pwfile
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != "postgres" ]; then
    printf 'CREATE DATABASE "%s";\\n' "$POSTGRES_DB" | postgres --single -D "$PGDATA" -j postgres > /dev/null
  fi
  echo "database initialised"
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp
`;

/** Builds the stand-in postgres image once (it is kept between runs) and returns its reference. */
export async function ensurePostgresImage(): Promise<string> {
  const existing = await execa(
    DOCKER,
    ['image', 'inspect', '--format', `{{ index .Config.Labels "${REVISION_LABEL}" }}`, POSTGRES_TEST_IMAGE],
    {
      reject: false,
    },
  );
  if (existing.exitCode === 0 && existing.stdout.trim() === IMAGE_REVISION) return POSTGRES_TEST_IMAGE;
  if (!existsSync(`${PG}/bin/postgres`) || !existsSync('/bin/busybox')) {
    throw new Error('the postgres stand-in image needs the Debian packages postgresql-15 and busybox-static');
  }

  const binaries = ['postgres', 'initdb', 'pg_ctl', 'pg_isready', 'psql'].map((name) => `${PG}/bin/${name}`);
  // Without the JIT module: it would pull in LLVM (100 MB) for nothing a test needs.
  const modules = (await readdir(`${PG}/lib`))
    .filter((name) => name.endsWith('.so') && name !== 'llvmjit.so')
    .map((name) => `${PG}/lib/${name}`);
  const libraries = await sharedLibraries([...binaries, ...modules]);

  const pack = tar.pack();
  const directories = new Set<string>();
  const addDirectory = (directory: string, options: { uid?: number; mode?: number } = {}) => {
    const parts = directory.split('/').filter(Boolean);
    for (let index = 1; index <= parts.length; index += 1) {
      const name = parts.slice(0, index).join('/');
      if (directories.has(name)) continue;
      directories.add(name);
      const last = index === parts.length;
      pack.entry({
        name,
        type: 'directory',
        mode: last && options.mode ? options.mode : 0o755,
        uid: last ? (options.uid ?? 0) : 0,
        gid: last ? (options.uid ?? 0) : 0,
      });
    }
  };
  const addFile = async (name: string, source: string | Buffer, mode?: number) => {
    addDirectory(path.posix.dirname(name));
    const content = typeof source === 'string' ? await readFile(await realpath(source)) : source;
    const fileMode =
      mode ?? (typeof source === 'string' ? (await lstat(await realpath(source))).mode & 0o777 : 0o644);
    pack.entry({ name: name.replace(/^\//, ''), mode: fileMode, size: content.length }, content);
  };
  const addTree = async (root: string) => {
    for (const entry of await readdir(root, { withFileTypes: true })) {
      const full = path.join(root, entry.name);
      if (entry.isDirectory()) await addTree(full);
      else if (entry.isSymbolicLink()) {
        addDirectory(path.posix.dirname(full));
        pack.entry({ name: full.slice(1), type: 'symlink', linkname: await readlink(full) });
      } else if (entry.isFile()) await addFile(full, full);
    }
  };

  const writing = (async () => {
    for (const file of [...binaries, ...modules, ...libraries]) await addFile(file, file);
    await addTree('/usr/share/postgresql/15');
    await addTree('/usr/share/zoneinfo');
    await addFile('/bin/busybox', '/bin/busybox');
    const applets = (await execa('/bin/busybox', ['--list'])).stdout.split('\n').filter(Boolean);
    for (const applet of applets) {
      if (applet !== 'busybox') pack.entry({ name: `bin/${applet}`, type: 'symlink', linkname: 'busybox' });
    }
    await addFile(
      '/etc/passwd',
      Buffer.from(
        `root:x:0:0:root:/root:/bin/sh\npostgres:x:${POSTGRES_UID}:${POSTGRES_UID}:PostgreSQL:/var/lib/postgresql:/bin/sh\n`,
      ),
    );
    await addFile('/etc/group', Buffer.from(`root:x:0:\npostgres:x:${POSTGRES_UID}:\n`));
    await addFile('/usr/local/bin/docker-entrypoint.sh', Buffer.from(ENTRYPOINT), 0o755);
    addDirectory('/tmp', { mode: 0o1777 });
    addDirectory('/var/lib/postgresql', { uid: POSTGRES_UID });
    addDirectory('/var/lib/postgresql/data', { uid: POSTGRES_UID, mode: 0o700 });
    pack.finalize();
  })();

  const changes = [
    `ENV PATH=${PG}/bin:/usr/local/bin:/bin`,
    'ENV PGDATA=/var/lib/postgresql/data',
    `USER ${POSTGRES_UID}`,
    'EXPOSE 5432',
    'VOLUME /var/lib/postgresql/data',
    `LABEL ${REVISION_LABEL}=${IMAGE_REVISION}`,
    'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]',
  ];
  const importing = execa(
    DOCKER,
    ['import', ...changes.flatMap((change) => ['--change', change]), '-', POSTGRES_TEST_IMAGE],
    {
      stdin: 'pipe',
    },
  );
  await Promise.all([
    writing,
    importing,
    pipeline(Readable.from(pack), importing.stdin as NodeJS.WritableStream),
  ]);
  return POSTGRES_TEST_IMAGE;
}

/** The shared libraries (and the loader) the given ELF files need, as `ldd` resolves them here. */
async function sharedLibraries(files: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const file of files) {
    const { stdout } = await execa('ldd', [file], { reject: false });
    for (const line of stdout.split('\n')) {
      const match = /=>\s+(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
      if (match?.[1]) found.add(match[1]);
    }
  }
  return [...found].sort();
}

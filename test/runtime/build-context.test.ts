import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import tar from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { packBuildContext, readBuildContext } from '../../src/core/runtime/build-context.js';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function service(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'msctl-context-'));
  folders.push(root);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

async function tarEntries(root: string, extraCaFile?: string): Promise<Map<string, string>> {
  const context = await readBuildContext(root, { dockerfile: 'Dockerfile', buildArgs: {}, extraCaFile });
  const entries = new Map<string, string>();
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => {
      chunks.push(chunk as Buffer);
    });
    stream.on('end', () => {
      entries.set(
        header.name,
        header.type === 'symlink' ? `-> ${header.linkname}` : Buffer.concat(chunks).toString(),
      );
      next();
    });
  });
  const done = new Promise<void>((resolve) => extract.on('finish', () => resolve()));
  for await (const chunk of packBuildContext(context)) extract.write(chunk);
  (extract as unknown as { end(): void }).end();
  await done;
  return entries;
}

const options = { dockerfile: 'Dockerfile', buildArgs: { NODE_IMAGE: 'node:24' } };

describe('build contexts', () => {
  it('sends what .dockerignore lets through, exceptions included, and always the Dockerfile', async () => {
    const root = await service({
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': '# comment\nnode_modules\n*.log\ndocs/**\n!docs/keep.md\nDockerfile\n.env\n',
      'src/index.js': 'code',
      'node_modules/pkg/index.js': 'dependency',
      'debug.log': 'log',
      'docs/notes.md': 'notes',
      'docs/keep.md': 'kept',
      '.env': 'SECRET=1',
    });
    await symlink('src/index.js', path.join(root, 'link.js'));
    const entries = await tarEntries(root);
    expect([...entries.keys()].sort()).toEqual([
      '.dockerignore',
      'Dockerfile',
      'docs/keep.md',
      'link.js',
      'src/index.js',
    ]);
    expect(entries.get('link.js')).toBe('-> src/index.js');
    expect(entries.get('src/index.js')).toBe('code');
  });

  it('follows an allow-list (`*` then exceptions), the way the node-fastify template writes it', async () => {
    const root = await service({
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': '*\n!package.json\n!src\n!.certs\n',
      'package.json': '{}',
      'src/index.ts': 'code',
      'src/lib/util.ts': 'code',
      '.certs/README.md': 'certificates',
      'node_modules/pkg/index.js': 'dependency',
      'dist/index.js': 'build output',
      '.env': 'SECRET=1',
    });
    expect([...(await tarEntries(root)).keys()].sort()).toEqual([
      '.certs/README.md',
      '.dockerignore',
      'Dockerfile',
      'package.json',
      'src/index.ts',
      'src/lib/util.ts',
    ]);
  });

  it('adds the extra CA as .certs/extra-ca.pem without writing it into the folder', async () => {
    const root = await service({ Dockerfile: 'FROM scratch\n', 'index.js': 'code' });
    const ca = path.join(await service({}), 'corporate.pem');
    await writeFile(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const entries = await tarEntries(root, ca);
    expect(entries.get('.certs/extra-ca.pem')).toContain('BEGIN CERTIFICATE');
    expect((await readBuildContext(root, options)).entries.map((entry) => entry.name)).not.toContain(
      '.certs/extra-ca.pem',
    );
  });

  it('hashes content: equal contexts hash equally; ignored files do not count; edits and build args do', async () => {
    const files = { Dockerfile: 'FROM scratch\n', '.dockerignore': '*.log\n', 'index.js': 'code' };
    const first = await readBuildContext(await service(files), options);
    const same = await readBuildContext(await service({ ...files, 'noise.log': 'ignored' }), options);
    const edited = await readBuildContext(await service({ ...files, 'index.js': 'code2' }), options);
    const otherArgs = await readBuildContext(await service(files), {
      ...options,
      buildArgs: { NODE_IMAGE: 'node:22' },
    });
    expect(same.hash).toBe(first.hash);
    expect(edited.hash).not.toBe(first.hash);
    expect(otherArgs.hash).not.toBe(first.hash);
  });

  it('never sends a file it is told holds secrets, even without a .dockerignore', async () => {
    const root = await service({ Dockerfile: 'FROM scratch\n', '.env': 'JWT_SECRET=1', 'index.js': 'code' });
    const context = await readBuildContext(root, { ...options, neverSend: [path.join(root, '.env')] });
    expect(context.entries.map((entry) => entry.name)).toEqual(['Dockerfile', 'index.js']);
  });

  it('says what is missing when the folder or its Dockerfile is', async () => {
    await expect(readBuildContext('/nonexistent/service', options)).rejects.toThrow('does not exist');
    const root = await service({ 'index.js': 'code' });
    await expect(readBuildContext(root, options)).rejects.toThrow(`No Dockerfile in ${root}`);
  });
});

// Bundles the two programs, as tsc built them into dist/, into dist/bundle/: one module per program and one per
// lazily loaded command, instead of about 170 modules that each cost a `msctl lint` run resolving, reading and
// instantiating (petstore: 26 ms and 9 MB of 100 ms and 78 MB). Packages stay in node_modules, imported as usual.
// The chunks sit two folders below the package, as dist/cli/ does, so paths relative to a module still hold.
import { globSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'rolldown';

// A module started as a worker (`new Worker(new URL('./parse-worker.js', import.meta.url))`) is an entry of its
// own, under its own name, so that the URL finds it beside the chunk that starts it.
const workers = Object.fromEntries(
  globSync('dist/**/*-worker.js', { exclude: ['dist/bundle/**'] }).map((file) => [
    path.basename(file, '.js'),
    file,
  ]),
);

export default defineConfig({
  input: {
    msctl: 'dist/cli/msctl.js',
    'create-service': 'dist/cli/create-service.js',
    ...workers,
  },
  platform: 'node',
  // Bare specifiers (packages, node: builtins) are not ours to bundle.
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
  output: {
    dir: 'dist/bundle',
    format: 'esm',
    cleanDir: true,
    chunkFileNames: '[name]-[hash].js',
  },
});

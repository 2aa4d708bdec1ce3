// Bundles the two programs, as tsc built them into dist/, into dist/bundle/: one module per program and one per
// lazily loaded command, instead of about 170 modules that each cost a `msctl lint` run resolving, reading and
// instantiating (petstore: 26 ms and 9 MB of 100 ms and 78 MB). Packages stay in node_modules, imported as usual.
// The chunks sit two folders below the package, as dist/cli/ does, so paths relative to a module still hold.
import { globSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'rolldown';
import { parseSync } from 'rolldown/utils';

// A module started as a worker (`new Worker(new URL('./parse-worker.js', import.meta.url))`) is an entry of its
// own, under its own name, so that the URL finds it beside the chunk that starts it.
const workers = Object.fromEntries(
  globSync('dist/**/*-worker.js', { exclude: ['dist/bundle/**'] }).map((file) => [
    path.basename(file, '.js'),
    file,
  ]),
);

/**
 * The generated schema validators are a few hundred top-level functions, which V8 compiles lazily on their first
 * call, after the compile cache was written: every run compiled them again (6 ms of CPU on petstore). Written as
 * parenthesised function expressions, which V8 compiles eagerly, they are in the compile cache. They are assigned
 * before the module's other statements, as the declarations they replace were hoisted.
 */
const eagerGeneratedFunctions = {
  name: 'eager-generated-functions',
  transform(code, id) {
    if (!id.endsWith('.generated.js')) return null;
    const { program } = parseSync(id, code);
    const imports = program.body.filter((node) => node.type === 'ImportDeclaration');
    const start = imports.length > 0 ? imports[imports.length - 1].end : 0;
    const functions = program.body.filter(
      (node) => node.type === 'FunctionDeclaration' && node.start >= start,
    );
    if (functions.length === 0) return null;
    let rest = code.slice(start);
    for (const node of [...functions].reverse()) {
      rest = rest.slice(0, node.start - start) + rest.slice(node.end - start);
    }
    const assigned = functions.map((node) => {
      const text = code.slice(node.start, node.end);
      if (!text.startsWith('function ')) throw new Error(`${id}: unexpected function at ${node.start}`);
      return `var ${node.id.name} = (${text});`;
    });
    return { code: `${code.slice(0, start)}\n${assigned.join('\n')}\n${rest}`, map: null };
  },
};

export default defineConfig({
  input: {
    msctl: 'dist/cli/msctl.js',
    'create-service': 'dist/cli/create-service.js',
    ...workers,
  },
  platform: 'node',
  plugins: [eagerGeneratedFunctions],
  // Bare specifiers (packages, node: builtins) are not ours to bundle.
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
  output: {
    dir: 'dist/bundle',
    format: 'esm',
    cleanDir: true,
    chunkFileNames: '[name]-[hash].js',
  },
});

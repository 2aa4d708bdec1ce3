// Bundles the two programs, as tsc built them into dist/, into dist/bundle/: one module per program and one per
// lazily loaded command, instead of about 170 modules that each cost a `msctl lint` run resolving, reading and
// instantiating (petstore: 26 ms and 9 MB of 100 ms and 78 MB).
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

/**
 * Node builtins as `process.getBuiltinModule(...)` instead of `import`: an ES module import of a builtin builds its
 * namespace, which reads every export, and the lazy ones load their modules (node:fs its promises, node:util
 * parseArgs and the diff printer, node:process the report writer). Petstore: 1.1 MB less. Rewrites rolldown's own
 * import lines, and fails the build on one it does not know.
 */
const builtinImport =
  /^import (?:([\w$]+)|\* as ([\w$]+)|\{([^}]*)\}|([\w$]+), \{([^}]*)\}) from "(node:[\w/]+)";$/gm;
const bindingsOf = (list) =>
  `{ ${list
    .split(',')
    .map((name) => name.trim().replace(' as ', ': '))
    .filter(Boolean)
    .join(', ')} }`;
const builtinsWithoutNamespaces = {
  name: 'builtins-without-namespaces',
  renderChunk(code, chunk) {
    const rewritten = code.replace(builtinImport, (_, value, namespace, names, first, more, id) => {
      const get = `globalThis.process.getBuiltinModule(${JSON.stringify(id)})`;
      if (value || namespace) return `const ${value || namespace} = ${get};`;
      if (names) return `const ${bindingsOf(names)} = ${get};`;
      return `const ${first} = ${get};\nconst ${bindingsOf(more)} = ${first};`;
    });
    const left = /^import .* from "node:.*$/m.exec(rewritten);
    if (left) throw new Error(`${chunk.fileName}: builtin import not rewritten: ${left[0]}`);
    return { code: rewritten, map: null };
  },
};

export default defineConfig({
  input: {
    msctl: 'dist/cli/msctl.js',
    'create-service': 'dist/cli/create-service.js',
    ...workers,
  },
  platform: 'node',
  plugins: [eagerGeneratedFunctions, builtinsWithoutNamespaces],
  // Packages stay in node_modules, except commander, which every command loads: bundled, its imports of node:util
  // and node:process are rewritten too.
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('commander'),
  output: {
    dir: 'dist/bundle',
    format: 'esm',
    cleanDir: true,
    chunkFileNames: '[name]-[hash].js',
  },
});

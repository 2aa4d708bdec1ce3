// Runs first, on whatever Node the user has: plain syntax only, and nothing heavier than semver.
import { readFileSync } from 'node:fs';
import semver from 'semver';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Exits 2 with one line naming the versions needed when this Node does not satisfy `engines.node`. */
export function assertSupportedNode(program) {
  const range = manifest.engines.node;
  if (!semver.satisfies(process.versions.node, range)) {
    process.stderr.write(
      `${program} needs Node.js ${range.replace(/\s*\|\|\s*/g, ' or ')}; this is ${process.version}. Install a current LTS release from https://nodejs.org.\n`,
    );
    process.exit(2);
  }
}

// Regenerates what is derived from the code: the command reference, the msctl.yaml reference and its JSON Schema.
// `npm run docs` writes them; `node scripts/generate-docs.js --check` fails when any is stale (the tests run it).
import { readFileSync, writeFileSync } from 'node:fs';
import { buildDocs } from '../dist/docs/build-docs.js';

const check = process.argv.includes('--check');
const stale = [];
for (const [file, content] of buildDocs()) {
  const url = new URL(`../${file}`, import.meta.url);
  let current;
  try {
    current = readFileSync(url, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === content) continue;
  if (check) stale.push(file);
  else {
    writeFileSync(url, content);
    process.stdout.write(`wrote ${file}\n`);
  }
}
if (stale.length > 0) {
  process.stderr.write(`Stale: ${stale.join(', ')}. Run \`npm run docs\` and commit the result.\n`);
  process.exit(1);
}

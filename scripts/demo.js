// The main job (`scripts/dev.sh demo`): a small system scaffolded, linted, brought up and torn down, the way a
// user would do it with the built binaries. orders depends on inventory and postgres; inventory on postgres.
//
// No container registry is needed: unless MSCTL_DEMO_OFFICIAL_IMAGES=1, the Node base and PostgreSQL images are
// stand-ins built locally from this machine's own Node.js and Debian's PostgreSQL binaries (test/support/).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const msctl = path.join(root, 'bin/msctl.js');
const createService = path.join(root, 'bin/create-service.js');
const workspace = mkdtempSync(path.join(os.tmpdir(), 'msctl-demo-'));
const keep = process.env.MSCTL_DEMO_KEEP === '1';

const bold =
  process.stdout.isTTY && !process.env.NO_COLOR ? (text) => `\u001b[1m${text}\u001b[0m` : (text) => text;
const step = (text) => process.stdout.write(`\n${bold(`▶ ${text}`)}\n`);
function run(bin, args, { allowFailure = false } = {}) {
  process.stdout.write(`$ ${path.basename(bin)} ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: workspace, stdio: 'inherit' });
  if (result.status !== 0 && !allowFailure)
    throw new Error(`${path.basename(bin)} ${args[0]} exited ${result.status}`);
  return result.status;
}
function editWorkspace(edit) {
  const file = path.join(workspace, 'msctl.yaml');
  const document = parseDocument(readFileSync(file, 'utf8'));
  edit(document);
  writeFileSync(file, document.toString());
}
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
async function request(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  process.stdout.write(`${method} ${url} -> ${response.status}\n${text}\n`);
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}`);
  return JSON.parse(text);
}

let up = false;
try {
  step(`A workspace in ${workspace}`);
  run(msctl, ['init', '--name', 'demo', '--yes']);

  step('Two services: inventory (needs postgres) and orders (needs inventory and postgres)');
  run(createService, [
    'inventory',
    '--yes',
    '--port',
    '3001',
    '--depends-on',
    'postgres',
    '--description',
    'Stock levels',
  ]);
  run(createService, [
    'orders',
    '--yes',
    '--port',
    '3000',
    '--depends-on',
    'inventory,postgres',
    '--description',
    'Orders',
  ]);
  const port = await freePort();
  editWorkspace((document) => document.setIn(['services', 'orders', 'publish'], port));

  if (process.env.MSCTL_DEMO_OFFICIAL_IMAGES !== '1') {
    step('Stand-in images (no registry here): Node.js 24 and PostgreSQL built from this machine');
    const [{ ensureNodeBaseImage }, { ensurePostgresImage }] = await Promise.all([
      import('../test/support/node-image.ts'),
      import('../test/support/postgres-image.ts'),
    ]);
    const [nodeImage, postgresImage] = [await ensureNodeBaseImage(), await ensurePostgresImage()];
    editWorkspace((document) => {
      document.setIn(['images', 'base', 'node'], nodeImage);
      document.setIn(['infra', 'postgres', 'image'], postgresImage);
    });
    process.stdout.write(`images.base.node: ${nodeImage}\ninfra.postgres.image: ${postgresImage}\n`);
  }
  run(msctl, ['graph']);

  step('API governance: msctl lint checks every service’s OpenAPI description');
  run(msctl, ['lint']);

  step('Up: build, start in dependency order, wait until each is ready');
  up = true;
  run(msctl, ['up', '--detach', '--timeout', '240']);
  run(msctl, ['ps']);

  step('A request crossing services: orders checks inventory and postgres to be ready');
  const readiness = await request('GET', `http://127.0.0.1:${port}/readyz`);
  if (!JSON.stringify(readiness).includes('inventory')) throw new Error('orders did not report on inventory');
  await request('POST', `http://127.0.0.1:${port}/items`, { name: 'Espresso cups' });
  await request('GET', `http://127.0.0.1:${port}/items`);
  run(msctl, ['logs', 'orders', '--tail', '5']);
} finally {
  if (up) {
    step('Down: everything the project created, found by its labels');
    run(msctl, ['down', '--volumes'], { allowFailure: true });
  }
  if (keep) process.stdout.write(`\nThe workspace stays in ${workspace}\n`);
  else rmSync(workspace, { recursive: true, force: true });
}
step('Done');

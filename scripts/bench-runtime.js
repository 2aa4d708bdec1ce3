// Runtime: `msctl up -d` + `msctl down` against Debian's docker-compose 1.29 on the same system and the same
// images (warm: images built, volume initialised), a no-change `up` of a running system, and `down` of ten
// services. Needs the built dist/, a Docker engine, docker-compose, and the stand-in images of the tests.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatRatio, formatSeconds, machineLine, median, runOnce, writeSection } from './bench/measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const msctlBin = path.join(root, 'bin/msctl.js');
const DOCKER = '/usr/bin/docker';
const COMPOSE = '/usr/bin/docker-compose';
const POSTGRES_IMAGE = 'msctl-test/postgres:15';
const NODE_IMAGE = 'msctl-test/node:24';
const RUNS = Number(process.env.BENCH_RUNTIME_RUNS ?? 7);
const env = { NO_COLOR: '1', NODE_EXTRA_CA_CERTS: '' };

for (const [tool, hint] of [
  [COMPOSE, 'apt-get install -y docker-compose'],
  [DOCKER, 'apt-get install -y docker.io'],
]) {
  if (spawnSync(tool, ['version'], { stdio: 'ignore' }).status !== 0) {
    process.stderr.write(`bench-runtime needs ${tool} (${hint})\n`);
    process.exit(1);
  }
}
for (const image of [POSTGRES_IMAGE, NODE_IMAGE]) {
  if (spawnSync(DOCKER, ['image', 'inspect', image], { stdio: 'ignore' }).status !== 0) {
    process.stderr.write(
      `bench-runtime needs the image ${image}: run the runtime e2e tests once to build it\n`,
    );
    process.exit(1);
  }
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'msctl-bench-runtime-'));
const run = (name, argv, cwd) => runOnce({ name, argv, cwd }, { env });
const shell = (script) => ['/bin/sh', '-c', script];

/** Copies the test fixture under a project name; compose gets the same system, built from the same images. */
function twoServiceSystem(project) {
  const directory = path.join(scratch, project);
  cpSync(path.join(root, 'test/fixtures/runtime/system'), directory, { recursive: true });
  const yaml = path.join(directory, 'msctl.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('name: runtime-fixture', `name: ${project}`));
  writeFileSync(path.join(directory, '.env'), 'ORDERS_TOKEN=bench-token\n');
  const readiness = (port) => ({
    test: [
      'CMD',
      'node',
      '-e',
      `fetch('http://127.0.0.1:${port}/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
    ],
    interval: '1s',
    timeout: '5s',
    retries: 60,
  });
  const compose = {
    version: '2.4',
    services: {
      postgres: {
        image: POSTGRES_IMAGE,
        init: true,
        stop_signal: 'SIGINT',
        environment: { POSTGRES_USER: 'postgres', POSTGRES_PASSWORD: 'postgres', POSTGRES_DB: project },
        volumes: ['postgres-data:/var/lib/postgresql/data'],
        healthcheck: {
          test: ['CMD', 'pg_isready', '-h', '127.0.0.1', '-U', 'postgres'],
          interval: '1s',
          timeout: '5s',
          retries: 60,
        },
      },
      inventory: {
        image: `${project}/inventory:local`,
        init: true,
        environment: {
          PORT: '3001',
          SERVICE_NAME: 'inventory',
          DATABASE_URL: `postgres://postgres:postgres@postgres:5432/${project}`,
        },
        ports: ['127.0.0.1::3001'],
        depends_on: { postgres: { condition: 'service_healthy' } },
        healthcheck: readiness(3001),
      },
      orders: {
        image: `${project}/orders:local`,
        init: true,
        environment: {
          PORT: '3000',
          SERVICE_NAME: 'orders',
          INVENTORY_URL: 'http://inventory:3001',
          ORDERS_TOKEN: 'bench-token',
        },
        ports: ['127.0.0.1::3000'],
        depends_on: { inventory: { condition: 'service_healthy' } },
        healthcheck: readiness(3000),
      },
    },
    volumes: { 'postgres-data': {} },
  };
  writeFileSync(path.join(directory, 'docker-compose.yml'), JSON.stringify(compose, null, 2));
  return directory;
}

/** Ten independent services: what `down` has to stop. */
function tenServiceSystem(project) {
  const directory = path.join(scratch, project);
  const services = {};
  const compose = { version: '2.4', services: {} };
  for (let index = 1; index <= 10; index++) {
    const name = `s${String(index).padStart(2, '0')}`;
    cpSync(
      path.join(root, 'test/fixtures/runtime/system/services/orders'),
      path.join(directory, 'services', name),
      {
        recursive: true,
      },
    );
    services[name] = { path: `services/${name}`, port: 3000 + index, env: { SERVICE_NAME: name } };
    compose.services[name] = {
      image: `${project}/${name}:local`,
      init: true,
      environment: { PORT: String(3000 + index), SERVICE_NAME: name },
      ports: [`127.0.0.1::${3000 + index}`],
    };
  }
  writeFileSync(
    path.join(directory, 'msctl.yaml'),
    JSON.stringify({ version: 1, name: project, images: { base: { node: NODE_IMAGE } }, services }, null, 2),
  );
  writeFileSync(path.join(directory, 'docker-compose.yml'), JSON.stringify(compose, null, 2));
  return directory;
}

const msctl = (args) => [process.execPath, msctlBin, ...args];
const compose = (project, args) => [COMPOSE, '-p', project, ...args];
// Compose 1.29 has no --wait: up is done when the last service reports healthy, as msctl's is when it is ready.
const composeUpAndWait = (project, last) =>
  shell(
    `${COMPOSE} -p ${project} up -d --quiet-pull >/dev/null 2>&1 && until [ "$(${DOCKER} inspect -f '{{.State.Health.Status}}' ${project}_${last}_1)" = healthy ]; do sleep 0.05; done`,
  );

const project = 'bench-runtime';
const system = twoServiceSystem(project);
const composeProject = 'bench-runtime-compose';
const cleanUps = [
  () => msctl(['down', '--volumes', '--project', project]),
  () => msctl(['down', '--volumes', '--project', 'bench-ten']),
];
try {
  // Warm-up: build the images, initialise both volumes, then leave nothing running.
  run('build', msctl(['up', '-d']), system);
  run('down', msctl(['down']), system);
  for (const service of ['orders', 'inventory']) {
    spawnSync(DOCKER, ['tag', `${project}/${service}:local`, `${composeProject}/${service}:local`]);
  }
  const composeSystem = twoServiceSystem(composeProject);
  cleanUps.push(() => ({ cwd: composeSystem, argv: compose(composeProject, ['down', '--volumes']) }));
  run('compose warm-up', composeUpAndWait(composeProject, 'orders'), composeSystem);
  run('compose down', compose(composeProject, ['down']), composeSystem);

  const upDown = { msctl: [], compose: [] };
  const noChange = { msctl: [], compose: [] };
  for (let round = 0; round < RUNS; round++) {
    const msctlUp = run('msctl up', msctl(['up', '-d']), system).seconds;
    noChange.msctl.push(run('msctl up (no change)', msctl(['up', '-d']), system).seconds);
    upDown.msctl.push(msctlUp + run('msctl down', msctl(['down']), system).seconds);
    const composeUp = run('compose up', composeUpAndWait(composeProject, 'orders'), composeSystem).seconds;
    noChange.compose.push(
      run('compose up (no change)', compose(composeProject, ['up', '-d']), composeSystem).seconds,
    );
    upDown.compose.push(
      composeUp + run('compose down', compose(composeProject, ['down']), composeSystem).seconds,
    );
  }

  // The inner loop: both services edited, rebuilt and recreated while postgres keeps running; per builder.
  const rebuild = { buildkit: [], legacy: [] };
  run('msctl up', msctl(['up', '-d']), system);
  for (let round = 0; round < RUNS; round++) {
    for (const builder of ['buildkit', 'legacy']) {
      for (const service of ['orders', 'inventory']) {
        appendFileSync(path.join(system, 'services', service, 'server.js'), `// edit ${builder} ${round}\n`);
      }
      rebuild[builder].push(
        runOnce(
          { name: `rebuild (${builder})`, argv: msctl(['up', '-d']), cwd: system },
          { env: { ...env, MSCTL_BUILDER: builder } },
        ).seconds,
      );
    }
  }
  run('msctl down', msctl(['down']), system);

  const ten = tenServiceSystem('bench-ten');
  const tenCompose = tenServiceSystem('bench-ten-compose');
  cleanUps.push(() => ({ cwd: tenCompose, argv: compose('bench-ten-compose', ['down', '--volumes']) }));
  run('build ten', msctl(['up', '-d']), ten);
  for (let index = 1; index <= 10; index++) {
    const name = `s${String(index).padStart(2, '0')}`;
    spawnSync(DOCKER, ['tag', `bench-ten/${name}:local`, `bench-ten-compose/${name}:local`]);
  }
  run('down ten', msctl(['down']), ten);
  const downTen = { msctl: [], compose: [] };
  for (let round = 0; round < Math.max(3, Math.ceil(RUNS / 2)); round++) {
    run('msctl up ten', msctl(['up', '-d']), ten);
    downTen.msctl.push(run('msctl down ten', msctl(['down']), ten).seconds);
    run('compose up ten', compose('bench-ten-compose', ['up', '-d']), tenCompose);
    downTen.compose.push(run('compose down ten', compose('bench-ten-compose', ['down']), tenCompose).seconds);
  }

  const row = (name, samples, goal) => {
    const ours = median(samples.msctl);
    const theirs = median(samples.compose);
    return {
      line: `| ${name} | ${formatSeconds(ours)} | ${formatSeconds(theirs)} | ${formatRatio(ours / theirs)} | ${goal} |`,
      ours,
      theirs,
    };
  };
  const rows = [
    row('warm `up -d` (until all ready) + `down`', upDown, 'at most 0.5× compose'),
    row('`up -d` of a running system, nothing changed', noChange, 'under 1 s'),
    row('`down` of 10 services', downTen, 'under 2 s'),
  ];
  writeSection(
    path.join(root, 'docs/benchmarks.md'),
    'runtime',
    [
      '## Running the system: msctl vs docker-compose',
      '',
      `Two Node services and PostgreSQL (the runtime test fixture), images built, volume initialised; compose`,
      `(Debian's docker-compose ${composeVersion()}) runs the same images with the same health-gated order and`,
      `counts as up when its last service reports healthy (it has no \`--wait\`). Median of ${RUNS} paired rounds`,
      `(\`down\` of ten: ${downTen.msctl.length}); ${machineLine()}; ${engineVersion()}.`,
      '',
      '| scenario | msctl | docker-compose | ratio | goal |',
      '|---|---:|---:|---:|---|',
      ...rows.map((entry) => entry.line),
      '',
      'Edit both services, then `msctl up -d` (two builds in parallel, two containers recreated, postgres kept):',
      '',
      '| builder | median |',
      '|---|---:|',
      `| BuildKit (through the API, \`version=2\`) | ${formatSeconds(median(rebuild.buildkit))} |`,
      `| legacy builder | ${formatSeconds(median(rebuild.legacy))} |`,
    ].join('\n'),
  );
  for (const entry of rows) process.stdout.write(`${entry.line}\n`);
  process.stdout.write(
    `rebuild: BuildKit ${formatSeconds(median(rebuild.buildkit))}, legacy ${formatSeconds(median(rebuild.legacy))}\n`,
  );
} finally {
  for (const cleanUp of cleanUps) {
    const step = cleanUp();
    const { argv, cwd } = Array.isArray(step) ? { argv: step, cwd: scratch } : step;
    spawnSync(argv[0], argv.slice(1), { cwd, stdio: 'ignore', env: { ...process.env, ...env } });
  }
  rmSync(scratch, { recursive: true, force: true });
  const images = spawnSync(DOCKER, ['images', '--format', '{{.Repository}}:{{.Tag}}'], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((image) => /^bench-(runtime|ten)(-compose)?\//.test(image));
  if (images.length > 0) spawnSync(DOCKER, ['image', 'rm', ...images], { stdio: 'ignore' });
}

function composeVersion() {
  return (
    /version ([\d.]+)/.exec(spawnSync(COMPOSE, ['version'], { encoding: 'utf8' }).stdout)?.[1] ?? 'unknown'
  );
}

function engineVersion() {
  const version = spawnSync(DOCKER, ['version', '-f', '{{.Server.Version}}'], {
    encoding: 'utf8',
  }).stdout.trim();
  return `Docker Engine ${version}`;
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { loadWorkspace, type Workspace } from '../config/load.js';
import { UserError } from '../errors.js';
import { type BuildContext, readBuildContext } from './build-context.js';
import { connectEngine, type Engine } from './connect.js';
import { type DesiredState, desiredState, missingSecrets } from './desired.js';
import { executeUp, type UpEvent, type UpResult } from './execute.js';
import { observeState } from './observe.js';
import { type BuildPolicy, planUp, renderPlan, type UpPlan } from './plan.js';

export interface UpOptions {
  cwd: string;
  configFile?: string | undefined;
  /** Services to start with their transitive dependencies; all when empty. */
  services: readonly string[];
  build: BuildPolicy;
  dryRun: boolean;
  timeoutSeconds: number;
  /** `auto` uses BuildKit when the engine offers it; MSCTL_BUILDER picks one for comparisons. */
  builder?: 'auto' | 'buildkit' | 'legacy';
  /** PEM file added to build contexts as `.certs/extra-ca.pem` (from NODE_EXTRA_CA_CERTS). */
  extraCaFile?: string | undefined;
  environment?: NodeJS.ProcessEnv;
  signal?: AbortSignal | undefined;
  onEvent?: ((event: UpEvent) => void) | undefined;
}

/** Everything `up` knows before it changes anything. */
export interface PreparedUp {
  project: string;
  plan: UpPlan;
  planText: string;
  engine: Engine;
  desired: DesiredState;
  contexts: Map<string, BuildContext>;
  /** Things the user should know that do not stop `up`, e.g. a `.env` that git would commit. */
  warnings: string[];
}

export interface UpOutcome extends PreparedUp {
  /** Undefined for a dry run. */
  result: UpResult | undefined;
}

/** `msctl up`: load, observe by label, plan, and (unless a dry run) execute. */
export async function runUp(options: UpOptions): Promise<UpOutcome> {
  const prepared = await prepareUp(options);
  if (options.dryRun) return { ...prepared, result: undefined };
  return { ...prepared, result: await executePreparedUp(prepared, options) };
}

/** Executes a prepared plan; the caller knows the project and engine, to clean up after a cancel. */
export async function executePreparedUp(
  prepared: PreparedUp,
  options: Pick<UpOptions, 'timeoutSeconds' | 'builder' | 'signal' | 'onEvent'>,
): Promise<UpResult> {
  const { engine } = prepared;
  return executeUp(prepared.plan, prepared.desired, {
    docker: engine.docker,
    contexts: prepared.contexts,
    timeoutSeconds: options.timeoutSeconds,
    // Asking the engine costs a round trip: only when something is built.
    builder: prepared.plan.images.some((image) => image.action === 'build')
      ? await chooseBuilder(engine, options.builder ?? 'auto')
      : 'legacy',
    localEngine: engine.endpoint.host.startsWith('unix://') || engine.endpoint.host.startsWith('npipe://'),
    signal: options.signal,
    onEvent: options.onEvent,
  });
}

/** Loads the workspace, reads secrets and build contexts, observes the engine, and plans. Changes nothing. */
export async function prepareUp(options: UpOptions): Promise<PreparedUp> {
  const workspace = await loadWorkspace({ configFile: options.configFile, cwd: options.cwd });
  const secrets = await readSecrets(workspace);
  const desired = desiredState(workspace.config, { secrets, selection: options.services });
  const missing = missingSecrets(
    workspace.config,
    secrets,
    desired.containers.map((container) => container.node),
  );
  if (missing.length > 0) {
    throw new UserError(
      `Secret${missing.length === 1 ? '' : 's'} without a value: ${missing.map((entry) => `${entry.secret} (${entry.service})`).join(', ')}.`,
      `Add ${missing.map((entry) => `${entry.secret}=...`).join(', ')} to ${path.join(workspace.root, '.env')} (keep .env out of git).`,
    );
  }
  // The engine client loads while the build contexts are read and hashed.
  const contexts = new Map<string, BuildContext>();
  const [engine] = await Promise.all([
    connectEngine(options.environment),
    ...desired.containers.map(async (container) => {
      if (!container.build) return;
      contexts.set(
        container.node,
        await readBuildContext(path.join(workspace.root, container.build.context), {
          dockerfile: container.build.dockerfile,
          buildArgs: container.build.buildArgs,
          extraCaFile: options.extraCaFile,
          neverSend: [path.join(workspace.root, '.env')],
        }),
      );
    }),
  ]);
  const observed = await observeState(engine.docker, desired.project, {
    containerNames: desired.containers.map((container) => container.name),
    images: desired.containers.map((container) => container.image),
  });
  const plan = planUp({
    desired,
    observed,
    contextHashes: new Map([...contexts].map(([node, context]) => [node, context.hash])),
    build: options.build,
    requested: options.services,
  });
  return {
    project: desired.project,
    plan,
    planText: renderPlan(plan),
    engine,
    desired,
    contexts,
    warnings: await envFileWarnings(workspace.root),
  };
}

/** Secret values from the gitignored `.env` at the workspace root. Never logged. */
export async function readSecrets(workspace: Workspace): Promise<Record<string, string>> {
  const file = path.join(workspace.root, '.env');
  if (!existsSync(file)) return {};
  return parseDotenv(await readFile(file));
}

/** Secrets belong in a `.env` that git ignores: say so when git would commit it. */
async function envFileWarnings(root: string): Promise<string[]> {
  const file = path.join(root, '.env');
  if (!existsSync(file)) return [];
  const { execa } = await import('execa');
  // Exit 0: ignored; 1: not ignored; anything else: not a git repository, or no git at all.
  const check = await execa('git', ['check-ignore', '-q', '.env'], { cwd: root, reject: false }).catch(
    () => undefined,
  );
  return check?.exitCode === 1
    ? [`${file} holds secrets but git does not ignore it: add \`.env\` to .gitignore before you commit.`]
    : [];
}

async function chooseBuilder(
  engine: Engine,
  wanted: 'auto' | 'buildkit' | 'legacy',
): Promise<'buildkit' | 'legacy'> {
  if (wanted !== 'auto') return wanted;
  const version = await engine.docker.version();
  // BuildKit through the API needs the session endpoint (API 1.39+) and a Linux engine.
  const [major = 0, minor = 0] = version.ApiVersion.split('.').map(Number);
  return version.Os === 'linux' && (major > 1 || minor >= 39) ? 'buildkit' : 'legacy';
}

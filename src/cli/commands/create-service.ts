import path from 'node:path';
import { INFRA_KINDS, STRING_LIMITS } from '../../core/config/schema.js';
import { ExitCode, UserError } from '../../core/errors.js';
import { CI_PROVIDERS, type CiProvider } from '../../core/generate/ci/index.js';
import { plural } from '../../core/plural.js';
import { createServiceInWorkspace } from '../../core/scaffold/create.js';
import {
  assertServiceName,
  serviceNameProblem,
  serviceNameShortProblem,
  suggestServiceName,
} from '../../core/scaffold/names.js';
import type { CreateServicePlan } from '../../core/scaffold/plan.js';
import { listTemplateIds } from '../../core/scaffold/templates.js';
import {
  findWorkspaceTarget,
  suggestPort,
  type WorkspaceTarget,
} from '../../core/scaffold/workspace-target.js';
import type { CommandContext } from '../context.js';
import { inquirerPrompter, type Prompter } from '../prompts.js';

/** The flags as commander gives them. */
export interface CreateServiceFlags {
  template?: string;
  port?: string | number;
  dependsOn?: string | string[];
  ci?: string;
  description?: string;
  workspace?: string;
  yes?: boolean;
  dryRun?: boolean;
  force?: boolean;
  json?: boolean;
}

/** Every answer create-service needs, typed and complete. */
export interface CreateServiceOptions {
  name: string;
  template: string;
  port: number;
  dependsOn: string[];
  ci: CiProvider;
  description: string;
  dryRun: boolean;
  force: boolean;
  json: boolean;
}

export const DEFAULT_TEMPLATE = 'node-fastify';
const DEFAULT_CI: CiProvider = 'github';

export async function run(
  context: CommandContext,
  name: string | undefined,
  flags: CreateServiceFlags,
  prompter?: Prompter,
): Promise<number | undefined> {
  const workspace = await findWorkspaceTarget({
    cwd: context.cwd,
    workspaceDirectory: flags.workspace,
    configFile: context.configFile,
  });
  const interactive = context.output.interactive && !flags.yes;
  const { options, prompted, portGiven } = await resolveOptions(name, flags, workspace, {
    interactive,
    prompter: interactive
      ? (prompter ?? (await inquirerPrompter(undefined, { color: context.output.colored })))
      : undefined,
  });
  const command = prompted
    ? equivalentCommand(options, { workspace: flags.workspace, config: context.configFile })
    : undefined;
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  try {
    const { plan, result, regenerated } = await createServiceInWorkspace({
      cwd: context.cwd,
      workspaceDirectory: flags.workspace,
      configFile: context.configFile,
      name: options.name,
      templateId: options.template,
      // A port the user did not choose is chosen again under the workspace lock, in case another writer took it.
      port: portGiven ? options.port : undefined,
      description: options.description,
      dependsOn: options.dependsOn,
      ci: options.ci,
      force: options.force,
      dryRun: options.dryRun,
      signal: controller.signal,
    });
    if (!result) {
      renderPlan(context, plan, options, command);
      return;
    }
    if (options.json) {
      context.output.json({
        ...summary(plan, options),
        written: result.written,
        regenerated: regenerated.map(({ path: file, action, reason }) => ({ path: file, action, reason })),
        ...(command && { command }),
      });
      return exitCodeOf(regenerated);
    }
    const { output } = context;
    const where = path.relative(context.cwd, path.join(plan.workspace.root, plan.service.path)) || '.';
    if (result.createdWorkspace) {
      output.print(
        `Created workspace "${plan.workspace.newWorkspace?.name}" (msctl.yaml) in ${relativeRoot(context, plan)}`,
      );
    }
    output.print(
      `Created service "${plan.service.name}" from ${plan.service.template} ${plan.service.templateVersion} in ${where}: ${plural(plan.serviceFiles.size, 'file')}, port ${plan.service.port}`,
    );
    if (plan.addedInfra.length > 0) output.print(`Added infra to msctl.yaml: ${plan.addedInfra.join(', ')}`);
    for (const file of plan.workspaceFiles.keys()) if (file !== 'msctl.yaml') output.print(`Wrote ${file}`);
    for (const file of regenerated) output.print(`Regenerated ${file.path}: ${file.action} (${file.reason})`);
    for (const note of plan.notes) output.print(`Note: ${note}`);
    output.print(`\nNext:\n  cd ${where}\n  npm ci\n  npm run dev`);
    if (command) output.print(`\nThe same without questions:\n  ${command}`);
    return exitCodeOf(regenerated);
  } finally {
    process.off('SIGINT', abort);
  }
}

/** The service is written either way; a conflict merged into another file is the user's to resolve (exit 1). */
const exitCodeOf = (regenerated: readonly { action: string }[]): number =>
  regenerated.some((file) => file.action === 'conflict' || file.action === 'extra')
    ? ExitCode.problemsFound
    : ExitCode.ok;

interface ResolveContext {
  interactive: boolean;
  prompter: Prompter | undefined;
}

type Answers = Pick<CreateServiceOptions, 'name' | 'template' | 'port' | 'dependsOn' | 'ci' | 'description'>;
const FLAG_OF: Record<keyof Answers, string> = {
  name: '<name>',
  template: '--template',
  port: '--port',
  dependsOn: '--depends-on',
  ci: '--ci',
  description: '--description',
};

/**
 * Flags first; then, on a terminal, a question for each missing answer; with --yes, the defaults; and
 * without a terminal a missing answer is an error that names its flag. Exported for the argv tests.
 */
export async function resolveOptions(
  name: string | undefined,
  flags: CreateServiceFlags,
  workspace: WorkspaceTarget,
  { interactive, prompter }: ResolveContext,
): Promise<{ options: CreateServiceOptions; prompted: boolean; portGiven: boolean }> {
  const given: Partial<Answers> = {
    ...(name !== undefined && { name }),
    ...(flags.template !== undefined && { template: flags.template }),
    ...(flags.port !== undefined && { port: parsePort(flags.port) }),
    ...(flags.dependsOn !== undefined && { dependsOn: parseDependencies(flags.dependsOn) }),
    ...(flags.ci !== undefined && { ci: parseCi(flags.ci) }),
    ...(flags.description !== undefined && { description: parseDescription(flags.description) }),
  };
  const switches = { dryRun: Boolean(flags.dryRun), force: Boolean(flags.force), json: Boolean(flags.json) };
  const missing = (Object.keys(FLAG_OF) as (keyof Answers)[]).filter((key) => given[key] === undefined);
  if (given.name !== undefined) checkNameGiven(given.name);
  if (interactive && prompter) {
    const answers = await askForMissing(given, workspace, prompter, switches.force);
    // Taking the suggested port at the prompt leaves the choice to msctl, as --yes does.
    const portGiven = given.port !== undefined || answers.port !== suggestPort(workspace.config);
    return { options: { ...answers, ...switches }, prompted: missing.length > 0, portGiven };
  }
  const defaults = {
    template: DEFAULT_TEMPLATE,
    port: suggestPort(workspace.config),
    dependsOn: [],
    ci: DEFAULT_CI,
    description: '',
  };
  if (!flags.yes && missing.length > 0) {
    const names = missing.map((key) => FLAG_OF[key]).join(', ');
    throw new UserError(
      `No answer for ${names}, and there is no terminal to ask.`,
      `Pass ${names}, or --yes to take the defaults (template ${DEFAULT_TEMPLATE}, port ${defaults.port}, no dependencies, ci ${DEFAULT_CI}).`,
    );
  }
  // --yes takes the default name too, as the prompt would offer it; a name given is checked before anything else.
  const serviceName = given.name ?? defaultServiceName(workspace);
  checkNameGiven(serviceName);
  return {
    options: { ...defaults, ...given, name: serviceName, ...switches },
    prompted: false,
    portGiven: given.port !== undefined,
  };
}

/** One question per answer the flags did not give, in the order the help lists the flags. */
async function askForMissing(
  given: Partial<Answers>,
  workspace: WorkspaceTarget,
  ask: Prompter,
  force: boolean,
): Promise<Answers> {
  const name =
    given.name ??
    (
      await ask.input({
        message: 'Service name',
        default: defaultServiceName(workspace),
        validate: (value) => nameProblem(value, workspace, force) ?? true,
      })
    ).trim();
  const templates = await listTemplateIds();
  const template =
    given.template ??
    (templates.length === 1
      ? (templates[0] as string)
      : await ask.select({
          message: 'Template',
          choices: templates.map((id) => ({ value: id })),
          default: templates.includes(DEFAULT_TEMPLATE) ? DEFAULT_TEMPLATE : undefined,
        }));
  const port =
    given.port ??
    parsePort(
      await ask.input({
        message: 'Port',
        default: String(suggestPort(workspace.config)),
        validate: (value) => portProblem(value, workspace) ?? true,
      }),
    );
  const dependsOn = given.dependsOn ?? (await askDependencies(name, workspace, ask));
  const ci =
    given.ci ??
    (await ask.select<CiProvider>({
      message: 'CI pipeline',
      choices: CI_PROVIDERS.map((provider) => ({ value: provider })),
      default: DEFAULT_CI,
    }));
  const description =
    given.description ??
    (await ask.input({
      message: 'Description',
      default: '',
      validate: (value) =>
        value.length <= STRING_LIMITS.description || `at most ${STRING_LIMITS.description} characters`,
    }));
  return { name, template, port, dependsOn, ci, description };
}

/** Existing services and infra, then the kinds of infra that would be added. */
async function askDependencies(name: string, workspace: WorkspaceTarget, ask: Prompter): Promise<string[]> {
  const { services, infra } = workspace.config;
  const candidates = [
    ...Object.keys(services),
    ...Object.keys(infra),
    ...INFRA_KINDS.filter((kind) => !infra[kind]),
  ].filter((candidate, index, all) => candidate !== name && all.indexOf(candidate) === index);
  if (candidates.length === 0) return [];
  return ask.checkbox({
    message: 'Depends on',
    choices: candidates.map((candidate) => ({
      value: candidate,
      name: services[candidate] || infra[candidate] ? candidate : `${candidate} (new)`,
    })),
  });
}

/** The name offered at the prompt and taken by --yes: the first of service, service-2, ... that is free. */
export function defaultServiceName(workspace: WorkspaceTarget): string {
  const taken = (name: string) => Boolean(workspace.config.services[name] || workspace.config.infra[name]);
  let name = 'service';
  for (let index = 2; taken(name); index++) name = `service-${index}`;
  return name;
}

function nameProblem(typed: string, workspace: WorkspaceTarget, force: boolean): string | undefined {
  const name = typed.trim();
  const problem = serviceNameShortProblem(name);
  if (problem) return problem;
  if (workspace.config.services[name] && !force) return `"${name}" is a service of this workspace already`;
  if (workspace.config.infra[name]) return `"${name}" is infra of this workspace already`;
  return undefined;
}

/** A name from the command line, refused before any question: with the rule, and a valid name to use instead. */
function checkNameGiven(name: string): void {
  if (!serviceNameShortProblem(name)) return;
  const suggestion = suggestServiceName(name);
  try {
    assertServiceName(name);
  } catch (error) {
    if (!suggestion) throw error;
    throw new UserError(
      (error as UserError).message,
      `Use ${suggestion} instead, e.g. \`create-service ${suggestion}\`.`,
    );
  }
}

function parsePort(value: string | number): number {
  const port = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UserError(
      `--port ${value} is not a TCP port.`,
      'Pass a number from 1 to 65535, e.g. --port 3000.',
    );
  }
  return port;
}

function portProblem(value: string, workspace: WorkspaceTarget): string | undefined {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || Number(value) > 65535)
    return 'a number from 1 to 65535';
  const owner = Object.entries(workspace.config.services).find(
    ([, service]) => service.port === Number(value),
  );
  return owner ? `port ${value} is used by "${owner[0]}"` : undefined;
}

function parseCi(value: string): CiProvider {
  if ((CI_PROVIDERS as readonly string[]).includes(value)) return value as CiProvider;
  throw new UserError(`--ci ${value} is not a CI provider.`, `Pass one of: ${CI_PROVIDERS.join(', ')}.`);
}

/** The description goes into msctl.yaml, whose schema caps it. */
function parseDescription(value: string): string {
  if (value.length <= STRING_LIMITS.description) return value;
  throw new UserError(
    `--description is ${value.length} characters long; at most ${STRING_LIMITS.description} are allowed.`,
    'Shorten it to a sentence or two that say what the service is for.',
  );
}

function parseDependencies(value: string | string[]): string[] {
  const names = parseList(value);
  for (const name of names) {
    const problem = serviceNameProblem(name);
    if (problem) {
      throw new UserError(
        `--depends-on ${name}: ${problem}`,
        'Name services or infra of the workspace, or infra kinds (postgres, redis, rabbitmq).',
      );
    }
  }
  return names;
}

/** `--depends-on a,b --depends-on c` and `--depends-on ''` (none) both work. */
function parseList(value: string | string[]): string[] {
  const items = (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(','));
  return [...new Set(items.map((item) => item.trim()).filter((item) => item.length > 0))];
}

/**
 * A shell word that stays one word and means itself. Text with line breaks or control characters uses
 * `$'...'` (POSIX.1-2024, bash, zsh, ksh), so that the command stays on one line.
 */
function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:=@,+-]+$/.test(value)) return value;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what needs the other quoting
  if (!/[\u0000-\u001f\u007f]/.test(value)) return `'${value.replace(/'/g, `'\\''`)}'`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: each control character gets its escape
  const escaped = value.replace(/[\\'\u0000-\u001f\u007f]/g, (character) => {
    const named: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[character] ?? `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `$'${escaped}'`;
}

/** The one-line command that gives the same result without questions. */
export function equivalentCommand(
  options: CreateServiceOptions,
  where: { workspace?: string | undefined; config?: string | undefined } = {},
): string {
  const words = [
    'create-service',
    options.name,
    '--template',
    options.template,
    '--port',
    String(options.port),
    ...(options.dependsOn.length > 0 ? ['--depends-on', options.dependsOn.join(',')] : []),
    '--ci',
    options.ci,
    ...(options.description !== '' ? ['--description', options.description] : []),
    ...(where.workspace ? ['--workspace', where.workspace] : []),
    ...(where.config ? ['--config', where.config] : []),
    ...(options.force ? ['--force'] : []),
    ...(options.dryRun ? ['--dry-run'] : []),
    ...(options.json ? ['--json'] : []),
    '--yes',
  ];
  return words.map((word) => shellQuote(word)).join(' ');
}

function relativeRoot(context: CommandContext, plan: CreateServicePlan): string {
  return path.relative(context.cwd, plan.workspace.root) || '.';
}

function summary(plan: CreateServicePlan, options: CreateServiceOptions) {
  return {
    dryRun: options.dryRun,
    workspace: { root: plan.workspace.root, created: Boolean(plan.workspace.newWorkspace) },
    service: plan.service,
    addedInfra: plan.addedInfra,
    files: plan.files,
    notes: plan.notes,
  };
}

function renderPlan(
  context: CommandContext,
  plan: CreateServicePlan,
  options: CreateServiceOptions,
  command?: string,
) {
  if (options.json) {
    context.output.json({ ...summary(plan, options), ...(command && { command }) });
    return;
  }
  const { output } = context;
  output.print(
    `Would create service "${plan.service.name}" (${plan.service.template} ${plan.service.templateVersion}) in workspace ${relativeRoot(context, plan)}${plan.workspace.newWorkspace ? ` (new workspace "${plan.workspace.newWorkspace.name}")` : ''}:`,
  );
  const width = Math.max(...plan.files.map((file) => file.path.length));
  for (const file of plan.files) {
    output.print(
      `  ${file.action.padEnd(9)} ${file.path.padEnd(width)}  ${formatSize(file.size).padStart(8)}`,
    );
  }
  const total = plan.files.reduce((sum, file) => sum + file.size, 0);
  output.print(
    `${plural(plan.files.length, 'file')}, ${formatSize(total)}. Nothing was written (--dry-run).`,
  );
  if (command) output.print(`\nThe same without questions:\n  ${command}`);
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

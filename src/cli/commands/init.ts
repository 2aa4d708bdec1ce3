import path from 'node:path';
import { UserError } from '../../core/errors.js';
import { serviceNameShortProblem } from '../../core/scaffold/names.js';
import {
  assertNoWorkspace,
  initWorkspace,
  suggestProjectName,
  validateProjectName,
  validateRegistry,
} from '../../core/workspace/init.js';
import type { CommandContext } from '../context.js';
import { inquirerPrompter, type Prompter } from '../prompts.js';

export interface InitOptions {
  name?: string;
  registry?: string;
  yes?: boolean;
  json?: boolean;
}

export async function run(
  context: CommandContext,
  directory: string | undefined,
  options: InitOptions,
  prompter?: Prompter,
) {
  const target = path.resolve(context.cwd, directory ?? '.');
  // Before any question: an answer to a question that cannot be used is time lost.
  assertNoWorkspace(target);
  const name = await resolveName(context, target, options, prompter);
  const registry = await resolveRegistry(context, options, prompter);
  const result = await initWorkspace({ directory: target, name, registry });
  if (options.json) {
    context.output.json({ file: result.file, name, registry: registry ?? null, written: result.written });
    return;
  }
  context.output.print(`Created workspace "${name}" in ${path.relative(context.cwd, target) || '.'}`);
  for (const file of result.written) context.output.print(`  ${file}`);
  if (!registry)
    context.output.print(
      '\nNo image registry yet: add images.registry to msctl.yaml before `msctl generate k8s`.',
    );
  context.output.print('\nNext: `npx create-service <name>` adds a service.');
}

async function resolveName(
  context: CommandContext,
  target: string,
  options: InitOptions,
  prompter: Prompter | undefined,
): Promise<string> {
  const suggestion = suggestProjectName(target);
  if (options.name !== undefined) return options.name;
  if (options.yes) return suggestion;
  if (!context.output.interactive) {
    throw new UserError(
      'No project name given, and there is no terminal to ask for one.',
      `Pass --name <name>, or --yes to use "${suggestion}".`,
    );
  }
  const ask = prompter ?? (await inquirerPrompter(undefined, { color: context.output.colored }));
  return ask.input({
    message: 'Project name',
    default: suggestion,
    validate: (value) => projectNameProblem(value) ?? true,
  });
}

/**
 * The registry from --registry; on a terminal (without --yes) a question, empty to decide later. Never
 * asked without a terminal: `msctl generate k8s` says what to add when it needs it.
 */
async function resolveRegistry(
  context: CommandContext,
  options: InitOptions,
  prompter: Prompter | undefined,
): Promise<string | undefined> {
  if (options.registry !== undefined) return options.registry;
  if (options.yes || !context.output.interactive) return undefined;
  const ask = prompter ?? (await inquirerPrompter(undefined, { color: context.output.colored }));
  const answer = await ask.input({
    message: 'Image registry CI pushes to and Kubernetes pulls from (e.g. ghcr.io/acme/shop; empty: later)',
    default: '',
    validate: (value) => (value.trim() === '' ? true : (validateRegistry(value.trim()) ?? true)),
  });
  return answer.trim() === '' ? undefined : answer.trim();
}

/** One short line for the prompt, with a valid name to use instead (the long rule is for --name). */
function projectNameProblem(value: string): string | undefined {
  if (!validateProjectName(value)) return undefined;
  if (value.trim() === '') return 'Type a name, e.g. shop';
  return serviceNameShortProblem(value) ?? 'Lowercase letters, digits and "-" only';
}

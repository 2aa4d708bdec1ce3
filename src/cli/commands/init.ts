import path from 'node:path';
import { UserError } from '../../core/errors.js';
import { initWorkspace, suggestProjectName, validateProjectName } from '../../core/workspace/init.js';
import type { CommandContext } from '../context.js';

export interface InitOptions {
  name?: string;
  yes?: boolean;
  json?: boolean;
}

export async function run(context: CommandContext, directory: string | undefined, options: InitOptions) {
  const target = path.resolve(context.cwd, directory ?? '.');
  const name = await resolveName(context, target, options);
  const result = await initWorkspace({ directory: target, name });
  if (options.json) {
    context.output.json({ file: result.file, name, written: result.written });
    return;
  }
  context.output.print(`Created workspace "${name}" in ${path.relative(context.cwd, target) || '.'}`);
  for (const file of result.written) context.output.print(`  ${file}`);
  context.output.print('\nNext: `npx create-service <name>` adds a service.');
}

async function resolveName(context: CommandContext, target: string, options: InitOptions): Promise<string> {
  const suggestion = suggestProjectName(target);
  if (options.name !== undefined) return options.name;
  if (options.yes) return suggestion;
  if (!context.output.interactive) {
    throw new UserError(
      'No project name given, and there is no terminal to ask for one.',
      `Pass --name <name>, or --yes to use "${suggestion}".`,
    );
  }
  const { input } = await import('@inquirer/prompts');
  return input({
    message: 'Project name',
    default: suggestion,
    validate: (value) => validateProjectName(value) ?? true,
  });
}

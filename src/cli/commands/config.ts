import { stringify } from 'yaml';
import { loadWorkspace } from '../../core/config/load.js';
import type { CommandContext } from '../context.js';

export interface ConfigOptions {
  json?: boolean;
}

export async function run(context: CommandContext, options: ConfigOptions) {
  const workspace = await loadWorkspace({ configFile: context.configFile, cwd: context.cwd });
  if (options.json) context.output.json(workspace.config);
  else context.output.print(stringify(workspace.config, { lineWidth: 0 }).trimEnd());
}

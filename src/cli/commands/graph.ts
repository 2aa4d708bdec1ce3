import { loadWorkspace } from '../../core/config/load.js';
import { type GraphFormat, renderGraph } from '../../core/project/render-graph.js';
import type { CommandContext } from '../context.js';

export interface GraphOptions {
  format: GraphFormat;
}

export async function run(context: CommandContext, options: GraphOptions) {
  const workspace = await loadWorkspace({ configFile: context.configFile, cwd: context.cwd });
  context.output.print(renderGraph(workspace.config, options.format));
}

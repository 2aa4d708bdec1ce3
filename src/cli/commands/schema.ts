import { workspaceJsonSchema } from '../../core/config/schema.js';
import type { CommandContext } from '../context.js';

export async function run(context: CommandContext) {
  context.output.json(workspaceJsonSchema());
}

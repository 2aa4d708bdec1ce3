import { workspaceSchema } from '../../core/config/schema.js';
import { defineTool, workspaceRootField } from '../tool.js';

export const workspaceConfigTool = () =>
  defineTool({
    name: 'workspace_config',
    title: 'Resolved workspace',
    description:
      'Validates msctl.yaml and returns the workspace with every default filled in. An invalid msctl.yaml comes back as a tool error listing every problem at file:line:column.',
    input: {},
    output: {
      workspaceRoot: workspaceRootField,
      workspaceFile: workspaceRootField.describe('Absolute path of msctl.yaml'),
      config: workspaceSchema,
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async run(_input, session) {
      const { root, file, config } = await session.workspace();
      return { workspaceRoot: root, workspaceFile: file, config };
    },
  });

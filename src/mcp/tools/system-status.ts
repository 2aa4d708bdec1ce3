import { z } from 'zod';
import { defineTool, workspaceRootField } from '../tool.js';

export const systemStatusTool = () =>
  defineTool({
    name: 'system_status',
    title: 'Running system',
    description:
      "The project's containers on the local Docker engine (as `msctl ps`): service, state, health, ports, image, uptime.",
    input: {},
    output: {
      workspaceRoot: workspaceRootField,
      project: z.string().describe('The project name: the `name` in msctl.yaml'),
      services: z.array(
        z.object({
          service: z.string(),
          kind: z.string(),
          container: z.string(),
          id: z.string(),
          state: z.string(),
          health: z
            .string()
            .optional()
            .describe('healthy, unhealthy or starting; absent without a health check'),
          ports: z.array(z.string()),
          image: z.string(),
          startedAt: z.string().optional(),
          uptimeSeconds: z.number().optional().describe('Absent when not running'),
        }),
      ),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async run(_input, session) {
      const [{ connectEngine }, { projectStatus }] = await Promise.all([
        import('../../core/runtime/connect.js'),
        import('../../core/runtime/status.js'),
      ]);
      const { root, config } = await session.workspace();
      const { docker } = await connectEngine();
      const services = await projectStatus(docker, config.name);
      // JSON has no undefined: drop the fields that are not there, as the text of the answer does.
      return { workspaceRoot: root, project: config.name, services: JSON.parse(JSON.stringify(services)) };
    },
  });

import { z } from 'zod';
import { ServiceGraph } from '../../core/project/graph.js';
import { GRAPH_FORMATS, renderGraph } from '../../core/project/render-graph.js';
import { defineTool, workspaceRootField } from '../tool.js';

export const dependencyGraphTool = () =>
  defineTool({
    name: 'dependency_graph',
    title: 'Dependency graph',
    description:
      'The services and infra of the workspace with what each depends on, and the start order in levels (each level can start in parallel).',
    input: {
      format: z
        .enum(GRAPH_FORMATS)
        .default('text')
        .describe('How `drawing` draws the graph: text, mermaid or dot'),
    },
    output: {
      workspaceRoot: workspaceRootField,
      nodes: z
        .array(
          z.object({
            name: z.string(),
            kind: z.enum(['service', 'infra']),
            dependsOn: z.array(z.string()).describe('What it needs started first'),
          }),
        )
        .describe('Every service and infra'),
      startOrder: z
        .array(z.array(z.string()))
        .describe('Levels in start order; each level can start in parallel'),
      drawing: z.string().describe('The graph drawn in the format asked for'),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async run({ format }, session) {
      const { root, config } = await session.workspace();
      const graph = ServiceGraph.fromWorkspace(config);
      return {
        workspaceRoot: root,
        nodes: [...graph.nodes.values()].map(({ name, kind, dependsOn }) => ({
          name,
          kind,
          dependsOn: [...dependsOn],
        })),
        startOrder: graph.levels(),
        drawing: renderGraph(config, format),
      };
    },
  });

import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { didYouMean } from '../core/config/did-you-mean.js';
import { listTemplateIds } from '../core/scaffold/templates.js';
import { answerWith, explainError, refusal } from './answer.js';
import { rootFolders, Session } from './session.js';
import { parseArguments, type Tool, toolSchemas } from './tool.js';
import { createServiceTool } from './tools/create-service.js';
import { dependencyGraphTool } from './tools/dependency-graph.js';
import { generateManifestsTool, planManifestsTool } from './tools/generate-manifests.js';
import { initWorkspaceTool } from './tools/init-workspace.js';
import { lintApiTool } from './tools/lint-api.js';
import { planServiceTool } from './tools/plan-service.js';
import { systemStatusTool } from './tools/system-status.js';
import { workspaceConfigTool } from './tools/workspace-config.js';

/** Where the server works: the folder its client started it in, and an explicit msctl.yaml if given. */
export interface McpServerOptions {
  cwd: string;
  configFile?: string | undefined;
  version: string;
}

/** What a client's model is told of the server as a whole, once. */
const INSTRUCTIONS =
  'msctl manages one workspace (a folder with msctl.yaml) per session; every result gives its absolute workspaceRoot. ' +
  'Without one, call init_workspace with an absolute folder. Tools read and write only inside the workspace. ' +
  'Preview with plan_service and plan_manifests (read-only) before create_service and generate_manifests.';

/**
 * The Model Context Protocol server: the same core calls as the commands, typed for agents. Arguments are checked
 * here rather than by the SDK's McpServer, so that a refused argument reads as our message (the unknown key, the
 * known ones, the one meant) and not as a protocol error. Expected errors come back as tool errors with what to do.
 */
export async function createMcpServer(options: McpServerOptions): Promise<Server> {
  // Low-level on purpose: McpServer validates arguments itself and words the refusal as a protocol error.
  const server = new Server(
    { name: 'msctl', version: options.version },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );
  const session = new Session({
    cwd: options.cwd,
    configFile: options.configFile,
    listRoots: async () =>
      server.getClientCapabilities()?.roots ? rootFolders((await server.listRoots()).roots) : [],
  });
  const templates = await listTemplateIds();
  const tools = [
    workspaceConfigTool(),
    dependencyGraphTool(),
    lintApiTool(),
    planServiceTool(templates),
    createServiceTool(templates),
    planManifestsTool(),
    generateManifestsTool(),
    systemStatusTool(),
    initWorkspaceTool(),
  ];
  const byName = new Map(tools.map((tool) => [tool.name, tool]));

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      ...toolSchemas(tool),
      annotations: { title: tool.title, ...tool.annotations },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
    const tool = byName.get(params.name);
    if (!tool) {
      return refusal(
        `There is no tool "${params.name}"${didYouMean(params.name, byName.keys())}. msctl has: ${[...byName.keys()].join(', ')}.`,
      );
    }
    return callTool(tool, params.arguments, session);
  });
  return server;
}

async function callTool(
  tool: Tool,
  args: Record<string, unknown> | undefined,
  session: Session,
): Promise<CallToolResult> {
  const parsed = parseArguments(tool, args);
  if (!parsed.ok) return refusal(parsed.message);
  try {
    // Nothing is written where no workspace was chosen: not in the folder a host happened to start the server in.
    if (tool.writes && !(await session.workspaceFile())) throw session.noWorkspace();
    return answerWith(await tool.run(parsed.value, session));
  } catch (error) {
    return explainError(error, tool);
  }
}

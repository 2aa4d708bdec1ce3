import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { loadWorkspace } from '../core/config/load.js';
import { ConfigError, UserError } from '../core/errors.js';
import { type GenerateKind, planGenerate, writeGeneratePlan } from '../core/generate/plan.js';
import { ServiceGraph } from '../core/project/graph.js';
import { GRAPH_FORMATS, renderGraph } from '../core/project/render-graph.js';

/** Where the server works: the folder its client started it in, and an explicit msctl.yaml if given. */
export interface McpServerOptions {
  cwd: string;
  configFile?: string | undefined;
  version: string;
}

type ToolResult = {
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
};

/**
 * The Model Context Protocol server: the same core calls as the commands, typed for agents. Expected errors
 * come back as tool errors with what to do, so that an agent can correct itself; nothing is printed.
 */
export function createMcpServer(options: McpServerOptions): McpServer {
  const server = new McpServer({ name: 'msctl', version: options.version });
  const workspace = () => loadWorkspace({ configFile: options.configFile, cwd: options.cwd });

  server.registerTool(
    'workspace_config',
    {
      title: 'Resolved workspace',
      description: 'Validates msctl.yaml and returns the workspace with every default filled in.',
      inputSchema: {},
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () => answer(async () => ({ ...(await workspace()).config })),
  );

  server.registerTool(
    'dependency_graph',
    {
      title: 'Dependency graph',
      description:
        'The services and infra of the workspace with what each depends on, and the start order in levels (each level can start in parallel).',
      inputSchema: { format: z.enum(GRAPH_FORMATS).default('text').describe('How to draw the graph') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ format }) =>
      answer(async () => {
        const { config } = await workspace();
        const graph = ServiceGraph.fromWorkspace(config);
        return {
          nodes: [...graph.nodes.values()].map(({ name, kind, dependsOn }) => ({
            name,
            kind,
            dependsOn: [...dependsOn],
          })),
          startOrder: graph.levels(),
          drawing: renderGraph(config, format),
        };
      }),
  );

  server.registerTool(
    'lint_api',
    {
      title: 'Lint OpenAPI descriptions',
      description:
        "Checks OpenAPI descriptions against the workspace's governance rules (msctl:recommended unless msctl.yaml or a ruleset says otherwise). Without files, every service's `api`. Findings have Spectral's shape: code, message, path, severity (0 error .. 3 hint), zero-based range, source.",
      inputSchema: {
        files: z.array(z.string()).optional().describe('Documents to lint, relative to the workspace folder'),
        ruleset: z.string().optional().describe('A Spectral-style ruleset file'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ files, ruleset }) => answer(() => lintApis(options, files, ruleset)),
  );

  server.registerTool(
    'create_service',
    {
      title: 'Create a service',
      description:
        'Scaffolds a service from a template (code, tests, OpenAPI, Dockerfile, Kubernetes manifests, CI) and registers it in msctl.yaml. Refuses to overwrite anything. With dryRun, returns the files it would write.',
      inputSchema: {
        name: z.string().describe('A DNS-1123 label, e.g. "orders"'),
        template: z.string().default('node-fastify'),
        port: z.int().min(1).max(65535).optional().describe('Default: the next free port from 3000'),
        dependsOn: z
          .array(z.string())
          .default([])
          .describe('Services or infra (postgres, redis, rabbitmq) it needs'),
        description: z.string().default(''),
        ci: z.enum(['github', 'gitlab', 'none']).default('github'),
        dryRun: z.boolean().default(false),
      },
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    (input) => answer(() => createService(options, input)),
  );

  server.registerTool(
    'generate_manifests',
    {
      title: 'Generate Kubernetes manifests and CI pipelines',
      description:
        'Compares what msctl.yaml generates with the files on disk: per file create, update, unchanged or kept (edited by hand). With write, writes the creates and updates; files edited by hand are never overwritten.',
      inputSchema: {
        what: z.enum(['k8s', 'ci', 'all']).default('all'),
        write: z.boolean().default(false),
      },
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    ({ what, write }) =>
      answer(async () => {
        const { root, config } = await workspace();
        const kinds: GenerateKind[] = what === 'all' ? ['k8s', 'ci'] : [what];
        const plan = await planGenerate({ root, config }, { kinds });
        const written = write ? await writeGeneratePlan(plan) : [];
        return {
          drift: plan.drift,
          written,
          files: plan.files.map(({ path: file, action, reason }) => ({ path: file, action, reason })),
        };
      }),
  );

  server.registerTool(
    'system_status',
    {
      title: 'Running system',
      description:
        "The project's containers on the local Docker engine (as `msctl ps`): service, state, health, ports, image, uptime.",
      inputSchema: {},
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () =>
      answer(async () => {
        const [{ connectEngine }, { projectStatus }] = await Promise.all([
          import('../core/runtime/connect.js'),
          import('../core/runtime/status.js'),
        ]);
        const { config } = await workspace();
        const { docker } = await connectEngine();
        return { project: config.name, services: await projectStatus(docker, config.name) };
      }),
  );

  return server;
}

/** Runs a core call; its value becomes structured content, an expected error a tool error that says what to do. */
async function answer(call: () => Promise<Record<string, unknown>>): Promise<ToolResult> {
  try {
    const value = await call();
    return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: value };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const problems =
      error instanceof ConfigError
        ? error.issues.map((issue) => `${issue.file}:${issue.line}:${issue.column} ${issue.message}`)
        : [];
    const text = [error.message, ...problems, error.hint].filter(Boolean).join('\n');
    return { content: [{ type: 'text', text }], isError: true };
  }
}

async function lintApis(
  options: McpServerOptions,
  files: string[] | undefined,
  rulesetFile: string | undefined,
): Promise<Record<string, unknown>> {
  const [{ lintFiles }, { resolveLintRuleset, serviceTargets }] = await Promise.all([
    import('../core/lint/lint.js'),
    import('../core/lint/workspace-targets.js'),
  ]);
  const named = files !== undefined && files.length > 0;
  // Named files can be linted outside a workspace; a broken msctl.yaml is reported all the same.
  const workspace = await loadWorkspace({ configFile: options.configFile, cwd: options.cwd }).catch(
    (error) => {
      if (named && !(error instanceof ConfigError)) return undefined;
      throw error;
    },
  );
  const base = workspace?.root ?? options.cwd;
  const targets = named
    ? files.map((file) => ({ file: path.resolve(base, file) }))
    : serviceTargets(workspace as NonNullable<typeof workspace>);
  const ruleset = await resolveLintRuleset({
    rulesetFile: rulesetFile && path.resolve(base, rulesetFile),
    workspace,
    cwd: base,
  });
  const result = await lintFiles(targets, { ruleset, cwd: base });
  return {
    findings: result.findings,
    failures: result.failures.map((failure) => ({ ...failure })),
    summary: {
      documents: targets.length,
      errors: result.findings.filter((finding) => finding.severity === 0).length,
      warnings: result.findings.filter((finding) => finding.severity === 1).length,
    },
  };
}

async function createService(
  options: McpServerOptions,
  input: {
    name: string;
    template: string;
    port?: number | undefined;
    dependsOn: string[];
    description: string;
    ci: 'github' | 'gitlab' | 'none';
    dryRun: boolean;
  },
): Promise<Record<string, unknown>> {
  const { createServiceInWorkspace } = await import('../core/scaffold/create.js');
  // The core call plans and writes under the workspace lock: two calls at once land one after the other.
  const { plan, result } = await createServiceInWorkspace({
    cwd: options.cwd,
    configFile: options.configFile,
    name: input.name,
    templateId: input.template,
    port: input.port,
    description: input.description,
    dependsOn: input.dependsOn,
    ci: input.ci,
    dryRun: input.dryRun,
  });
  const files = [
    ...[...plan.serviceFiles.keys()].map((file) => path.posix.join(plan.service.path, file)),
    ...plan.workspaceFiles.keys(),
  ].sort();
  const summary = { service: plan.service, addedInfra: plan.addedInfra, notes: plan.notes };
  if (!result) return { ...summary, dryRun: true, files };
  return { ...summary, written: result.written, createdWorkspace: result.createdWorkspace };
}

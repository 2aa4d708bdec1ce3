import path from 'node:path';
import { z } from 'zod';
import type { GenerateKind } from '../../core/generate/plan.js';
import { defineTool, workspaceRootField } from '../tool.js';

export const generateManifestsTool = () =>
  defineTool({
    name: 'generate_manifests',
    title: 'Generate Kubernetes manifests and CI pipelines',
    description:
      'Compares what msctl.yaml generates with the files on disk: per file create, update, unchanged or kept (edited by hand). With write, writes the creates and updates inside the workspace; files edited by hand are never overwritten.',
    input: {
      what: z
        .enum(['k8s', 'ci', 'all'])
        .default('all')
        .describe('Kubernetes manifests, CI pipelines, or both'),
      write: z
        .boolean()
        .default(false)
        .describe('Write the files that differ; without it, only report what would change'),
    },
    output: {
      workspaceRoot: workspaceRootField,
      drift: z.boolean().describe('Something differs from what msctl.yaml generates'),
      written: z.array(z.string()).describe('Files written, relative to the workspace root'),
      files: z.array(
        z.object({
          path: z.string().describe('Relative to the workspace root'),
          action: z.enum(['create', 'update', 'unchanged', 'kept']),
          reason: z.string(),
        }),
      ),
    },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    writes: true,
    fallbackHint: 'Files edited by hand are kept; regenerate them by deleting them first.',
    async run({ what, write }, session) {
      const { regenerateWorkspace } = await import('../../core/generate/regenerate.js');
      const file = await session.workspaceFile();
      if (!file) throw session.noWorkspace();
      const kinds: GenerateKind[] = what === 'all' ? ['k8s', 'ci'] : [what];
      // Under the workspace lock when writing, so that a create_service meanwhile is never undone.
      const { root, plan, written } = await regenerateWorkspace({
        cwd: path.dirname(file),
        configFile: file,
        kinds,
        write,
      });
      return {
        workspaceRoot: root,
        drift: plan.drift,
        written,
        files: plan.files.map(({ path: file, action, reason }) => ({ path: file, action, reason })),
      };
    },
  });

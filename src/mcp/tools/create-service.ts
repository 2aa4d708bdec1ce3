import { z } from 'zod';
import { defineTool, workspaceRootField } from '../tool.js';
import { createServiceInSession } from './plan-service.js';
import {
  SERVICE_ARGUMENT_NOTES,
  SERVICE_FALLBACK_HINT,
  serviceArguments,
  serviceSummary,
} from './service-arguments.js';

export const createServiceTool = (templates: readonly string[]) =>
  defineTool({
    name: 'create_service',
    title: 'Create a service',
    description:
      'Scaffolds a service from a template (code, tests, OpenAPI, Dockerfile, Kubernetes manifests, CI) into services/<name> of the workspace and registers it in msctl.yaml. Never overwrites a file. plan_service previews it without writing.',
    input: serviceArguments(templates),
    output: {
      workspaceRoot: workspaceRootField,
      ...serviceSummary,
      written: z.array(z.string()).describe('Files written or changed, relative to the workspace root'),
      regenerated: z
        .array(z.object({ path: z.string(), action: z.string(), reason: z.string() }))
        .describe(
          "Generated files of other services brought up to date because msctl.yaml changed (e.g. a dependency's NetworkPolicy), merged with edits; a conflict is written with markers",
        ),
    },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    writes: true,
    fallbackHint: SERVICE_FALLBACK_HINT,
    unknownArgumentNotes: SERVICE_ARGUMENT_NOTES,
    async run(input, session) {
      const { plan, result, regenerated } = await createServiceInSession(session, input, true);
      return {
        workspaceRoot: plan.workspace.root,
        service: plan.service,
        addedInfra: plan.addedInfra,
        notes: plan.notes,
        written: result?.written ?? [],
        regenerated: regenerated.map(({ path: file, action, reason }) => ({ path: file, action, reason })),
      };
    },
  });

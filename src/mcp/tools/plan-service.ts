import path from 'node:path';
import { z } from 'zod';
import type { Session } from '../session.js';
import { defineTool, workspaceRootField } from '../tool.js';
import {
  SERVICE_ARGUMENT_NOTES,
  SERVICE_FALLBACK_HINT,
  type ServiceArguments,
  serviceArguments,
  serviceSummary,
} from './service-arguments.js';

export const planServiceTool = (templates: readonly string[]) =>
  defineTool({
    name: 'plan_service',
    title: 'Plan a service',
    description:
      'Previews create_service: the files it would write and the changes to msctl.yaml, refusing what create_service would refuse. Writes nothing.',
    input: serviceArguments(templates),
    output: {
      workspaceRoot: workspaceRootField,
      ...serviceSummary,
      files: z.array(z.string()).describe('Files it would write or change, relative to the workspace root'),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    fallbackHint: SERVICE_FALLBACK_HINT,
    unknownArgumentNotes: SERVICE_ARGUMENT_NOTES,
    async run(input, session) {
      const { plan } = await createServiceInSession(session, input, false);
      const files = [
        ...[...plan.serviceFiles.keys()].map((file) => path.posix.join(plan.service.path, file)),
        ...plan.workspaceFiles.keys(),
      ].sort();
      return {
        workspaceRoot: plan.workspace.root,
        service: plan.service,
        addedInfra: plan.addedInfra,
        notes: plan.notes,
        files,
      };
    },
  });

/**
 * Plans the service, and with `write` writes it under the workspace lock, in the session's workspace: never a new
 * workspace (init_workspace makes one). Two calls at once land one after the other, or one is refused.
 */
export async function createServiceInSession(session: Session, input: ServiceArguments, write: boolean) {
  const { createServiceInWorkspace } = await import('../../core/scaffold/create.js');
  const file = await session.workspaceFile();
  if (!file) throw session.noWorkspace();
  return createServiceInWorkspace({
    cwd: path.dirname(file),
    configFile: file,
    name: input.name,
    templateId: input.template,
    port: input.port,
    description: input.description,
    dependsOn: input.dependsOn,
    ci: input.ci,
    dryRun: !write,
  });
}

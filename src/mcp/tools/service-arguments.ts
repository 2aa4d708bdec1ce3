import { z } from 'zod';
import { serviceName } from '../../core/config/schema.js';
import { MAX_DEPENDENCIES, MAX_DESCRIPTION_LENGTH } from '../tool.js';

/** The arguments of a new service, shared by plan_service and create_service. */
export function serviceArguments(templates: readonly string[]) {
  const [first, ...rest] = templates;
  return {
    name: serviceName.describe(
      'The service name: a DNS-1123 label starting with a letter, e.g. "orders"; it becomes services/<name>',
    ),
    template: z
      .enum([first ?? 'node-fastify', ...rest])
      .default(templates.includes('node-fastify') ? 'node-fastify' : (first ?? 'node-fastify'))
      .describe('The template to scaffold from'),
    port: z
      .int('must be a whole number')
      .min(1, 'must be a TCP port from 1 to 65535')
      .max(65535, 'must be a TCP port from 1 to 65535')
      .optional()
      .describe('The port it listens on; default: the next free port from 3000'),
    dependsOn: z
      .array(serviceName)
      .max(MAX_DEPENDENCIES, `must name at most ${MAX_DEPENDENCIES} dependencies`)
      .default([])
      .describe(
        'Services or infra it needs; an infra kind (postgres, redis, rabbitmq) not yet in msctl.yaml is added',
      ),
    description: z
      .string()
      .max(MAX_DESCRIPTION_LENGTH, `must be at most ${MAX_DESCRIPTION_LENGTH} characters`)
      .default('')
      .describe('One line on what the service does, for its README and OpenAPI info'),
    ci: z.enum(['github', 'gitlab', 'none']).default('github').describe('The CI pipeline to add'),
  };
}

export type ServiceArguments = z.output<z.ZodObject<ReturnType<typeof serviceArguments>>>;

/** What a new service is, in both tools' results. */
export const serviceSummary = {
  service: z.object({
    name: z.string(),
    path: z.string().describe('Its folder, relative to the workspace root'),
    template: z.string(),
    templateVersion: z.string(),
    port: z.int(),
  }),
  addedInfra: z.array(z.string()).describe('Infra added to msctl.yaml for it'),
  notes: z.array(z.string()).describe('What to know that is not a problem, e.g. manifests now out of date'),
};

/** When a core hint names an option these tools do not take (`force`): they never overwrite. */
export const SERVICE_FALLBACK_HINT =
  'Choose another `name`; these tools never overwrite files (delete the folder first if it is yours to remove).';

/** Arguments of the command line that these tools do not take, and what to do instead. */
export const SERVICE_ARGUMENT_NOTES = {
  dryrun: 'plan_service previews a service without writing anything.',
  force: 'These tools never overwrite files.',
  workspace: 'The session works in one workspace, given by the server (or init_workspace).',
  yes: 'Tools never prompt.',
};

import { z } from 'zod';

/** RFC 1123 label: what Kubernetes, DNS and Docker networks all accept as a name. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;

export const dnsLabel = z
  .string()
  .max(63, 'must be at most 63 characters (a DNS-1123 label)')
  .regex(
    DNS_LABEL,
    'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit',
  );

const relativePath = z
  .string()
  .min(1)
  .refine((value) => !value.startsWith('/') && !/^[A-Za-z]:/.test(value), 'must be a relative path')
  .refine(
    (value) => !value.split(/[\\/]/).includes('..'),
    'must stay inside the workspace (no ".." segments)',
  );

const httpPath = z.string().regex(/^\/[^\s]*$/, 'must be an absolute URL path starting with "/"');
const port = z.int().min(1).max(65535);
const envName = z.string().regex(ENV_NAME, 'must be an environment variable name: letters, digits and "_"');

export const RUNTIMES = ['node', 'python', 'go'] as const;
export const INFRA_KINDS = ['postgres', 'redis', 'rabbitmq'] as const;
export type InfraKind = (typeof INFRA_KINDS)[number];

/** Versions used when `infra.<name>.version` is not given. */
export const DEFAULT_INFRA_VERSIONS: Record<InfraKind, string> = {
  postgres: '17',
  redis: '8',
  rabbitmq: '4',
};

const route = z.strictObject({
  path: httpPath.describe('Path prefix the gateway forwards.'),
  service: dnsLabel.describe('Service the requests go to.'),
  auth: z.enum(['none', 'jwt', 'api-key']).default('none').describe('Authentication the gateway enforces.'),
  rateLimit: z
    .string()
    .regex(/^[1-9][0-9]*\/(second|minute|hour)$/, 'must look like "100/minute" (per second, minute or hour)')
    .optional()
    .describe('Requests allowed per client, e.g. "100/minute".'),
});

const publish = z.union([
  port,
  z.strictObject({
    port: port.describe('Host port.'),
    host: z
      .string()
      .default('127.0.0.1')
      .describe('Host address to bind; 127.0.0.1 unless you mean otherwise.'),
  }),
]);

const replicas = z.union([
  z.int().min(1),
  z.strictObject({
    min: z.int().min(1).default(2),
    max: z.int().min(1).default(5),
    targetCPUUtilization: z.int().min(1).max(100).default(70),
  }),
]);

const resources = z.strictObject({
  cpu: z.string().regex(QUANTITY, 'must be a Kubernetes quantity such as "100m"').default('100m'),
  memory: z.string().regex(QUANTITY, 'must be a Kubernetes quantity such as "128Mi"').default('128Mi'),
  memoryLimit: z.string().regex(QUANTITY, 'must be a Kubernetes quantity such as "256Mi"').optional(),
});

/** The CI systems msctl writes pipelines for; `none` writes none. */
export const CI_PROVIDERS = ['github', 'gitlab', 'none'] as const;

export const serviceSchema = z.strictObject({
  path: relativePath.describe('Folder of the service, relative to msctl.yaml.'),
  template: z.string().optional().describe('Template it was created from (recorded by create-service).'),
  templateVersion: z.string().optional().describe('Version of that template.'),
  runtime: z.enum(RUNTIMES).default('node').describe('Selects the base image from images.base.'),
  description: z.string().optional(),
  port: port.describe('Port the service listens on inside its container.'),
  api: relativePath.optional().describe('OpenAPI description, relative to path; what `msctl lint` checks.'),
  dockerfile: relativePath.default('Dockerfile').describe('Dockerfile, relative to path.'),
  dependsOn: z.array(dnsLabel).default([]).describe('Services and infra this service needs.'),
  env: z
    .record(envName, z.union([z.string(), z.number(), z.boolean()]).transform(String))
    .default({})
    .describe('Plain settings: a ConfigMap in Kubernetes, container env locally.'),
  secrets: z
    .array(envName)
    .default([])
    .describe('Names of secret settings: values from a gitignored .env locally, a Secret in Kubernetes.'),
  health: z
    .strictObject({
      liveness: httpPath.default('/healthz'),
      readiness: httpPath.default('/readyz'),
    })
    .prefault({})
    .describe('HTTP paths of the liveness and readiness checks.'),
  replicas: replicas.default(2).describe('A fixed count, or min/max for a HorizontalPodAutoscaler.'),
  resources: resources
    .prefault({})
    .describe('CPU and memory requests (and memory limit) in Kubernetes quantities.'),
  publish: publish.optional().describe('Host port to publish on (127.0.0.1 by default).'),
  routes: z.array(route).default([]).describe('Gateway routes (gateway template).'),
  ci: z
    .enum(CI_PROVIDERS)
    .optional()
    .describe(
      "CI system whose pipeline `msctl generate ci` writes for this service (recorded by create-service and by `generate ci --ci`); the other provider's files msctl wrote are deleted when switching.",
    ),
});

const ownedEntry = z.union([
  relativePath.describe(
    'A generated file that is now yours, relative to msctl.yaml: msctl never writes, merges nor deletes it again.',
  ),
  z
    .strictObject({
      file: relativePath.describe('A generated YAML file, relative to msctl.yaml.'),
      paths: z
        .array(z.string().min(1))
        .min(1)
        .describe(
          'Key paths in it that are yours, dot-separated, list items by index: `spec.replicas`, `spec.template.spec.containers.0.resources`. msctl keeps your value there and the rest of the file generated.',
        ),
    })
    .describe('Parts of a generated YAML file that are yours.'),
]);

export const infraSchema = z.strictObject({
  kind: z
    .enum(INFRA_KINDS)
    .optional()
    .describe('What it is; defaults to its name when that is a known kind.'),
  version: z.string().optional().describe('Version of the official image.'),
  image: z
    .string()
    .optional()
    .describe('Image to use instead of the official one (mirrors, air-gapped registries).'),
  publish: publish.optional().describe('Host port to publish on (127.0.0.1 by default).'),
});

export const workspaceSchema = z
  .strictObject({
    version: z.literal(1).describe('Format version of this file.'),
    name: dnsLabel.describe('Project name: container labels, Kubernetes namespace, network name.'),
    images: z
      .strictObject({
        registry: z.string().optional().describe('Where CI pushes images and Kubernetes pulls them from.'),
        base: z
          .strictObject({
            node: z.string().default('node:24-bookworm-slim'),
            python: z.string().default('python:3.13-slim-bookworm'),
            go: z.string().default('golang:1.25-bookworm'),
          })
          .prefault({})
          .describe('Base images by runtime; a mirror or an air-gapped registry goes here.'),
      })
      .prefault({})
      .describe('Container images: where they go and what they build from.'),
    // Names are checked with the cross-field rules so that a bad name does not hide the problems in its body.
    services: z
      .record(z.string(), serviceSchema)
      .default({})
      .describe('The services of the system, by name.'),
    infra: z
      .record(z.string(), infraSchema)
      .default({})
      .describe('Backing services (postgres, redis, rabbitmq), official images by default.'),
    governance: z
      .strictObject({
        extends: z
          .array(z.string())
          .default(['msctl:recommended'])
          .describe('Presets or Spectral-style rulesets.'),
        ruleset: relativePath.optional().describe('A Spectral-style ruleset file, relative to msctl.yaml.'),
        failSeverity: z
          .enum(['error', 'warn', 'info', 'hint'])
          .default('error')
          .describe('Lowest severity that fails `msctl lint`.'),
        baseline: relativePath.optional().describe('Baseline of known findings, relative to msctl.yaml.'),
      })
      .prefault({})
      .describe('API governance: what `msctl lint` enforces.'),
    generate: z
      .strictObject({
        owned: z
          .array(ownedEntry)
          .default([])
          .describe(
            'Generated files, or key paths in them, that you own: regeneration keeps them as you wrote them and `msctl generate --check` does not count them as edits.',
          ),
      })
      .prefault({})
      .describe('What `msctl generate` and create-service write: see docs/generate.md.'),
  })
  .describe('msctl workspace: the single source of truth of a system of services.');

/** The workspace as written (defaults not yet applied). */
export type WorkspaceInput = z.input<typeof workspaceSchema>;
/** The workspace with defaults applied. */
export type WorkspaceConfig = z.output<typeof workspaceSchema>;
export type ServiceConfig = z.output<typeof serviceSchema>;
export type InfraConfig = z.output<typeof infraSchema>;
export type RouteConfig = z.output<typeof route>;

/** The JSON Schema of msctl.yaml, for editors and `msctl schema`. */
export function workspaceJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(workspaceSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://msctl.dev/schema/msctl.schema.json',
    title: 'msctl.yaml',
  };
}

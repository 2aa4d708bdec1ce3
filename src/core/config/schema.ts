import { z } from 'zod';
import { DEFAULT_BASE_IMAGES } from './base-images.js';

/**
 * The longest value each kind of string in msctl.yaml may have. The file is read whole and capped at 1 MiB, so
 * no single value may come near that; the CLI's flags and the MCP server's arguments are held to the same numbers.
 */
export const STRING_LIMITS = {
  /** Project, service and infra names: DNS labels. */
  name: 63,
  description: 1000,
  /** Relative file paths and HTTP paths. */
  path: 1024,
  /** Image references: registry/repository:tag@digest. */
  image: 512,
  /** Template ids and versions, image tags. */
  version: 128,
  /** Environment variable and secret names (a ConfigMap or Secret key). */
  envName: 253,
  envValue: 8192,
  /** A host address to publish on. */
  host: 253,
  /** Kubernetes quantities and rate limits. */
  short: 32,
} as const;

const text = (limit: number) => z.string().max(limit, `must be at most ${limit} characters`);

/** RFC 1123 label: what Kubernetes, DNS and Docker networks all accept as a name (a namespace, a network). */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1035 label: what Kubernetes requires of a Service name, so of every service and infra name. */
export const SERVICE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;

export const SERVICE_NAME_RULE = `a service or infra name must be a DNS-1123 label that starts with a letter, as a Kubernetes Service name (DNS-1035): 1 to ${STRING_LIMITS.name} lowercase letters, digits and "-", ending with a letter or digit (e.g. orders, orders-api)`;

/** What is wrong with a service or infra name, with the rule; undefined when it follows the rule. */
export function serviceNameProblem(name: string, kind: 'service' | 'infra' = 'service'): string | undefined {
  const problem =
    name.length === 0
      ? `The ${kind} name is empty`
      : name.length > STRING_LIMITS.name
        ? `"${name.slice(0, 20)}…" is ${name.length} characters long`
        : /^[0-9]/.test(name) && DNS_LABEL.test(name)
          ? `"${name}" starts with a digit, which a Kubernetes Service name cannot`
          : !SERVICE_NAME.test(name)
            ? `"${name}" is not a valid ${kind} name`
            : undefined;
  return problem && `${problem}: ${SERVICE_NAME_RULE}.`;
}

export const dnsLabel = z
  .string()
  .max(STRING_LIMITS.name, `must be at most ${STRING_LIMITS.name} characters (a DNS-1123 label)`)
  .regex(
    DNS_LABEL,
    'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit',
  );

/** A service or infra name, as a key of `services` or `infra` and wherever one is named. */
export const serviceName = z
  .string()
  .max(STRING_LIMITS.name, `must be at most ${STRING_LIMITS.name} characters (a DNS-1035 label)`)
  .regex(
    SERVICE_NAME,
    'must be a DNS-1123 label that starts with a letter, as a Kubernetes Service name (DNS-1035): lowercase letters, digits and "-", ending with a letter or digit',
  );

const relativePath = text(STRING_LIMITS.path)
  .min(1)
  .refine((value) => !value.startsWith('/') && !/^[A-Za-z]:/.test(value), 'must be a relative path')
  .refine(
    (value) => !value.split(/[\\/]/).includes('..'),
    'must stay inside the workspace (no ".." segments)',
  );

const httpPath = text(STRING_LIMITS.path).regex(
  /^\/[^\s]*$/,
  'must be an absolute URL path starting with "/"',
);
const port = z.int().min(1).max(65535);
const envName = text(STRING_LIMITS.envName).regex(
  ENV_NAME,
  'must be an environment variable name: letters, digits and "_"',
);
const image = text(STRING_LIMITS.image);
const quantity = (example: string) =>
  text(STRING_LIMITS.short).regex(QUANTITY, `must be a Kubernetes quantity such as "${example}"`);

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
  service: serviceName.describe('Service the requests go to.'),
  auth: z.enum(['none', 'jwt', 'api-key']).default('none').describe('Authentication the gateway enforces.'),
  rateLimit: text(STRING_LIMITS.short)
    .regex(/^[1-9][0-9]*\/(second|minute|hour)$/, 'must look like "100/minute" (per second, minute or hour)')
    .optional()
    .describe('Requests allowed per client, e.g. "100/minute".'),
});

const publish = z.union([
  port,
  z.strictObject({
    port: port.describe('Host port.'),
    host: text(STRING_LIMITS.host)
      .default('127.0.0.1')
      .describe('Host address to bind; 127.0.0.1 unless you mean otherwise.'),
  }),
]);

/** A DNS name an Ingress may route: lower-case labels, an optional leading `*.` wildcard. */
const ingressHost = text(STRING_LIMITS.host).regex(
  /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
  'must be a lower-case DNS name such as "shop.example.com"',
);

const expose = z.strictObject({
  host: ingressHost
    .optional()
    .describe('Host name the Ingress routes to this service; every host when absent.'),
  path: httpPath.default('/').describe('Path prefix the Ingress routes to this service.'),
  controllerNamespace: serviceName
    .default('ingress-nginx')
    .describe(
      "Namespace of the ingress controller's pods: the only one the service's NetworkPolicy admits from outside the workspace.",
    ),
});

const replicas = z.union([
  z.int().min(1),
  z.strictObject({
    min: z.int().min(1).default(2),
    max: z.int().min(1).default(5),
    targetCPUUtilization: z.int().min(1).max(100).default(70),
  }),
]);

const resources = z.strictObject({
  cpu: quantity('100m').default('100m'),
  memory: quantity('128Mi').default('128Mi'),
  memoryLimit: quantity('256Mi').optional(),
});

/** The CI systems msctl writes pipelines for; `none` writes none. */
export const CI_PROVIDERS = ['github', 'gitlab', 'none'] as const;

export const serviceSchema = z.strictObject({
  path: relativePath.describe('Folder of the service, relative to msctl.yaml.'),
  template: text(STRING_LIMITS.version)
    .optional()
    .describe('Template it was created from (recorded by create-service).'),
  templateVersion: text(STRING_LIMITS.version).optional().describe('Version of that template.'),
  runtime: z.enum(RUNTIMES).default('node').describe('Selects the base image from images.base.'),
  description: text(STRING_LIMITS.description).optional().describe('What the service is for, in a sentence.'),
  port: port.describe('Port the service listens on inside its container.'),
  api: relativePath.optional().describe('OpenAPI description, relative to path; what `msctl lint` checks.'),
  dockerfile: relativePath.default('Dockerfile').describe('Dockerfile, relative to path.'),
  dependsOn: z.array(serviceName).default([]).describe('Services and infra this service needs.'),
  env: z
    .record(envName, z.union([text(STRING_LIMITS.envValue), z.number(), z.boolean()]).transform(String))
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
  publish: publish
    .optional()
    .describe(
      'Host port to publish on for `msctl up` (127.0.0.1 by default); local only: nothing in Kubernetes.',
    ),
  expose: expose
    .optional()
    .describe(
      'Reachable from outside the cluster: an Ingress and a NetworkPolicy rule admitting the ingress controller. Without it, only the services that depend on it reach it.',
    ),
  version: text(STRING_LIMITS.version)
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'must be a valid image tag such as "1.4.0"')
    .optional()
    .describe(
      'Version of the service: the image tag the Kubernetes overlays deploy until CI promotes `sha-<commit>`; 0.1.0 when absent.',
    ),
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
        .array(text(STRING_LIMITS.path).min(1))
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
  version: text(STRING_LIMITS.version).optional().describe('Version of the official image.'),
  image: image
    .optional()
    .describe('Image to use instead of the official one (mirrors, air-gapped registries).'),
  publish: publish.optional().describe('Host port to publish on (127.0.0.1 by default).'),
});

// Names are checked with the cross-field rules so that a bad name does not hide the problems in its body; the
// JSON Schema still gives editors the rule (see workspaceJsonSchema).
const servicesRecord = z.record(z.string(), serviceSchema);
const infraRecord = z.record(z.string(), infraSchema);

export const workspaceSchema = z
  .strictObject({
    version: z.literal(1).describe('Format version of this file.'),
    name: dnsLabel.describe('Project name: container labels, Kubernetes namespace, network name.'),
    msctl: text(64)
      .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'must be an exact msctl version such as "0.4.1"')
      .optional()
      .describe(
        'The msctl version this workspace uses, exactly: the generated pipelines run `npx --yes msctl@<version>`. Written by `msctl init` and by create-service when they create the workspace; when absent, the version of msctl that generated them.',
      ),
    images: z
      .strictObject({
        registry: image
          .optional()
          .describe(
            'Where CI pushes images and Kubernetes pulls them from, e.g. ghcr.io/acme/shop: required by `msctl generate k8s` (`msctl init --registry` records it).',
          ),
        base: z
          .strictObject({
            node: image.default(DEFAULT_BASE_IMAGES.node),
            python: image.default(DEFAULT_BASE_IMAGES.python),
            go: image.default(DEFAULT_BASE_IMAGES.go),
          })
          .prefault({})
          .describe('Base images by runtime; a mirror or an air-gapped registry goes here.'),
      })
      .prefault({})
      .describe('Container images: where they go and what they build from.'),
    telemetry: z
      .strictObject({
        endpoint: text(STRING_LIMITS.path)
          .regex(
            /^https?:\/\/[^\s/:]+(:\d{1,5})?\/?$/,
            'must be an http(s) URL such as "http://otel-collector.observability:4318"',
          )
          .describe(
            'OTLP endpoint of the OpenTelemetry Collector: OTEL_EXPORTER_OTLP_ENDPOINT in every pod, and NetworkPolicy egress to it.',
          ),
      })
      .optional()
      .describe('Where the services send traces, metrics and logs in the cluster (OTLP).'),
    services: servicesRecord.default({}).describe('The services of the system, by name.'),
    infra: infraRecord
      .default({})
      .describe('Backing services (postgres, redis, rabbitmq), official images by default.'),
    governance: z
      .strictObject({
        extends: z
          .array(text(STRING_LIMITS.path))
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
    ...z.toJSONSchema(workspaceSchema, {
      io: 'input',
      target: 'draft-2020-12',
      override: ({ zodSchema, jsonSchema }) => {
        if (zodSchema === servicesRecord || zodSchema === infraRecord) {
          jsonSchema.propertyNames = {
            ...(jsonSchema.propertyNames as object),
            maxLength: STRING_LIMITS.name,
            pattern: SERVICE_NAME.source,
          };
        }
      },
    }),
    $id: 'https://msctl.dev/schema/msctl.schema.json',
    title: 'msctl.yaml',
  };
}

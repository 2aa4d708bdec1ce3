import type { InfraKind, WorkspaceConfig } from '../../config/schema.js';
import { defaultInfraVersion, INFRA_PORTS } from '../dependencies.js';

/** The user the official postgres, redis and rabbitmq images define for their server (Debian images). */
const INFRA_USER = 999;

/** Where each official image keeps its data, and what the server needs to start. */
const INFRA: Record<InfraKind, { data: string; env?: Record<string, string>; readiness: string[] }> = {
  postgres: {
    data: '/var/lib/postgresql/data',
    // A subfolder: the mount point itself belongs to root's emptyDir and initdb wants an empty folder it owns.
    env: { PGDATA: '/var/lib/postgresql/data/pgdata', POSTGRES_USER: 'postgres' },
    readiness: ['pg_isready', '-h', '127.0.0.1', '-U', 'postgres'],
  },
  redis: { data: '/data', readiness: ['redis-cli', 'ping'] },
  rabbitmq: { data: '/var/lib/rabbitmq', readiness: ['rabbitmq-diagnostics', '-q', 'ping'] },
};

/** The Secret the dev postgres reads its password from: a dev-only default, as `msctl up` uses. */
export const DEV_INFRA_SECRET = 'infra-dev-credentials';

export function devInfraSecret(workspace: WorkspaceConfig) {
  const postgres = Object.entries(workspace.infra).some(
    ([name, infra]) => (infra.kind ?? name) === 'postgres',
  );
  return postgres
    ? {
        name: DEV_INFRA_SECRET,
        literals: ['POSTGRES_PASSWORD=postgres'],
        options: { disableNameSuffixHash: true },
      }
    : undefined;
}

/**
 * The infra of the workspace as pods in a development cluster: one Deployment and one Service each, named as
 * `msctl up` names them, with throw-away data (emptyDir). Production uses managed or separately run infra,
 * reached through the URLs in each service's Secret; so the prod overlay has none of this.
 */
export function devInfraFiles(workspace: WorkspaceConfig): Map<string, object[]> {
  const files = new Map<string, object[]>();
  for (const [name, infra] of Object.entries(workspace.infra).sort(([left], [right]) =>
    left.localeCompare(right),
  )) {
    const kind = (infra.kind ?? name) as InfraKind;
    const labels = {
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/part-of': workspace.name,
      'app.kubernetes.io/component': 'infra',
      'app.kubernetes.io/managed-by': 'msctl',
    };
    const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': workspace.name };
    const port = INFRA_PORTS[kind];
    const settings = INFRA[kind];
    const env = [
      ...Object.entries(settings.env ?? {}).map(([key, value]) => ({ name: key, value })),
      ...(kind === 'postgres'
        ? [
            { name: 'POSTGRES_DB', value: workspace.name },
            {
              name: 'POSTGRES_PASSWORD',
              valueFrom: { secretKeyRef: { name: DEV_INFRA_SECRET, key: 'POSTGRES_PASSWORD' } },
            },
          ]
        : []),
    ];
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels },
      spec: {
        replicas: 1,
        // One pod owns the data folder: never two at once.
        strategy: { type: 'Recreate' },
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: INFRA_USER,
              runAsGroup: INFRA_USER,
              fsGroup: INFRA_USER,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name,
                image: infra.image ?? `${kind}:${infra.version ?? defaultInfraVersion(kind)}`,
                ports: [{ name: kind, containerPort: port, protocol: 'TCP' }],
                ...(env.length > 0 && { env }),
                readinessProbe: {
                  exec: { command: settings.readiness },
                  periodSeconds: 5,
                  timeoutSeconds: 5,
                },
                resources: { requests: { cpu: '50m', memory: '256Mi' }, limits: { memory: '512Mi' } },
                securityContext: {
                  runAsNonRoot: true,
                  allowPrivilegeEscalation: false,
                  capabilities: { drop: ['ALL'] },
                  seccompProfile: { type: 'RuntimeDefault' },
                },
                volumeMounts: [{ name: 'data', mountPath: settings.data }],
              },
            ],
            volumes: [{ name: 'data', emptyDir: {} }],
          },
        },
      },
    };
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels },
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [{ name: kind, port, targetPort: kind, protocol: 'TCP' }],
      },
    };
    files.set(`infra-${name}.yaml`, [deployment, service]);
  }
  return files;
}

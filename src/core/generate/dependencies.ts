import {
  DEFAULT_INFRA_VERSIONS,
  INFRA_KINDS,
  type InfraKind,
  type WorkspaceConfig,
} from '../config/schema.js';
import { option, UserError, wording } from '../errors.js';

/** Ports the official images of each infra kind listen on. */
export const INFRA_PORTS: Record<InfraKind, number> = { postgres: 5432, redis: 6379, rabbitmq: 5672 };

/** The variable each kind's connection URL goes by, as every client library reads it first and `msctl up` sets it. */
export const INFRA_URL_VARIABLES: Record<InfraKind, string> = {
  postgres: 'DATABASE_URL',
  redis: 'REDIS_URL',
  rabbitmq: 'AMQP_URL',
};

/** What a service needs to reach one dependency: the template and the manifests read this. */
export interface ResolvedDependency {
  name: string;
  kind: 'service' | 'infra';
  /** The infra kind; null for services (null rather than absent, so strict templates can test it). */
  infraKind: InfraKind | null;
  /** Environment variable holding its URL, e.g. INVENTORY_URL or DATABASE_URL. */
  envName: string;
  port: number | null;
  /** Infra named on the command line that the workspace does not have yet. */
  isNew: boolean;
}

/** `inventory-api` -> `INVENTORY_API`: every "-" becomes "_", as `msctl up` names the variables. */
const environmentName = (name: string): string => name.toUpperCase().replace(/-/g, '_');

const isInfraKind = (name: string): name is InfraKind => (INFRA_KINDS as readonly string[]).includes(name);

/**
 * Resolves `--depends-on` names against the workspace: its services, its infra, or a known infra kind that
 * will be added. Anything else is refused with what the name could be.
 */
export function resolveDependencies(
  names: readonly string[],
  workspace: Pick<WorkspaceConfig, 'services' | 'infra'>,
): ResolvedDependency[] {
  const unique = [...new Set(names)];
  const resolved = unique.map((name): Omit<ResolvedDependency, 'envName'> => {
    const service = workspace.services[name];
    if (service) return { name, kind: 'service', infraKind: null, port: service.port, isNew: false };
    const infra = workspace.infra[name];
    if (infra) {
      const infraKind = infra.kind ?? (isInfraKind(name) ? name : undefined);
      if (!infraKind) throw new UserError(`infra "${name}" in msctl.yaml has no kind.`, 'Add `kind:` to it.');
      return { name, kind: 'infra', infraKind, port: INFRA_PORTS[infraKind], isNew: false };
    }
    if (isInfraKind(name))
      return { name, kind: 'infra', infraKind: name, port: INFRA_PORTS[name], isNew: true };
    const known = [...Object.keys(workspace.services), ...Object.keys(workspace.infra)];
    throw new UserError(
      wording`${option('dependsOn')} names "${name}", which is neither a service nor infra in this workspace.`,
      `Name an existing service or infra${known.length > 0 ? ` (${known.sort().join(', ')})` : ''}, or a kind of infra to add (${INFRA_KINDS.join(', ')}).`,
    );
  });
  const perKind = (kind: InfraKind) => resolved.filter((dependency) => dependency.infraKind === kind).length;
  return resolved.map((dependency) => ({
    ...dependency,
    // Services: <NAME>_URL. Infra: the kind's variable (DATABASE_URL), prefixed with the name when a service
    // needs two of one kind (ORDERS_DB_DATABASE_URL). The same rule as `msctl up`.
    envName:
      dependency.infraKind === null
        ? `${environmentName(dependency.name)}_URL`
        : perKind(dependency.infraKind) === 1
          ? INFRA_URL_VARIABLES[dependency.infraKind]
          : `${environmentName(dependency.name)}_${INFRA_URL_VARIABLES[dependency.infraKind]}`,
  }));
}

/** The version recorded for infra that create-service adds. */
export const defaultInfraVersion = (kind: InfraKind): string => DEFAULT_INFRA_VERSIONS[kind];

import type { ServiceConfig, WorkspaceConfig } from '../../config/schema.js';
import { resolveDependencies } from '../dependencies.js';

/** How a service's settings reach its container: plain values in a ConfigMap, the rest from its Secret. */
export interface ServiceEnvironment {
  plain: Record<string, string>;
  /** Names read with `secretKeyRef` from the service's Secret: declared secrets and infra URLs (credentials). */
  secret: string[];
}

export function serviceEnvironment(
  workspace: WorkspaceConfig,
  name: string,
  service: ServiceConfig,
): ServiceEnvironment {
  const plain: Record<string, string> = {
    NODE_ENV: 'production',
    // The template listens on 127.0.0.1 for local runs; in a pod the kubelet and the Service reach it from outside.
    HOST: '0.0.0.0',
    PORT: String(service.port),
  };
  const secret = new Set(service.secrets);
  for (const dependency of resolveDependencies(service.dependsOn, workspace)) {
    if (dependency.kind === 'service')
      plain[dependency.envName] = `http://${dependency.name}:${dependency.port}`;
    else secret.add(dependency.envName);
  }
  if (workspace.telemetry) {
    plain.OTEL_EXPORTER_OTLP_ENDPOINT = workspace.telemetry.endpoint.replace(/\/+$/, '');
    plain.OTEL_SERVICE_NAME = name;
  }
  Object.assign(plain, service.env);
  for (const key of secret) delete plain[key];
  return {
    plain: Object.fromEntries(Object.entries(plain).sort(([left], [right]) => left.localeCompare(right))),
    secret: [...secret].sort(),
  };
}

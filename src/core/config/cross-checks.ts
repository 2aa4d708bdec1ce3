import { ServiceGraph } from '../project/graph.js';
import { didYouMean } from './did-you-mean.js';
import type { PathSegment } from './positions.js';
import { INFRA_KINDS, serviceNameProblem } from './schema.js';

/** A problem that needs more than one field to see. */
export interface CrossFieldProblem {
  path: PathSegment[];
  target: 'key' | 'value';
  message: string;
  code: string;
}

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const entriesOf = (value: unknown): [string, unknown][] => (isRecord(value) ? Object.entries(value) : []);
const stringsOf = (value: unknown): [number, string][] =>
  Array.isArray(value)
    ? value.flatMap((item, index): [number, string][] => (typeof item === 'string' ? [[index, item]] : []))
    : [];

/**
 * Checks what the schema alone cannot: names, references between services, cycles and port clashes. It reads
 * the raw document defensively so that it reports alongside schema problems, not after they are fixed.
 */
export function checkWorkspace(raw: Raw): CrossFieldProblem[] {
  const problems: CrossFieldProblem[] = [];
  const services = entriesOf(raw.services);
  const infra = entriesOf(raw.infra);
  const serviceNames = new Set(services.map(([name]) => name));
  const known = new Set([...serviceNames, ...infra.map(([name]) => name)]);

  for (const [section, entries] of [
    ['services', services],
    ['infra', infra],
  ] as const) {
    for (const [name] of entries) {
      const problem = serviceNameProblem(name, section === 'services' ? 'service' : 'infra');
      if (problem) {
        problems.push({ path: [section, name], target: 'key', code: 'invalid-name', message: problem });
      }
    }
  }
  for (const [name, value] of infra) {
    if (serviceNames.has(name)) {
      problems.push({
        path: ['infra', name],
        target: 'key',
        code: 'duplicate-name',
        message: `"${name}" is both a service and infra; give one of them another name`,
      });
    }
    const kind = isRecord(value) ? value.kind : undefined;
    if (kind === undefined && !(INFRA_KINDS as readonly string[]).includes(name)) {
      problems.push({
        path: ['infra', name],
        target: 'key',
        code: 'missing-kind',
        message: `infra "${name}" needs a kind (${INFRA_KINDS.join(', ')}); it can only be left out when the name is the kind`,
      });
    }
  }

  const dependencies = new Map<string, string[]>();
  for (const [name, service] of services) {
    if (!isRecord(service)) continue;
    const valid: string[] = [];
    for (const [index, target] of stringsOf(service.dependsOn)) {
      const path = ['services', name, 'dependsOn', index];
      if (target === name) {
        problems.push({
          path,
          target: 'value',
          code: 'self-dependency',
          message: `"${name}" depends on itself`,
        });
      } else if (!known.has(target)) {
        problems.push({
          path,
          target: 'value',
          code: 'unknown-dependency',
          message: `"${name}" depends on "${target}", which is neither a service nor infra in this workspace${didYouMean(target, known)}`,
        });
      } else {
        valid.push(target);
      }
    }
    dependencies.set(name, valid);
    for (const [index, route] of (Array.isArray(service.routes) ? service.routes : []).entries()) {
      const target = isRecord(route) ? route.service : undefined;
      if (typeof target === 'string' && !serviceNames.has(target)) {
        problems.push({
          path: ['services', name, 'routes', index, 'service'],
          target: 'value',
          code: 'unknown-route-target',
          message: `route ${String((route as Raw).path ?? index)} of "${name}" goes to "${target}", which is not a service${didYouMean(target, serviceNames)}`,
        });
      }
    }
    const replicas = service.replicas;
    if (isRecord(replicas) && typeof replicas.min === 'number' && typeof replicas.max === 'number') {
      if (replicas.min > replicas.max) {
        problems.push({
          path: ['services', name, 'replicas', 'min'],
          target: 'value',
          code: 'replicas-range',
          message: `replicas.min (${replicas.min}) of "${name}" is greater than replicas.max (${replicas.max})`,
        });
      }
    }
  }

  const graph = new ServiceGraph(
    [...dependencies].map(([name, dependsOn]) => ({ name, kind: 'service' as const, dependsOn })),
  );
  for (const cycle of graph.findCycles()) {
    const [from, to] = cycle.slice(-2) as [string, string];
    const service = Object.fromEntries(services)[from] as Raw;
    const index = stringsOf(service.dependsOn).find(([, target]) => target === to)?.[0] ?? 0;
    problems.push({
      path: ['services', from, 'dependsOn', index],
      target: 'value',
      code: 'dependency-cycle',
      message: `dependency cycle: ${cycle.join(' -> ')}`,
    });
  }

  problems.push(...checkPorts(services, infra));
  return problems;
}

function checkPorts(services: [string, unknown][], infra: [string, unknown][]): CrossFieldProblem[] {
  const problems: CrossFieldProblem[] = [];
  const containerPorts = new Map<number, string>();
  for (const [name, service] of services) {
    const port = isRecord(service) ? service.port : undefined;
    if (typeof port !== 'number') continue;
    const owner = containerPorts.get(port);
    if (owner) {
      problems.push({
        path: ['services', name, 'port'],
        target: 'value',
        code: 'port-clash',
        message: `"${name}" uses port ${port}, which "${owner}" already uses; give each service its own port`,
      });
    } else containerPorts.set(port, name);
  }
  const hostPorts = new Map<string, string>();
  for (const [section, entries] of [
    ['services', services],
    ['infra', infra],
  ] as const) {
    for (const [name, value] of entries) {
      const publish = isRecord(value) ? value.publish : undefined;
      const port = typeof publish === 'number' ? publish : isRecord(publish) ? publish.port : undefined;
      if (typeof port !== 'number') continue;
      const host = isRecord(publish) && typeof publish.host === 'string' ? publish.host : '127.0.0.1';
      const key = `${host}:${port}`;
      const owner = hostPorts.get(key);
      if (owner) {
        problems.push({
          path: [section, name, 'publish'],
          target: 'value',
          code: 'publish-clash',
          message: `"${name}" publishes ${key}, which "${owner}" already publishes`,
        });
      } else hostPorts.set(key, name);
    }
  }
  return problems;
}

// Vendors the schemas the artifact tests validate against into test/fixtures/schemas/, small enough to keep
// in git: from the Kubernetes OpenAPI document only the definitions the generated kinds reach, without their
// descriptions. Run: node scripts/vendor-schemas.ts <folder holding the upstream files listed in SOURCES.md>
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The kinds msctl generates; everything they reference comes along. */
const KINDS = [
  'io.k8s.api.core.v1.Namespace',
  'io.k8s.api.core.v1.ServiceAccount',
  'io.k8s.api.core.v1.ConfigMap',
  'io.k8s.api.core.v1.Service',
  'io.k8s.api.apps.v1.Deployment',
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
  'io.k8s.api.policy.v1.PodDisruptionBudget',
  'io.k8s.api.networking.v1.NetworkPolicy',
  'io.k8s.api.networking.v1.Ingress',
  'io.k8s.api.core.v1.Secret',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

const source = process.argv[2];
if (!source) {
  process.stderr.write(
    'usage: node scripts/vendor-schemas.ts <folder with k8s-1.32-swagger.json, gitlab-ci.json, ...>\n',
  );
  process.exit(2);
}
const target = path.join(import.meta.dirname, '..', 'test', 'fixtures', 'schemas');
const read = (file: string): Schema => JSON.parse(readFileSync(path.join(source, file), 'utf8')) as Schema;

const swagger = read('k8s-1.32-swagger.json');
const all = swagger.definitions as Record<string, Schema>;
const kept: Record<string, Json> = {};
const kinds: Record<string, string> = {};
const pending = [...KINDS];
while (pending.length > 0) {
  const name = pending.pop() as string;
  if (name in kept) continue;
  const definition = all[name];
  if (!definition) throw new Error(`${name} is not in the OpenAPI document`);
  for (const gvk of (definition['x-kubernetes-group-version-kind'] ?? []) as Schema[]) {
    if (KINDS.includes(name))
      kinds[`${[gvk.group, gvk.version].filter(Boolean).join('/')}/${gvk.kind}`] = name;
  }
  kept[name] = strip(definition, pending);
}

/** Drops descriptions and vendor extensions (they are prose and hints, not constraints) and queues references. */
function strip(value: Json, references: string[]): Json {
  if (Array.isArray(value)) return value.map((item) => strip(item, references));
  if (value === null || typeof value !== 'object') return value;
  const result: Schema = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'description' || key.startsWith('x-kubernetes-')) continue;
    if (key === '$ref' && typeof child === 'string') references.push(child.replace('#/definitions/', ''));
    result[key] = strip(child, references);
  }
  return result;
}

const sorted = Object.fromEntries(Object.entries(kept).sort(([left], [right]) => left.localeCompare(right)));
const kubernetes = {
  info: swagger.info,
  kinds: Object.fromEntries(Object.entries(kinds).sort()),
  definitions: sorted,
};
writeFileSync(path.join(target, 'k8s-1.32-definitions.json'), `${JSON.stringify(kubernetes)}\n`);
// The other schemas are used whole; re-serialised without indentation, content unchanged.
for (const file of ['gitlab-ci.json', 'github-workflow.json', 'kustomization.json', 'renovate-schema.json']) {
  writeFileSync(path.join(target, file), `${JSON.stringify(read(file))}\n`);
}
process.stdout.write(
  `${Object.keys(sorted).length} Kubernetes definitions for ${Object.keys(kinds).length} kinds\n`,
);

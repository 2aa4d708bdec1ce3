import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Seed } from './mutations.js';

const fixtures = path.join(import.meta.dirname, '../fixtures');
const read = (relative: string) => readFileSync(path.join(fixtures, relative), 'utf8');

/** The README's msctl.yaml example, as a user copies it. */
function readmeExample(): string {
  const readme = readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
  const example = /```yaml\n(version: 1\n[\s\S]*?)```/.exec(readme)?.[1];
  if (!example) throw new Error('README.md has no msctl.yaml example starting with `version: 1`');
  return example;
}

/** msctl.yaml files: every key once, the runtime tests' workspace, the README's example, the least there is. */
export function configSeeds(): Seed[] {
  return [
    { name: 'msctl.yaml', text: read('config/full.msctl.yaml') },
    { name: 'msctl.yaml', text: read('runtime/system/msctl.yaml') },
    { name: 'msctl.yaml', text: readmeExample() },
    { name: 'msctl.yaml', text: 'version: 1\nname: shop\n' },
  ];
}

/**
 * A Swagger 2.0 seed small enough to lint hundreds of times: the Kubernetes description cut to its first paths and
 * the definitions they reach.
 */
function kubernetesExcerpt(pathCount: number): string {
  const whole = JSON.parse(read('specs/k8s-swagger2.json')) as {
    paths: Record<string, unknown>;
    definitions: Record<string, unknown>;
  };
  const paths = Object.fromEntries(Object.entries(whole.paths).slice(0, pathCount));
  const definitions: Record<string, unknown> = {};
  const pending: unknown[] = [paths];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const name =
          key === '$ref' && typeof child === 'string' ? child.replace('#/definitions/', '') : undefined;
        if (name !== undefined && !(name in definitions)) {
          definitions[name] = whole.definitions[name];
          pending.push(definitions[name]);
        } else pending.push(child);
      }
    }
  }
  return `${JSON.stringify({ ...whole, paths, definitions }, null, 2)}\n`;
}

/** OpenAPI descriptions in YAML and JSON, Swagger 2.0, OpenAPI 3.0 and 3.1, single files and ones with `$ref`s to files beside them. */
export function lintSeeds(): Seed[] {
  const petstore = read('specs/petstore.yaml');
  return [
    { name: 'petstore.yaml', text: petstore },
    { name: 'petstore.json', text: `${JSON.stringify(parse(petstore), null, 2)}\n` },
    { name: 'petstore-compact.json', text: JSON.stringify(parse(petstore)) },
    { name: 'kubernetes.json', text: kubernetesExcerpt(6) },
    {
      name: 'openapi.yaml',
      text: read('specs/train-travel/openapi.yaml'),
      companions: { 'docs/getting-started.md': read('specs/train-travel/docs/getting-started.md') },
    },
    {
      name: 'orders.yaml',
      text: read('lint/formatters/openapi.yaml'),
      companions: { 'responses.yaml': read('lint/formatters/responses.yaml') },
    },
  ];
}
